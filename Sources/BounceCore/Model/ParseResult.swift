/// What a parser made of one line.
public enum ParseResult: Sendable {
    /// A delivery, reject or authentication failure.
    case event(RawEvent)
    /// A line we understand that carries no event (cleanup, qmgr `from=`, dovecot, ...).
    case ignored
    /// A line we could not place. Counted, never an error.
    case unrecognized

    /// The `result` label of `bouncewatch_lines_total`.
    public var identifier: String {
        switch self {
        case .event: "event"
        case .ignored: "ignored"
        case .unrecognized: "unrecognized"
        }
    }
}
