/// What a parser made of one line when it wrote the event into the caller's `RawEvent`.
///
/// The hot loops (scan, classify, the daemon) keep one `RawEvent` and let the parser fill it in
/// place: returning the event inside `ParseResult` copies it on every line, which the benchmark
/// shows.
public enum LineOutcome: Sendable {
    /// A delivery, reject or authentication failure, now in the caller's event.
    case event
    /// A line we understand that carries no event; the caller's event holds nothing meaningful.
    case ignored
    /// A line that carries no event but a fact about a message (`MessageNote`): the caller's
    /// event holds `note`, `queueID`, `timestamp`, `host`, `program` and the note's fields,
    /// nothing else meaningful. Counted as an ignored line everywhere.
    case message
    /// A line we could not place; the caller's event holds nothing meaningful.
    case unrecognized
}

extension ParseResult {
    /// The result for `outcome`, carrying `event` when the outcome is one.
    public init(_ outcome: LineOutcome, event: RawEvent) {
        switch outcome {
        case .event: self = .event(event)
        case .ignored, .message: self = .ignored
        case .unrecognized: self = .unrecognized
        }
    }
}

extension RawEvent {
    /// An event with nothing parsed yet: the buffer a hot loop hands to
    /// `LineParser.parse(_:into:)`.
    public static func unparsed() -> RawEvent {
        RawEvent(mta: .postfix, kind: .delivery, status: .sent, timestamp: nil)
    }
}
