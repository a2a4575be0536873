/// The text form of a checkpoint, version 1:
///
///     bouncewatch-checkpoint/1
///     written 1764151200
///     source file /var/log/mail.log
///     position /var/log/mail.log file-position/1 2049 131 00ab...ef 256 81234
///     source journal journal
///     cursor s=0123...;i=2a;b=...
///     metrics 2
///     <line>
///     <line>
///     alerts 0
///     digest 4
///     <line>
///     ...
///     messages 3
///     <line>
///     ...
///     end 5f0e6c0d3a1b2c4d
///
/// The `digest` section is there only when a digest is configured; a checkpoint without it
/// (every one written before the digest existed) reads as having no digest state. Likewise
/// `messages`, there only when the message state holds something.
///
/// Names, paths, cursors and the opaque lines are escaped (`%`, control bytes and, in words,
/// spaces become `%XX`), so no value can break the layout. The last line holds the FNV-1a 64
/// hash of every byte before it: a file cut short or altered is refused, never half-read.
extension Checkpoint {
    /// The tag on the first line; the number after the slash is the format version.
    public static let formatTag = "bouncewatch-checkpoint/1"

    /// The text form, ending with a newline.
    public var encoded: String {
        var text = CheckpointString()
        write(to: &text)
        return text.text
    }

    /// Bytes handed to a `CheckpointOutput` at a time by `write(to:)`.
    public static let chunkBytes = 1 << 16

    /// Writes the text form (`encoded`, byte for byte) to `output` in chunks of at most
    /// `chunkBytes`, hashing it on the way: the daemon's checkpoint can run to tens of
    /// megabytes of alert state, and its text is never held whole.
    public func write<Output: CheckpointOutput>(
        to output: inout Output, chunkBytes: Int = Self.chunkBytes
    ) {
        var stream = CheckpointTextStream(output: output, chunkBytes: chunkBytes)
        stream.append(Self.formatTag + "\n")
        stream.append("written \(writtenAt)\n")
        for name in sources.keys.sorted() {
            switch sources[name]! {
            case .files(let positions):
                stream.append("source file \(CheckpointEscaping.word(name))\n")
                for path in positions.keys.sorted() {
                    stream.append(
                        "position \(CheckpointEscaping.word(path)) \(positions[path]!.encoded)\n")
                }
            case .journal(let cursor):
                stream.append("source journal \(CheckpointEscaping.word(name))\n")
                if let cursor { stream.append("cursor \(CheckpointEscaping.word(cursor))\n") }
            }
        }
        Self.appendSection("metrics", metrics, to: &stream)
        Self.appendSection("alerts", alerts, to: &stream)
        if !digest.isEmpty { Self.appendSection("digest", digest, to: &stream) }
        if !messages.isEmpty { Self.appendSection("messages", messages, to: &stream) }
        stream.finish()
        output = stream.output
    }

    private static func appendSection<Output: CheckpointOutput>(
        _ name: String, _ lines: [String], to stream: inout CheckpointTextStream<Output>
    ) {
        stream.append("\(name) \(lines.count)\n")
        for line in lines { stream.appendLine(CheckpointEscaping.line(line)) }
    }

    /// Reads the text written by `encoded`, refusing anything else with the line and reason.
    public init(decoding text: String) throws(CheckpointDecodingError) {
        var reader = CheckpointReader(text)
        self = try reader.read()
    }
}

/// Collects the text of `Checkpoint.write(to:)` in a string (`encoded`).
private struct CheckpointString: CheckpointOutput {
    var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }
}
