import BounceSystem

/// Why an input could not be read, or could be read only in part.
///
/// Every case names the input as the user gave it, so a message can be shown as it is.
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path does not exist (or is a symbolic link to nothing).
    case missingFile(path: String)
    /// The path is a directory.
    case isDirectory(path: String)
    /// The operating system refused access.
    case permissionDenied(path: String)
    /// The path exists but is nothing that can be read as a log: a socket, a device that
    /// refuses to open, a symbolic link loop.
    case notReadable(path: String, reason: String)
    /// The gzip data ends before the end of the compressed stream. `offset` is the number of
    /// compressed bytes that were read; every line before the damage was delivered.
    case truncatedGzip(path: String, offset: Int)
    /// The gzip data is damaged at compressed byte `offset`; every line before it was delivered.
    case corruptGzip(path: String, offset: Int, reason: String)
    /// A read failed after the file was opened.
    case readError(path: String, reason: String)

    /// The input the error is about.
    public var path: String {
        switch self {
        case .missingFile(let path), .isDirectory(let path), .permissionDenied(let path),
            .notReadable(let path, _), .truncatedGzip(let path, _), .corruptGzip(let path, _, _),
            .readError(let path, _):
            path
        }
    }

    /// A one-line message for a mail administrator, starting with the path.
    public var description: String { "\(path): \(reason)" }

    /// What went wrong, without the path.
    public var reason: String {
        switch self {
        case .missingFile:
            "no such file"
        case .isDirectory:
            "is a directory, not a log file"
        case .permissionDenied:
            "permission denied"
        case .notReadable(_, let reason):
            "cannot be read: \(reason)"
        case .truncatedGzip(_, let offset):
            "gzip data is truncated after compressed byte \(offset)"
                + " (the lines before it were read)"
        case .corruptGzip(_, let offset, let reason):
            "gzip data is corrupt at compressed byte \(offset): \(reason)"
                + " (the lines before it were read)"
        case .readError(_, let reason):
            "read error: \(reason)"
        }
    }

    /// Maps a failed `open` to a case.
    static func opening(_ path: String, _ error: SystemError) -> IngestError {
        if error.isNoSuchFile || error.isNotADirectory { return .missingFile(path: path) }
        if error.isDirectory { return .isDirectory(path: path) }
        if error.isPermissionDenied { return .permissionDenied(path: path) }
        return .notReadable(path: path, reason: error.reason)
    }

    /// Maps the `errno` value `code` of a failed `open` to a case.
    static func opening(_ path: String, errno code: Int32) -> IngestError {
        opening(path, SystemError("cannot open \(path)", code: code))
    }

    /// The C library's text for `errno` value `code`.
    static func systemMessage(_ code: Int32) -> String {
        SystemError.message(for: code)
    }
}
