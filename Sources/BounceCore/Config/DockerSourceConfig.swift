/// `type: docker`: a container's log as Docker's `json-file` driver writes it, followed like a
/// file (rotations `-json.log.1`, ... included), each record unescaped and long lines joined.
public struct DockerSourceConfig: Sendable, Equatable {
    /// What the source reads.
    public enum Target: Sendable, Equatable {
        /// A container name or id, looked up in `<docker_root>/containers/*/config.v2.json`
        /// when the source starts, and again when its log file is gone (a recreated container
        /// has a new id).
        case container(String)
        /// A `json-file` log given by its path.
        case path(String)
    }

    public var target: Target
    /// Docker's data root, where `containers/` is.
    public var dockerRoot: String
    public var format: LogFormat
    /// For a log never seen before.
    public var startAt: StartAt
    /// The metric label; defaults to the container name or the path.
    public var name: String

    /// Docker's data root when the configuration does not say.
    public static let defaultDockerRoot = "/var/lib/docker"

    public init(
        target: Target, dockerRoot: String = DockerSourceConfig.defaultDockerRoot,
        format: LogFormat = .auto, startAt: StartAt = .end, name: String? = nil
    ) {
        self.target = target
        self.dockerRoot = dockerRoot
        self.format = format
        self.startAt = startAt
        switch target {
        case .container(let container): self.name = name ?? container
        case .path(let path): self.name = name ?? path
        }
    }
}
