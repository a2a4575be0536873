import BounceCore
import BounceSystem

/// Finds a container's `json-file` log under Docker's data root by the container's name or id,
/// reading each `containers/<id>/config.v2.json`, the file Docker keeps each container's
/// configuration in (present while the container exists, running or not).
public enum DockerContainers {
    /// A `config.v2.json` larger than this is not read (they are a few KiB).
    public static let configurationLimit = 4 * 1024 * 1024

    /// Why no log path could be given.
    public enum LookupError: Error, Equatable, Sendable, CustomStringConvertible {
        /// `containers/` under the root cannot be listed.
        case noContainerDirectory(root: String)
        case noSuchContainer(name: String, root: String)
        case ambiguous(name: String, candidates: [String])

        public var description: String {
            switch self {
            case .noContainerDirectory(let root):
                "\(root)/containers cannot be read (is Docker's data root elsewhere? set "
                    + "docker_root; does bouncewatch have read access?)"
            case .noSuchContainer(let name, let root):
                "no container named \"\(name)\" in \(root)/containers (see `docker ps -a`)"
            case .ambiguous(let name, let candidates):
                "\"\(name)\" is the start of several container ids ("
                    + candidates.prefix(5).joined(separator: ", ") + "): give more of it"
            }
        }
    }

    /// Every container found under `root`, in directory order.
    public static func all(root: String) throws(LookupError) -> [DockerContainer] {
        let directory = Path.join(root, "containers")
        guard FileSystem.isDirectory(directory) else {
            throw .noContainerDirectory(root: root)
        }
        var found: [DockerContainer] = []
        for entry in FileSystem.names(in: directory).sorted() {
            let path = Path.join(Path.join(directory, entry), "config.v2.json")
            guard let bytes = try? RegularFile.read(path, limit: configurationLimit),
                let container = DockerContainer(configuration: bytes), container.id == entry
            else { continue }
            found.append(container)
        }
        return found
    }

    /// The log path of the container `name` (a name or an id) under `root`.
    public static func logPath(of name: String, root: String) throws(LookupError) -> String {
        switch DockerContainerChoice.choose(name, among: try all(root: root)) {
        case .found(let container): return container.logPath(root: root)
        case .none: throw .noSuchContainer(name: name, root: root)
        case .ambiguous(let names): throw .ambiguous(name: name, candidates: names)
        }
    }
}
