/// Where a message waits in the MTA's queue.
///
/// Postfix names its queue directories (`showq` reports them); Exim keeps one spool, so its
/// messages are `frozen` when frozen, `deferred` once a delivery attempt was deferred, and
/// `active` otherwise (received, not yet tried or being tried).
public enum QueueName: UInt8, Sendable, CaseIterable, Comparable {
    case maildrop
    case incoming
    case active
    case deferred
    case hold
    case frozen

    /// The label and JSON value: `deferred`, `hold`, ...
    public var identifier: String {
        switch self {
        case .maildrop: "maildrop"
        case .incoming: "incoming"
        case .active: "active"
        case .deferred: "deferred"
        case .hold: "hold"
        case .frozen: "frozen"
        }
    }

    /// The queue named `identifier`, as showq spells it; nil for any other name.
    public init?(identifier: String) {
        guard let found = Self.allCases.first(where: { $0.identifier == identifier }) else {
            return nil
        }
        self = found
    }

    /// The queues an MTA has, in report order: Postfix has no `frozen`, Exim only
    /// `active`, `deferred` and `frozen`.
    public static func reported(for mta: MTA) -> [QueueName] {
        switch mta {
        case .postfix: [.maildrop, .incoming, .active, .deferred, .hold]
        case .exim: [.active, .deferred, .frozen]
        }
    }

    public static func < (left: QueueName, right: QueueName) -> Bool {
        left.rawValue < right.rawValue
    }
}
