/// Turns the lines of a Docker `json-file` log back into the lines the container wrote.
///
/// Each record's `log` is unescaped; records whose `log` lacks the final newline (Docker cuts
/// lines at 16 KiB) are joined with the ones after them, per stream, until the one with the
/// newline. A joined line keeps at most `maxLineLength` bytes: the rest is dropped and the
/// line counted in `truncatedLines`, so memory stays bounded whatever the input. A line that
/// is not a record is handed out as a problem, never dropped silently.
///
///     var joiner = DockerLineJoiner(maxLineLength: 64 * 1024)
///     joiner.take(physicalLine) { piece in
///         switch piece {
///         case .line(let text, let time): parse(text, stampedBy: time)
///         case .problem(let problem): count(problem)
///         }
///     }
public struct DockerLineJoiner: Sendable {
    /// What one physical line yields.
    public enum Piece {
        /// A whole line the container wrote, without its newline (and one CR before it), and
        /// the RFC 3339 `time` of its first record (empty when it had none). Both are valid
        /// only during the call.
        case line(UnsafeBufferPointer<UInt8>, time: UnsafeBufferPointer<UInt8>)
        /// The physical line is not a readable record.
        case problem(DockerRecordProblem)
    }

    /// The most bytes of one joined line kept.
    public let maxLineLength: Int
    /// Joined lines cut at `maxLineLength` so far.
    public private(set) var truncatedLines = 0

    /// Per stream: the line being joined and the `time` of its first record.
    private var pending: [BoundedBytes]
    private var times: [[UInt8]]
    private var open: [Bool]
    /// The record being read: a whole line, or the first piece of one (then swapped into
    /// `pending`, so an unsplit line is never copied).
    private var scratch: BoundedBytes

    public init(maxLineLength: Int) {
        self.maxLineLength = max(1, maxLineLength)
        let streams = DockerRecord.Stream.allCases.count
        // One more byte than the limit for the newline, which is not part of the line.
        let buffer = BoundedBytes(limit: self.maxLineLength + 1)
        pending = Array(repeating: buffer, count: streams)
        times = Array(repeating: [], count: streams)
        open = Array(repeating: false, count: streams)
        scratch = buffer
    }

    /// Whether part of a line is held back, waiting for the record that ends it.
    public var hasPending: Bool { open.contains(true) }

    /// Reads one physical line (without its newline), calling `body` once unless the record
    /// is a piece of a longer line that is not complete yet.
    public mutating func take(_ physical: UnsafeBufferPointer<UInt8>, _ body: (Piece) -> Void) {
        scratch.removeAll()
        let record: DockerRecord
        switch DockerRecord.decode(physical, log: &scratch) {
        case .failure(let problem):
            body(.problem(problem))
            return
        case .success(let value):
            record = value
        }
        let stream = record.stream.rawValue
        if open[stream] {
            pending[stream].append(contentsOf: scratch)
            if !record.isPartial { emit(stream, body) }
            return
        }
        if record.isPartial {
            swap(&scratch, &pending[stream])
            open[stream] = true
            times[stream].removeAll(keepingCapacity: true)
            if let time = record.time {
                times[stream].append(contentsOf: UnsafeBufferPointer(rebasing: physical[time]))
            }
            return
        }
        let time = record.time.map { UnsafeBufferPointer(rebasing: physical[$0]) }
        Self.hand(&scratch, time: time ?? UnsafeBufferPointer(start: nil, count: 0), body)
        if scratch.dropped { truncatedLines += 1 }
    }

    /// Hands out what is held back as lines, as at the end of an input nobody writes to.
    public mutating func flush(_ body: (Piece) -> Void) {
        for stream in 0..<open.count where open[stream] {
            emit(stream, body)
        }
    }

    private mutating func emit(_ stream: Int, _ body: (Piece) -> Void) {
        if pending[stream].dropped { truncatedLines += 1 }
        times[stream].withUnsafeBufferPointer { time in
            Self.hand(&pending[stream], time: time, body)
        }
        pending[stream].removeAll()
        open[stream] = false
    }

    /// Calls `body` with `text` as a line: without its newline and one CR before it, at most
    /// `limit - 1` bytes.
    private static func hand(
        _ text: inout BoundedBytes, time: UnsafeBufferPointer<UInt8>, _ body: (Piece) -> Void
    ) {
        text.removeLast(ifEqualTo: 0x0A)
        text.removeLast(ifEqualTo: 0x0D)
        let cut = min(text.count, text.limit - 1)
        text.bytes.withUnsafeBufferPointer { bytes in
            body(.line(UnsafeBufferPointer(rebasing: bytes[0..<cut]), time: time))
        }
    }
}
