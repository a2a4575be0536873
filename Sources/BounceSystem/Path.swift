#if canImport(Glibc)
    import Glibc
#endif

/// Splitting and joining slash-separated paths, the one place that decides what the directory
/// of `a` (`.`) or of `/a` (`/`) is.
public enum Path {
    /// The directory part: `.` for a bare name, `/` for a file at the root.
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component (the whole path when it has no slash).
    public static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// `name` inside `directory`, with exactly one slash between them.
    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `path` from the current directory when it is relative (`./a` and `a` alike); as it is
    /// when absolute, or when the current directory cannot be read.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let directory = getcwd(nil, 0) else { return path }
        defer { free(directory) }
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return join(String(cString: directory), trimmed)
    }
}
