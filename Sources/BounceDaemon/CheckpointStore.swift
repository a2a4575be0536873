import BounceCore
import BounceSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps the checkpoint in the state directory, replacing it in one atomic step.
///
/// A save writes a temporary file in the same directory, fsyncs it, renames it over the
/// checkpoint and fsyncs the directory, so after a crash or power loss the checkpoint is the
/// old one or the new one, never a mix. A temporary file left by a crash is removed when the
/// store is opened and never read.
public final class CheckpointStore {
    /// The checkpoint file.
    public let path: String
    /// Where a save writes before renaming.
    public let temporaryPath: String
    private let directory: String

    /// The name of the checkpoint file in the state directory.
    public static let fileName = "checkpoint"

    /// Uses `directory`, creating it (mode 0750) when it is missing, and removes a temporary
    /// file left over from a crash.
    public init(directory: String) throws(DaemonError) {
        self.directory = directory
        path = Path.join(directory, Self.fileName)
        temporaryPath = Path.join(directory, "." + Self.fileName + ".tmp")
        if mkdir(directory, 0o750) != 0 && errno != EEXIST {
            throw .system(what: "\(directory): cannot create the state directory", errno: errno)
        }
        if unlink(temporaryPath) != 0 && errno != ENOENT {
            throw .system(what: "\(temporaryPath): cannot remove", errno: errno)
        }
    }

    /// The saved checkpoint, or nil when there is none yet (a first start).
    public func load() throws(DaemonError) -> Checkpoint? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw .unreadableCheckpoint(
                path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadableCheckpoint(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            bytes += chunk[..<got]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadableCheckpoint(path: path, reason: "not UTF-8 text")
        }
        do {
            return try Checkpoint(decoding: text)
        } catch {
            throw .unreadableCheckpoint(path: path, reason: error.description)
        }
    }

    /// Replaces the checkpoint with `checkpoint`, durably.
    public func save(_ checkpoint: Checkpoint) throws(DaemonError) {
        do {
            try AtomicFile.replace(
                path, with: checkpoint.encoded, mode: 0o600, durable: true,
                temporary: temporaryPath)
        } catch {
            throw .checkpointNotWritten(path: path, reason: error.description)
        }
    }
}
