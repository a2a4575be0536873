import CSystemd

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owns one open `sd_journal` and closes it when released.
///
/// libsystemd's journal handle must only be used from one thread at a time, so this class is
/// deliberately not `Sendable`: the compiler keeps it on the thread (or isolation domain) that
/// created it.
final class JournalHandle {
    let pointer: OpaquePointer
    let location: JournalLocation

    /// Opens `location`, which must already be absolute.
    init(location: JournalLocation) throws(JournalError) {
        self.location = location
        var opened: OpaquePointer?
        let result: Int32
        switch location {
        case .system:
            result = sd_journal_open(&opened, Int32(SD_JOURNAL_LOCAL_ONLY))
        case .directory(let path):
            try Self.checkDirectory(path)
            result = sd_journal_open_directory(&opened, path, 0)
        case .files(let paths):
            try Self.checkFiles(paths)
            result = Self.openFiles(paths, into: &opened)
        }
        guard result >= 0, let opened else {
            throw .openFailed(location: location.description, reason: Self.openReason(result))
        }
        pointer = opened
        if case .directory(let path) = location {
            try checkSomethingOpened(directory: path)
        }
    }

    deinit {
        sd_journal_close(pointer)
    }

    /// Calls `body` with the value of `field` in the current entry (the bytes after `FIELD=`),
    /// or returns nil when the entry has no such field or it cannot be read.
    func withField<Result>(
        _ field: String, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result? {
        var data: UnsafeRawPointer?
        var length = 0
        guard sd_journal_get_data(pointer, field, &data, &length) >= 0, let data else {
            return nil
        }
        // The data is `FIELD=value` with no terminating NUL.
        let skip = field.utf8.count + 1
        guard length >= skip else { return nil }
        return body(UnsafeRawBufferPointer(start: data + skip, count: length - skip))
    }

    /// The cursor of the current entry, or nil when there is none.
    func cursor() -> String? {
        var text: UnsafeMutablePointer<CChar>?
        guard sd_journal_get_cursor(pointer, &text) >= 0, let text else { return nil }
        defer { free(text) }
        return String(cString: text)
    }

    private static func checkDirectory(_ path: String) throws(JournalError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing(path: path) }
            throw .openFailed(location: path, reason: IngestError.systemMessage(code))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: path) }
    }

    private static func checkFiles(_ paths: [String]) throws(JournalError) {
        for path in paths {
            var info = stat()
            if stat(path, &info) != 0, errno == ENOENT || errno == ENOTDIR {
                throw .missing(path: path)
            }
        }
    }

    /// `sd_journal_open_files` wants a NULL-terminated array of C strings.
    private static func openFiles(_ paths: [String], into opened: inout OpaquePointer?) -> Int32 {
        let copies = paths.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var array: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        array.append(nil)
        return array.withUnsafeMutableBufferPointer { buffer in
            sd_journal_open_files(&opened, buffer.baseAddress, 0)
        }
    }

    private static func openReason(_ result: Int32) -> String {
        switch -result {
        case EBADMSG, ENODATA, EPROTONOSUPPORT, EIO:
            "corrupt, truncated or from a newer systemd (\(JournalError.reason(result)))"
        default:
            JournalError.reason(result)
        }
    }

    /// libsystemd opens a directory whose journal files are all unreadable without complaint,
    /// and then simply finds no entries. An empty directory is fine (journald may not have
    /// written yet), but one with journal files of which none opened is a misconfiguration.
    private func checkSomethingOpened(directory path: String) throws(JournalError) {
        var bytes: UInt64 = 0
        guard sd_journal_get_usage(pointer, &bytes) >= 0, bytes == 0 else { return }
        let present = Self.countJournalFiles(in: path, depth: 1)
        if present > 0 { throw .noReadableJournalFiles(path: path, unreadable: present) }
    }

    /// Journal files in `path` and, like journald's layout, in its machine-id subdirectories.
    private static func countJournalFiles(in path: String, depth: Int) -> Int {
        guard let directory = opendir(path) else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            if name.hasSuffix(".journal") || name.hasSuffix(".journal~") {
                count += 1
            } else if depth > 0, entry.pointee.d_type == UInt8(DT_DIR) {
                count += countJournalFiles(in: path + "/" + name, depth: depth - 1)
            }
        }
        return count
    }
}
