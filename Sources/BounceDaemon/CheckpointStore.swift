import BounceCore
import BounceSystem

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

    /// A checkpoint's counters, positions and alert groups are all bounded: far under this.
    static let largestCheckpoint = 256 << 20

    /// Uses `directory`, creating it (mode 0750) when it is missing, and removes a temporary
    /// file left over from a crash.
    public init(directory: String) throws(DaemonError) {
        self.directory = directory
        path = Path.join(directory, Self.fileName)
        temporaryPath = Path.join(directory, "." + Self.fileName + ".tmp")
        do {
            try FileSystem.makeDirectory(directory, mode: 0o750)
            try FileSystem.remove(temporaryPath)
        } catch {
            throw .failed(error)
        }
    }

    /// The saved checkpoint, or nil when there is none yet (a first start).
    public func load() throws(DaemonError) -> Checkpoint? {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(path, limit: Self.largestCheckpoint)
        } catch {
            switch error {
            case .system(let failure) where failure.isNoSuchFile: return nil
            case .system(let failure):
                throw .unreadableCheckpoint(path: path, reason: failure.reason)
            case .symbolicLink, .notRegular:
                throw .unreadableCheckpoint(path: path, reason: "not a regular file")
            case .tooLarge(let limit):
                throw .unreadableCheckpoint(
                    path: path, reason: "larger than \(limit >> 20) MiB, more than any checkpoint")
            }
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

    /// Replaces the checkpoint with `checkpoint`, durably. The text is written as it is made,
    /// a chunk at a time (`Checkpoint.write(to:)`): it is never held whole.
    public func save(_ checkpoint: Checkpoint) throws(DaemonError) {
        do {
            try AtomicFile.replace(
                path, mode: 0o600, durable: true, temporary: temporaryPath
            ) { file in
                var output = CheckpointFile(file: file)
                checkpoint.write(to: &output)
                file = output.file
            }
        } catch {
            throw .checkpointNotWritten(path: path, reason: error.description)
        }
    }
}

/// The checkpoint's text going to its temporary file.
private struct CheckpointFile: CheckpointOutput {
    var file: AtomicFile.Output

    mutating func write(_ bytes: UnsafeRawBufferPointer) { file.write(bytes) }
}
