/// The checkpoint's text on its way out: bytes gathered in a bounded buffer and handed to the
/// output a chunk at a time, hashed on the way for the `end` line. However large the sections,
/// the text is never held whole.
struct CheckpointTextStream<Output: CheckpointOutput> {
    private(set) var output: Output
    private var buffer: [UInt8] = []
    private var hash = CheckpointHash()
    private let chunkBytes: Int

    init(output: Output, chunkBytes: Int) {
        self.output = output
        self.chunkBytes = Swift.max(chunkBytes, 1)
        buffer.reserveCapacity(self.chunkBytes)
    }

    /// Appends `text`, counted in the hash.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            hash.add(bytes)
            append(bytes)
        }
    }

    /// Appends `text` and a newline, both counted in the hash.
    mutating func appendLine(_ text: String) {
        append(text)
        hash.add(byte: 0x0A)
        if buffer.count >= chunkBytes { flush() }
        buffer.append(0x0A)
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if buffer.count + bytes.count > chunkBytes { flush() }
        if bytes.count >= chunkBytes {
            output.write(UnsafeRawBufferPointer(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { output.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the `end` line with the hash of everything before it, and hands out the rest.
    mutating func finish() {
        var end = "end \(hash.hex)\n"
        end.withUTF8 { append($0) }
        flush()
    }
}
