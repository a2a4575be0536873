import BounceCore
import BounceSystem

/// Reads `bouncewatch.yml` into a checked `Configuration`.
///
/// Every key is optional and an empty file is a valid configuration. Unknown keys, values of
/// the wrong type or shape, and YAML syntax errors are all reported with the file, the line and
/// the dotted key; one run reports up to `ProblemLog.limit` problems at once.
public enum ConfigLoader {
    /// Where the daemon and `check-config` look when no `--config` is given.
    public static let defaultPath = "/etc/bouncewatch/bouncewatch.yml"

    /// The largest file read; a configuration is a few kilobytes.
    static let largestFile = 1 << 20

    /// The keys at the top of the file.
    static let topKeys = [
        "sources", "state_directory", "hostname", "metrics", "default_alerts", "alerts",
        "notifiers", "rules", "providers", "reputation", "queue", "digest",
        "compromised_account",
    ]

    /// Reads and checks the file at `path`; `type: auto` sources look at this machine's files.
    public static func load(path: String) throws(ConfigError) -> Configuration {
        let text = try read(path)
        return try load(yaml: text, origin: path, fileExists: FileSystem.exists)
    }

    /// Checks `yaml`; `origin` names it in messages, `fileExists` decides `type: auto` sources.
    public static func load(
        yaml: String, origin: String, fileExists: (String) -> Bool
    ) throws(ConfigError) -> Configuration {
        let log = ProblemLog(file: origin)
        let root: YAMLNode?
        do {
            root = try YAMLReader.document(in: yaml)
        } catch {
            throw ConfigError(file: origin, line: error.line, key: "", message: error.message)
        }
        return try withoutActuallyEscaping(fileExists) { exists throws(ConfigError) in
            let reader = ConfigReader(log: log, fileExists: exists)
            let configuration = read(root.map { Field(node: $0, key: "") }, reader)
            if let error = log.error() { throw error }
            try checkLayering(configuration.rules, origin: origin)
            return configuration
        }
    }

    private static func read(_ root: Field?, _ reader: ConfigReader) -> Configuration {
        var configuration = Configuration()
        var top: Section?
        if let root, !root.isNull {
            top = reader.section(root, known: topKeys)
            if top == nil { return configuration }
        }
        configuration.sources = reader.sources(top?["sources"])
        if let field = top?["state_directory"], let path = reader.absolutePath(field) {
            configuration.stateDirectory = path
        }
        if let field = top?["hostname"], !field.isNull {
            configuration.hostname = reader.line(field, maximumLength: 253)
        }
        configuration.metrics = reader.metrics(top?["metrics"])
        var accountsOff = false
        configuration.alerts = reader.alerts(
            top?["alerts"], defaults: top?["default_alerts"],
            disabledLookups: &configuration.disabledLookupAlerts,
            compromisedAccountOff: &accountsOff)
        // Asked for with a `compromised_account:` section (`{}` for the defaults): it needs the
        // message state, which costs the daemon about a tenth more per line.
        let accounts = reader.compromisedAccount(top?["compromised_account"])
        configuration.compromisedAccount =
            accountsOff || top?["compromised_account"] == nil ? nil : accounts
        configuration.notifiers = reader.notifiers(top?["notifiers"])
        configuration.rules = reader.userRules(top?["rules"])
        configuration.providers = reader.providers(top?["providers"])
        configuration.reputation = reader.reputation(top?["reputation"])
        configuration.queue = reader.queue(top?["queue"])
        configuration.digest = reader.digest(
            top?["digest"], notifiers: configuration.notifiers)
        return configuration
    }

    /// Whether the user rules fit over the built-in ones (ids, `replaces`, samples): the
    /// classifier decides, and its verdict is reported like any other problem of the file, so
    /// neither `check-config` nor the daemon accepts rules the classifier would refuse.
    private static func checkLayering(_ rules: [UserRuleSpec], origin: String)
        throws(ConfigError)
    {
        guard !rules.isEmpty else { return }
        do {
            _ = try Classifier.standard.layering(rules)
        } catch {
            let index =
                rules.firstIndex { $0.line != nil && $0.line == error.line }
                ?? rules.firstIndex { $0.id == error.id }
            throw ConfigError(
                file: origin, line: error.line, key: index.map { "rules[\($0)]" } ?? "rules",
                message: error.message)
        }
    }

    /// The file's text; unreadable, oversized or non-UTF-8 files are errors of their own.
    private static func read(_ path: String) throws(ConfigError) -> String {
        func failure(_ message: String) -> ConfigError {
            ConfigError(file: path, line: nil, key: "", message: message)
        }
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path, limit: largestFile)
        } catch {
            switch error {
            case .notRegular, .symbolicLink: throw failure("is not a regular file")
            case .tooLarge:
                throw failure("is larger than \(largestFile >> 20) MiB; not a configuration file")
            case .system(let system):
                throw failure("cannot read the configuration: \(system.reason)")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(
                file: path, line: firstLineNotUTF8(bytes), key: "", message: "is not UTF-8 text")
        }
        return text
    }

    /// The 1-based line holding the first byte that is not UTF-8; a line break never occurs
    /// inside a UTF-8 sequence, so each line can be checked alone.
    private static func firstLineNotUTF8(_ bytes: [UInt8]) -> Int? {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        return lines.firstIndex { String(validating: $0, as: UTF8.self) == nil }.map { $0 + 1 }
    }
}
