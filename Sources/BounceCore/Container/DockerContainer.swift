/// What a container's `config.v2.json` (under `<docker root>/containers/<id>/`) says about it
/// that a source needs: its id and its name. Docker stores the name with a leading `/`.
public struct DockerContainer: Sendable, Equatable {
    /// The full 64-hex-digit id, which names the container's directory and log file.
    public var id: String
    /// The name without its leading `/`, e.g. `mailcowdockerized-postfix-mailcow-1`.
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The shortest id prefix accepted for a container, as `docker ps` shows ids.
    public static let shortestIDPrefix = 12

    /// Reads the id and name out of a `config.v2.json` document; nil when they are missing or
    /// the id is not a plain hexadecimal id (it becomes a path).
    public init?(configuration bytes: [UInt8]) {
        guard let document = try? JSONReader.parse(bytes),
            let id = document["ID"]?.string, Self.isID(id)
        else { return nil }
        let name = document["Name"]?.string ?? ""
        self.init(id: id, name: name.hasPrefix("/") ? String(name.dropFirst()) : name)
    }

    /// Whether `wanted` names this container: its name (with or without the `/`), its id, or
    /// an id prefix of at least `shortestIDPrefix` digits.
    public func isNamed(_ wanted: String) -> Bool {
        let bare = wanted.hasPrefix("/") ? String(wanted.dropFirst()) : wanted
        if !name.isEmpty, bare == name { return true }
        return bare.utf8.count >= Self.shortestIDPrefix && Self.isID(bare) && id.hasPrefix(bare)
    }

    /// The container's `json-file` log under `root` (`/var/lib/docker`).
    public func logPath(root: String) -> String {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        return "\(base)/containers/\(id)/\(id)-json.log"
    }

    /// Lower-case hexadecimal digits only, at most 64 of them.
    static func isID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy {
                ByteScan.isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
            }
    }
}

/// Picks the container a `container:` setting names among those found.
public enum DockerContainerChoice {
    /// What came out of the search.
    public enum Outcome: Equatable, Sendable {
        case found(DockerContainer)
        /// No container has that name or id.
        case none
        /// An id prefix shared by several containers.
        case ambiguous([String])
    }

    /// An exact name or full id wins; otherwise one container whose id starts with `wanted`.
    public static func choose(_ wanted: String, among containers: [DockerContainer]) -> Outcome {
        let bare = wanted.hasPrefix("/") ? String(wanted.dropFirst()) : wanted
        if let exact = containers.first(where: { $0.name == bare || $0.id == bare }) {
            return .found(exact)
        }
        let matches = containers.filter { $0.isNamed(wanted) }
        switch matches.count {
        case 0: return .none
        case 1: return .found(matches[0])
        default: return .ambiguous(matches.map(\.name).sorted())
        }
    }
}
