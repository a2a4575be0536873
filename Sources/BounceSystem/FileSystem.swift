#if canImport(Glibc)
    import Glibc
#endif

/// Reading, removing and listing files and directories, and asking what a path is.
public enum FileSystem {
    /// The whole file, or nil when it cannot be read.
    public static func load(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { return result }
            result.append(contentsOf: buffer[0..<count])
        }
    }

    /// Removes `path` (already gone is fine) and flushes its directory, so the removal
    /// survives a crash.
    public static func remove(_ path: String) throws(SystemError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .last("cannot remove \(path)") }
        try syncDirectory(Path.directory(of: path))
    }

    /// Creates `path` and its missing parents with `mode`.
    public static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(SystemError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, mode) != 0 && errno != EEXIST {
                throw .last("cannot create directory \(partial)")
            }
        }
        guard isDirectory(path) else { throw SystemError("\(path) is not usable", code: ENOTDIR) }
    }

    /// The names in a directory, without `.` and `..`; empty when it cannot be read.
    public static func names(in directory: String) -> [String] {
        (try? listedNames(in: directory)) ?? []
    }

    /// The names in a directory, without `.` and `..`; an error when it cannot be listed, for
    /// readers that must tell "empty" from "not allowed".
    public static func listedNames(in directory: String) throws(SystemError) -> [String] {
        guard let stream = opendir(directory) else { throw .last("cannot list \(directory)") }
        defer { closedir(stream) }
        var result: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { result.append(name) }
        }
        return result
    }

    /// Whether anything exists at `path` (a dangling symbolic link does not count).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether `path` is a directory (or a link to one).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether this process may execute `path`.
    public static func isExecutable(_ path: String) -> Bool {
        access(path, X_OK) == 0
    }

    /// fsyncs a directory, so names created, renamed or removed in it are on disk.
    public static func syncDirectory(_ directory: String) throws(SystemError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .last("cannot open \(directory)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .last("cannot fsync \(directory)") }
    }
}
