/// One place log lines come from.
public enum SourceConfig: Sendable, Equatable {
    case file(FileSourceConfig)
    case journal(JournalSourceConfig)
    case docker(DockerSourceConfig)

    /// The `source` label of this source's metrics, unique within a configuration.
    public var name: String {
        switch self {
        case .file(let file): file.name
        case .journal(let journal): journal.name
        case .docker(let docker): docker.name
        }
    }
}

/// Where a source starts when it has no saved position.
public enum StartAt: String, Sendable, Equatable, CaseIterable {
    /// Only lines written from now on.
    case end
    /// Everything the file or journal holds.
    case beginning
}

/// `type: file`: one file or a glob of files.
public struct FileSourceConfig: Sendable, Equatable {
    /// A path or a `glob(3)` pattern (`/var/log/mail*.log`).
    public var path: String
    public var format: LogFormat
    /// For a file never seen before.
    public var startAt: StartAt
    /// The metric label; defaults to the path.
    public var name: String
    /// The most files a pattern is followed in at once (each holds a descriptor open).
    public var maxFiles: Int

    /// `max_files` when the configuration does not say.
    public static let defaultMaxFiles = 256
    /// The largest `max_files` accepted.
    public static let maxFilesCeiling = 65_536

    /// True when `path` has glob characters.
    public var isGlob: Bool { path.contains(where: { "*?[".contains($0) }) }

    public init(
        path: String, format: LogFormat = .auto, startAt: StartAt = .end, name: String? = nil,
        maxFiles: Int = FileSourceConfig.defaultMaxFiles
    ) {
        self.path = path
        self.format = format
        self.startAt = startAt
        self.name = name ?? path
        self.maxFiles = maxFiles
    }
}

/// `type: journal`: the systemd journal through libsystemd.
public struct JournalSourceConfig: Sendable, Equatable {
    /// A journal directory (`/var/log/journal`); nil with no `files` means the system journal.
    public var directory: String?
    /// Journal files to read instead of a directory.
    public var files: [String]
    /// `SYSLOG_IDENTIFIER` prefixes to read.
    public var identifiers: [String]
    /// A container whose lines to read (`CONTAINER_NAME`, Docker's `journald` log driver)
    /// instead of entries chosen by identifier; nil reads by identifier.
    public var container: String?
    public var startAt: StartAt
    /// The metric label; defaults to `journal`.
    public var name: String

    public init(
        directory: String? = nil, files: [String] = [],
        identifiers: [String] = ["postfix", "exim"], container: String? = nil,
        startAt: StartAt = .end, name: String = "journal"
    ) {
        self.directory = directory
        self.files = files
        self.identifiers = identifiers
        self.container = container
        self.startAt = startAt
        self.name = name
    }
}
