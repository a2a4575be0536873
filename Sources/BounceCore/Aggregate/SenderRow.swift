/// The deliveries of one sender domain or SASL user: by final status, and the failures by
/// cause.
public struct SenderRow: Sendable, Equatable {
    public var counts = StatusCounts()
    /// Failures (deferred, bounced, expired) by `Cause.rawValue`.
    public var causes: [Int] = Array(repeating: 0, count: Cause.allCases.count)

    public init() {}

    /// Deferrals, bounces and expiries.
    public var failures: Int { counts.deferred + counts.bounced + counts.expired }

    /// Every delivery attempt.
    public var total: Int { counts.sent + failures }

    /// Adds `other`'s counts.
    public mutating func add(_ other: SenderRow) {
        counts.sent += other.counts.sent
        counts.deferred += other.counts.deferred
        counts.bounced += other.counts.bounced
        counts.expired += other.counts.expired
        for index in causes.indices { causes[index] += other.causes[index] }
    }

    /// Counts one delivery.
    mutating func add(_ status: DeliveryStatus, cause: Cause?) {
        counts[status] += 1
        if status != .sent, let cause { causes[Int(cause.rawValue)] += 1 }
    }
}
