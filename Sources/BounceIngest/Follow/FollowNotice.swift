/// Something a follower did that an administrator should read about in the log: unread lines
/// recovered from a rotated copy after a stop, or lost because no copy holds them.
public enum FollowNotice: Hashable, Sendable, CustomStringConvertible {
    /// The unread rest of the file read before the stop is in the rotated copy `copy`, from
    /// byte `offset` (of the plain file, when the copy is compressed) on.
    case resumingInCopy(copy: String, offset: Int, compressed: Bool)
    /// A rotated copy read after a stop was read to its end: `lines` lines came from it.
    case readCopy(copy: String, lines: Int, compressed: Bool)
    /// The file read before the stop (or before a truncation) is neither at the path nor
    /// among its rotated copies, plain or gzip: whatever it held after `offset` is lost.
    case lost(path: String, offset: Int)
    /// A compressed copy recognised by its first bytes ends before `offset`, where reading
    /// stood: it is not the whole file, and what followed is lost.
    case copyTooShort(copy: String, offset: Int, end: Int)
    /// A pattern matches more files than the source may follow: `matching` files match, the
    /// first `cap` (in sorted order, as they were found) are followed.
    case tooManyFiles(pattern: String, matching: Int, cap: Int)

    public var description: String {
        switch self {
        case .resumingInCopy(let copy, let offset, let compressed):
            "the file read before the stop was rotated: reading its unread rest from"
                + " \(copy)\(compressed ? " (gzip)" : "") from byte \(offset)"
        case .readCopy(let copy, let lines, let compressed):
            "recovered \(lines) line(s) from the rotated\(compressed ? " compressed" : "")"
                + " copy \(copy)"
        case .lost(let path, let offset):
            "\(path): the file read until byte \(offset) is neither there nor among its rotated"
                + " copies (plain or .gz): lines written to it after that point, if any, were not read"
        case .copyTooShort(let copy, let offset, let end):
            "\(copy) ends at byte \(end), before byte \(offset) where reading stood: the lines"
                + " after it are lost"
        case .tooManyFiles(let pattern, let matching, let cap):
            "\(pattern) matches \(matching) files, more than max_files (\(cap)): only \(cap)"
                + " are followed; narrow the pattern or raise max_files"
        }
    }
}
