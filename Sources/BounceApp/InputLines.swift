import BounceCore
import BounceIngest

/// The lines of an input as `scan` and `classify` read them, in the shapes deployments write:
/// a log file's own lines, `docker compose logs` output (its `service-1  | ` prefix is
/// stripped), and Docker `json-file` logs. A line that starts with `{` is read as a json-file
/// record: its `log` unescaped, lines Docker split at 16 KiB joined again, and its `time` used
/// when the line has no stamp of its own. The choice is made per line, so a file can mix them.
///
/// Lines longer than `maxLineLength` are cut to it and counted, json-file records or not.
final class InputLines {
    /// The longest physical line read: a record of Docker's 16 KiB piece, escaped up to six
    /// bytes a byte, with its keys and `attrs`.
    static let physicalLineLimit = 256 * 1024
    /// The longest log line kept.
    let maxLineLength = LineReader.defaultMaxLineLength
    private let parser: LineParser
    private var joiner = DockerLineJoiner(maxLineLength: LineReader.defaultMaxLineLength)
    private var stamped = StampedLine()
    private var event = RawEvent.unparsed()
    /// Lines that started with `{` but were no readable record, and the last reason.
    private(set) var problems = 0
    private(set) var lastProblem: DockerRecordProblem?

    init(parser: LineParser) {
        self.parser = parser
    }

    /// Lines cut at `maxLineLength`, plain and joined, and records cut by the reader.
    var truncatedLines: Int { plainCut + joiner.truncatedLines }
    private var plainCut = 0

    /// Reads one line of the input, calling `body` with each line it holds (none for a piece of
    /// a split line, or a blank line) parsed: the outcome, the event and the bytes the event
    /// points into. A record that cannot be read is handed on as `.unrecognized`.
    func read(
        _ whole: UnsafeBufferPointer<UInt8>,
        _ body: (LineOutcome, RawEvent, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard Self.isRecord(whole) else {
            var line = cut(whole)
            let outcome = ComposePrefix.parse(&line, with: parser, into: &event)
            if !line.isEmpty { body(outcome, event, line) }
            return
        }
        // A record the reader cut is refused as cut short; it counts as a cut line too.
        if whole.count >= Self.physicalLineLimit { plainCut += 1 }
        joiner.take(whole) { piece in take(piece, whole, body) }
    }

    /// Whether `whole` is read as a json-file record: it starts with `{`, which no log line
    /// does.
    @inline(__always)
    static func isRecord(_ whole: UnsafeBufferPointer<UInt8>) -> Bool {
        whole.first == UInt8(ascii: "{")
    }

    /// A plain line cut at `maxLineLength`, and counted when it is.
    @inline(__always)
    func cut(_ whole: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard whole.count > maxLineLength else { return whole }
        plainCut += 1
        return UnsafeBufferPointer(rebasing: whole[0..<maxLineLength])
    }

    /// Hands on the pieces of a split line whose last record never came.
    func finish(_ body: (LineOutcome, RawEvent, UnsafeBufferPointer<UInt8>) -> Void) {
        let nothing = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        joiner.flush { piece in take(piece, nothing, body) }
    }

    /// A note for standard error about records that could not be read, if there were any.
    func problemNote(input: String) -> String? {
        guard problems > 0, let lastProblem else { return nil }
        return "\(input): \(problems) line(s) starting with \"{\" are not Docker json-file "
            + "records and were counted as unrecognized (last: \(lastProblem))"
    }

    private func take(
        _ piece: DockerLineJoiner.Piece, _ whole: UnsafeBufferPointer<UInt8>,
        _ body: (LineOutcome, RawEvent, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        switch piece {
        case .line(let line, let time):
            if line.isEmpty { return }
            stamped.parse(line, time: time, with: parser, into: &event, body)
        case .problem(let problem):
            problems += 1
            lastProblem = problem
            body(.unrecognized, event, whole)
        }
    }
}
