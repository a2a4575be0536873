import BounceCore
import BounceSystem

/// What a valid configuration asks for that this machine does not have right now: a missing
/// textfile directory, a sendmail that is not there, a password file not yet written.
///
/// These are warnings, not errors: the configuration may be checked before the packages it
/// relies on are installed, or on another machine than the one it is for.
public struct CheckConfigWarnings {
    /// Whether anything exists at a path.
    public var exists: (String) -> Bool
    /// Whether a path is a directory.
    public var isDirectory: (String) -> Bool
    /// Whether a path is a program this process could run.
    public var isExecutable: (String) -> Bool
    /// What is wrong with an existing SMTP password file (a link, open to others).
    public var passwordFileProblems: (String) -> [String]
    /// How many files a source's glob pattern matches now (rotated copies left out).
    public var matchCount: (String) -> Int
    /// Why a docker source's container (name or id, Docker's data root) cannot be found now;
    /// nil when it can.
    public var containerProblem: (String, String) -> String?

    /// A pattern matching more files than this is worth a warning even under `max_files`:
    /// each followed file holds a descriptor and an inotify watch.
    public static let manyFiles = 100

    public init(
        exists: @escaping (String) -> Bool, isDirectory: @escaping (String) -> Bool,
        isExecutable: @escaping (String) -> Bool,
        passwordFileProblems: @escaping (String) -> [String] = { _ in [] },
        matchCount: @escaping (String) -> Int = { _ in 0 },
        containerProblem: @escaping (String, String) -> String? = { _, _ in nil }
    ) {
        self.containerProblem = containerProblem
        self.exists = exists
        self.isDirectory = isDirectory
        self.isExecutable = isExecutable
        self.passwordFileProblems = passwordFileProblems
        self.matchCount = matchCount
    }

    /// One line per problem, `key: message`, in the order of the file.
    public func warnings(for config: Configuration) -> [String] {
        var found: [String] = []
        for (index, source) in config.sources.enumerated() {
            if case .file(let file) = source, file.isGlob {
                found += patternWarnings(file, key: "sources[\(index)].path")
            }
            if case .docker(let docker) = source {
                found += dockerWarnings(docker, key: "sources[\(index)]")
            }
            guard case .journal(let journal) = source else { continue }
            if let directory = journal.directory, !isDirectory(directory) {
                found.append("sources[\(index)].directory: \(directory) is not a directory")
            }
            for file in journal.files where !exists(file) {
                found.append("sources[\(index)].files: \(file) does not exist")
            }
        }
        if let textfile = config.metrics.textfile {
            let directory = Path.directory(of: textfile)
            if !isDirectory(directory) {
                found.append(
                    "metrics.textfile: the directory \(directory) does not exist (node_exporter's "
                        + "textfile directory; is prometheus-node-exporter installed?)")
            }
        }
        for (index, notifier) in config.notifiers.enumerated() {
            let key = "notifiers[\(index)]"
            switch notifier {
            case .sendmail(let sendmail) where !isExecutable(sendmail.path):
                found.append("\(key).path: \(sendmail.path) is not a program that can be run")
            case .smtp(let smtp):
                for (name, path) in [
                    ("ca_file", smtp.caFile), ("password_file", smtp.passwordFile),
                ] {
                    guard let path, !exists(path) else { continue }
                    found.append("\(key).\(name): \(path) does not exist")
                }
                if let path = smtp.passwordFile, exists(path) {
                    found += passwordFileProblems(path).map { "\(key).password_file: \($0)" }
                }
            case .file(let file):
                let directory = Path.directory(of: file.path)
                if !isDirectory(directory) {
                    found.append("\(key).path: the directory \(directory) does not exist")
                }
            default:
                break
            }
        }
        for (index, list) in (config.reputation?.lists ?? []).enumerated() {
            guard let path = list.keyFile else { continue }
            let key = "reputation.lists[\(index)].key_file"
            if exists(path) {
                found += passwordFileProblems(path).map { "\(key): \($0)" }
            } else {
                found.append("\(key): \(path) does not exist; \(list.id) will not be checked")
            }
        }
        return found
    }

    /// A container that cannot be found, or a json-file log that is not there.
    private func dockerWarnings(_ docker: DockerSourceConfig, key: String) -> [String] {
        switch docker.target {
        case .container(let name):
            return containerProblem(name, docker.dockerRoot).map { ["\(key).container: \($0)"] }
                ?? []
        case .path(let path):
            return exists(path) ? [] : ["\(key).path: \(path) does not exist"]
        }
    }

    /// A pattern that matches more files than `max_files`, or many files.
    private func patternWarnings(_ file: FileSourceConfig, key: String) -> [String] {
        let count = matchCount(file.path)
        if count > file.maxFiles {
            return [
                "\(key): \(file.path) matches \(count) files, more than max_files"
                    + " (\(file.maxFiles)): only \(file.maxFiles) will be followed"
            ]
        }
        if count > Self.manyFiles {
            return [
                "\(key): \(file.path) matches \(count) files; each one followed holds a"
                    + " descriptor open (max_files is \(file.maxFiles))"
            ]
        }
        return []
    }
}
