import BounceCore

/// What `bouncewatch queue --format` prints.
public enum QueueOutputFormat: String, CaseIterable, Sendable {
    /// Counts per queue and the deferred table, aligned for a terminal.
    case text
    /// The same as one JSON document.
    case json
}

/// Whose queue `bouncewatch queue --mta` reads.
public enum QueueMTA: String, CaseIterable, Sendable {
    /// The configuration's choice, else the default directories decide (Postfix first).
    case auto
    case postfix
    case exim

    var mta: MTA? {
        switch self {
        case .auto: nil
        case .postfix: .postfix
        case .exim: .exim
        }
    }
}
