/// Where one account's `compromised-account` alert stands.
enum AccountPhase: Sendable, Equatable {
    /// Not alerting.
    case quiet
    /// The condition held at `since`; the alert goes out after the group wait if it still holds.
    case pending(since: Int64)
    /// An alert went out and has not been resolved. `failingSince` is the first evaluation at
    /// which the condition no longer held; nil while it holds.
    case firing(startedAt: Int64, lastSentAt: Int64, failingSince: Int64?)

    var isQuiet: Bool { self == .quiet }
}
