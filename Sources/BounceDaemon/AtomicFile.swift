#if canImport(Glibc)
    import Glibc
#endif

/// Replaces a file's whole content in one step: write a temporary file in the same directory,
/// then rename it over the target, so readers see the old content or the new, never part.
enum AtomicFile {
    /// Why a replacement failed.
    struct Failure: Error, CustomStringConvertible {
        let what: String
        let code: Int32
        var description: String { "\(what): \(String(cString: strerror(code)))" }
    }

    /// Writes `text` to `temporary` with `mode` (not reduced by the umask), then renames it to
    /// `path`. With `durable`, the file is fsynced before the rename and `directory` after it,
    /// so the new content survives a power loss too.
    static func replace(
        _ path: String, in directory: String, temporary: String, with text: String, mode: mode_t,
        durable: Bool
    ) throws(Failure) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw Failure(what: "cannot create \(temporary)", code: errno)
        }
        var failure: Failure?
        if fchmod(descriptor, mode) != 0 {
            failure = Failure(what: "cannot set the mode of \(temporary)", code: errno)
        } else if let code = writeAll(descriptor, text) {
            failure = Failure(what: "cannot write \(temporary)", code: code)
        } else if durable && fsync(descriptor) != 0 {
            failure = Failure(what: "cannot fsync \(temporary)", code: errno)
        }
        if close(descriptor) != 0 && failure == nil {
            failure = Failure(what: "cannot close \(temporary)", code: errno)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(what: "cannot rename \(temporary) to \(path)", code: code)
        }
        if durable { try syncDirectory(directory) }
    }

    private static func writeAll(_ descriptor: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    private static func syncDirectory(_ directory: String) throws(Failure) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(what: "cannot open \(directory)", code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw Failure(what: "cannot fsync \(directory)", code: errno)
        }
    }
}
