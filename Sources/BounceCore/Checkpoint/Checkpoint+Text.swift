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
///     end 5f0e6c0d3a1b2c4d
///
/// The `digest` section is there only when a digest is configured; a checkpoint without it
/// (every one written before the digest existed) reads as having no digest state.
///
/// Names, paths, cursors and the opaque lines are escaped (`%`, control bytes and, in words,
/// spaces become `%XX`), so no value can break the layout. The last line holds the FNV-1a 64
/// hash of every byte before it: a file cut short or altered is refused, never half-read.
extension Checkpoint {
    /// The tag on the first line; the number after the slash is the format version.
    public static let formatTag = "bouncewatch-checkpoint/1"

    /// The text form, ending with a newline.
    public var encoded: String {
        // One string, grown in place: the alert lines of a busy daemon run to megabytes, and a
        // section built apart and then appended (or `text + end`) would hold two or three
        // copies of them at once, which was the daemon's peak memory. Room for the worst case
        // (every byte escaped to three) is reserved up front, so the text is never copied
        // while it grows; pages never written are never resident.
        var text = ""
        text.reserveCapacity(
            3 * (Self.rawSize(metrics) + Self.rawSize(alerts) + Self.rawSize(digest)) + 4096)
        text += Self.formatTag + "\n"
        text += "written \(writtenAt)\n"
        for name in sources.keys.sorted() {
            switch sources[name]! {
            case .files(let positions):
                text += "source file \(CheckpointEscaping.word(name))\n"
                for path in positions.keys.sorted() {
                    text +=
                        "position \(CheckpointEscaping.word(path)) \(positions[path]!.encoded)\n"
                }
            case .journal(let cursor):
                text += "source journal \(CheckpointEscaping.word(name))\n"
                if let cursor { text += "cursor \(CheckpointEscaping.word(cursor))\n" }
            }
        }
        Self.appendSection("metrics", metrics, to: &text)
        Self.appendSection("alerts", alerts, to: &text)
        if !digest.isEmpty { Self.appendSection("digest", digest, to: &text) }
        let hash = CheckpointEscaping.hashText(of: text)
        text += "end \(hash)\n"
        return text
    }

    private static func appendSection(_ name: String, _ lines: [String], to text: inout String) {
        text += "\(name) \(lines.count)\n"
        for line in lines {
            text += CheckpointEscaping.line(line)
            text += "\n"
        }
    }

    /// The bytes `lines` take in a section when nothing in them needs escaping.
    private static func rawSize(_ lines: [String]) -> Int {
        lines.reduce(32) { $0 + $1.utf8.count + 1 }
    }

    /// Reads the text written by `encoded`, refusing anything else with the line and reason.
    public init(decoding text: String) throws(CheckpointDecodingError) {
        var reader = CheckpointReader(text)
        self = try reader.read()
    }
}
