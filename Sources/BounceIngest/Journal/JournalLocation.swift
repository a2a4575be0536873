import BounceSystem

/// Which journal a `JournalSource` reads.
public enum JournalLocation: Sendable, Equatable, CustomStringConvertible {
    /// The local machine's system and user journals (`sd_journal_open` with
    /// `SD_JOURNAL_LOCAL_ONLY`), as journald keeps them.
    case system
    /// Every journal file in one directory (and its machine-id subdirectories), e.g.
    /// `/var/log/journal`, including files that appear later.
    case directory(String)
    /// These journal files, merged. Only these: a file that rotation puts in their place is not
    /// seen, so follow a live journal through its directory.
    case files([String])

    /// How the location is named in messages.
    public var description: String {
        switch self {
        case .system: "the system journal"
        case .directory(let path): path
        case .files(let paths): paths.joined(separator: ", ")
        }
    }

    /// The same location with relative paths made absolute against the working directory.
    ///
    /// libsystemd watches a journal's directory with inotify to follow it, and cannot work out
    /// the directory of a bare relative name: following then fails with EDESTADDRREQ.
    public func absolute() -> JournalLocation {
        switch self {
        case .system: .system
        case .directory(let path): .directory(Path.absolute(path))
        case .files(let paths): .files(paths.map(Path.absolute))
        }
    }
}
