/// Parses a line a container wrote, with the time its log driver recorded for it.
///
/// A line that carries its own stamp is read as it is. A line with none
/// (`postfix/smtp[137]: 73EBC8B09: to=<...>`) is read with the driver's RFC 3339 stamp in front,
/// the way `docker logs -t` prints it, so the event still has a time. The stamped copy is made
/// only for such lines, in a buffer kept between calls.
public struct StampedLine: Sendable {
    private var buffer: [UInt8] = []

    public init() {}

    /// Parses `line` with `parser` into `event` (kept between calls, as hot loops do), then
    /// calls `body` with the outcome, the event and the bytes its ranges point into (valid
    /// only during the call). `body` gets the event as a value: `event` is being written.
    public mutating func parse(
        _ line: UnsafeBufferPointer<UInt8>, time: UnsafeBufferPointer<UInt8>,
        with parser: LineParser, into event: inout RawEvent,
        _ body: (LineOutcome, RawEvent, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let outcome = parser.parse(line, into: &event)
        guard outcome == .unrecognized, !time.isEmpty, !line.isEmpty else {
            body(outcome, event, line)
            return
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: time)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: line)
        buffer.withUnsafeBufferPointer { stamped in
            let outcome = parser.parse(stamped, into: &event)
            body(outcome, event, stamped)
        }
    }
}
