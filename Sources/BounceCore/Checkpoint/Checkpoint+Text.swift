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
        var text = Self.formatTag + "\n"
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
        text += Self.section("metrics", metrics)
        text += Self.section("alerts", alerts)
        if !digest.isEmpty { text += Self.section("digest", digest) }
        return text + "end \(CheckpointEscaping.hashText(of: text))\n"
    }

    private static func section(_ name: String, _ lines: [String]) -> String {
        var text = "\(name) \(lines.count)\n"
        for line in lines { text += CheckpointEscaping.line(line) + "\n" }
        return text
    }

    /// Reads the text written by `encoded`, refusing anything else with the line and reason.
    public init(decoding text: String) throws(CheckpointDecodingError) {
        var reader = CheckpointReader(text)
        self = try reader.read()
    }
}
