#if canImport(Glibc)
    import Glibc
#endif

/// Replaces a file's whole content in one step: write a temporary file in the same directory,
/// then rename it over the target, so readers see the old content or the new, never part.
public enum AtomicFile {
    /// Writes `text` to `temporary` (by default `.<name>.tmp` beside `path`) with `mode` (not
    /// reduced by the umask), then renames it to `path`. With `durable`, the file is fsynced
    /// before the rename and its directory after it, so the new content survives a power loss
    /// too.
    public static func replace(
        _ path: String, with text: String, mode: mode_t, durable: Bool, temporary: String? = nil
    ) throws(SystemError) {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(SystemError) in
                try replace(
                    path, with: UnsafeRawBufferPointer(bytes), mode: mode, durable: durable,
                    temporary: temporary)
            }
        }
        try result.get()
    }

    /// `replace(_:with:mode:durable:temporary:)` for bytes.
    public static func replace(
        _ path: String, with bytes: [UInt8], mode: mode_t, durable: Bool, temporary: String? = nil
    ) throws(SystemError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(SystemError) in
                try replace(path, with: raw, mode: mode, durable: durable, temporary: temporary)
            }
        }
        try result.get()
    }

    /// The temporary file being written by `replace(_:mode:durable:temporary:writing:)`:
    /// bytes go straight to it; after the first failed write the rest are dropped and the
    /// failure is reported when the body returns.
    public struct Output {
        fileprivate let descriptor: Int32
        fileprivate var failure: Int32?

        /// Appends `bytes` to the file.
        public mutating func write(_ bytes: UnsafeRawBufferPointer) {
            guard failure == nil, !bytes.isEmpty else { return }
            failure = Descriptor.writeAll(descriptor, bytes)
        }
    }

    /// Like `replace(_:with:mode:durable:temporary:)`, with the content written by `body` a
    /// piece at a time, so a large file is never held in memory whole.
    public static func replace(
        _ path: String, mode: mode_t, durable: Bool, temporary: String? = nil,
        writing body: (inout Output) -> Void
    ) throws(SystemError) {
        try replace(path, mode: mode, durable: durable, temporary: temporary) {
            (descriptor, name) throws(SystemError) in
            var output = Output(descriptor: descriptor, failure: nil)
            body(&output)
            if let code = output.failure { throw SystemError("cannot write \(name)", code: code) }
        }
    }

    private static func replace(
        _ path: String, with bytes: UnsafeRawBufferPointer, mode: mode_t, durable: Bool,
        temporary: String?
    ) throws(SystemError) {
        try replace(path, mode: mode, durable: durable, temporary: temporary) {
            (descriptor, name) throws(SystemError) in
            if let code = Descriptor.writeAll(descriptor, bytes) {
                throw SystemError("cannot write \(name)", code: code)
            }
        }
    }

    /// Creates the temporary file, lets `fill` write it, then syncs, closes and renames it.
    private static func replace(
        _ path: String, mode: mode_t, durable: Bool, temporary: String?,
        fill: (Int32, String) throws(SystemError) -> Void
    ) throws(SystemError) {
        let directory = Path.directory(of: path)
        let temporary = temporary ?? Path.join(directory, "." + Path.name(of: path) + ".tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .last("cannot create \(temporary)") }
        var failure: SystemError?
        if fchmod(descriptor, mode) != 0 {
            failure = .last("cannot set the mode of \(temporary)")
        } else {
            do {
                try fill(descriptor, temporary)
                if durable && fsync(descriptor) != 0 {
                    failure = .last("cannot fsync \(temporary)")
                }
            } catch {
                failure = error
            }
        }
        if close(descriptor) != 0 && failure == nil {
            failure = .last("cannot close \(temporary)")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw SystemError("cannot rename \(temporary) to \(path)", code: code)
        }
        if durable { try FileSystem.syncDirectory(directory) }
    }
}
