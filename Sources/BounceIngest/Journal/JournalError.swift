/// Why the journal could not be opened, positioned, read or waited on.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The configured directory or file does not exist.
    case missing(path: String)
    /// A `directory` source names something that is not a directory.
    case notADirectory(path: String)
    /// The directory holds journal files, but libsystemd could open none of them: they are
    /// corrupt, from a newer systemd, or unreadable for this user.
    case noReadableJournalFiles(path: String, unreadable: Int)
    /// libsystemd refused to open the location.
    case openFailed(location: String, reason: String)
    /// A saved cursor is not a journal cursor.
    case invalidCursor(String)
    /// Reading or positioning failed after the journal was opened.
    case readFailed(location: String, reason: String)
    /// Setting up or polling the change notification failed.
    case waitFailed(location: String, reason: String)

    /// A one-line message for a mail administrator.
    public var description: String {
        switch self {
        case .missing(let path):
            "\(path): no such journal directory or file"
        case .notADirectory(let path):
            "\(path): is not a directory (use `files:` for single journal files)"
        case .noReadableJournalFiles(let path, let unreadable):
            "\(path): none of its \(unreadable) journal file(s) can be read"
                + " (corrupt, from a newer systemd, or permission denied)"
        case .openFailed(let location, let reason):
            "\(location): cannot open the journal: \(reason)"
        case .invalidCursor(let cursor):
            "saved journal cursor is not valid: \(cursor.prefix(200))"
        case .readFailed(let location, let reason):
            "\(location): journal read error: \(reason)"
        case .waitFailed(let location, let reason):
            "\(location): cannot wait for journal changes: \(reason)"
        }
    }

    /// The C library's text for a negative errno return of libsystemd.
    static func reason(_ result: Int32) -> String {
        IngestError.systemMessage(-result)
    }
}
