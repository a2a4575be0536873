import BounceSystem

/// Buffered writes to a file descriptor (standard output by default).
///
/// `print` flushes per line on a terminal and takes a lock per call; output of thousands of
/// JSON lines is faster written in large blocks.
public final class BufferedOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushAt = 64 * 1024

    public init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
        buffer.reserveCapacity(flushAt + 4096)
    }

    deinit { flush() }

    public func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushAt { flush() }
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushAt { flush() }
    }

    public func write(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= flushAt { flush() }
    }

    /// Writes out what is buffered. A closed pipe ends the process through SIGPIPE, as for any
    /// command-line filter.
    public func flush() {
        // A write error other than EPIPE (which ends the process) leaves nothing to do but
        // drop the block, as before.
        _ = buffer.withUnsafeBytes { Descriptor.writeAll(descriptor, $0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
