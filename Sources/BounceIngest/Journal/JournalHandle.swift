import BounceSystem
import CSystemd

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
        return CStrings.take(text)
    }

    private static func checkDirectory(_ path: String) throws(JournalError) {
        let status: FileStatus
        do {
            status = try FileSystem.status(path)
        } catch {
            if error.isNoSuchFile || error.isNotADirectory { throw .missing(path: path) }
            throw .openFailed(location: path, reason: error.reason)
        }
        guard status.kind == .directory else { throw .notADirectory(path: path) }
    }

    private static func checkFiles(_ paths: [String]) throws(JournalError) {
        for path in paths {
            do {
                _ = try FileSystem.status(path)
            } catch {
                if error.isNoSuchFile || error.isNotADirectory { throw .missing(path: path) }
            }
        }
    }

    /// `sd_journal_open_files` wants a NULL-terminated array of C strings.
    private static func openFiles(_ paths: [String], into opened: inout OpaquePointer?) -> Int32 {
        CStrings.withNullTerminated(paths) { array in
            sd_journal_open_files(&opened, array, 0)
        }
    }

    private static func openReason(_ result: Int32) -> String {
        guard SystemError("open", code: -result).isDamagedData else {
            return JournalError.reason(result)
        }
        return "corrupt, truncated or from a newer systemd (\(JournalError.reason(result)))"
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
        var count = 0
        for name in FileSystem.names(in: path) {
            if name.hasSuffix(".journal") || name.hasSuffix(".journal~") {
                count += 1
                continue
            }
            let entry = path + "/" + name
            // Not following links, as the directory entry's own type would say.
            if depth > 0, (try? FileSystem.status(entry, followLinks: false))?.kind == .directory {
                count += countJournalFiles(in: entry, depth: depth - 1)
            }
        }
        return count
    }
}
