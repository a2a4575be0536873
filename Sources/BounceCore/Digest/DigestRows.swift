/// A figure of the period with the previous period's.
public struct DigestRow: Sendable, Equatable {
    public var label: String
    public var now: Int
    public var before: Int

    public init(_ label: String, _ now: Int, _ before: Int) {
        self.label = label
        self.now = now
        self.before = before
    }

    /// `▲ +12`, `▼ -3`, `= 0`.
    public var change: String { DigestChange.text(now: now, before: before) }
}

/// A cause with its count now and before, and a sample reply.
public struct DigestCauseRow: Sendable, Equatable {
    public var cause: Cause
    public var now: Int
    public var before: Int
    public var sampleReply: String?

    public var change: String { DigestChange.text(now: now, before: before) }
}

/// A provider or destination with its attempts and failure rates.
public struct DigestRateRow: Sendable, Equatable {
    public var name: String
    public var counts: StatusCounts
    public var rate: DigestRate
    /// Nil when the name had no deliveries in the previous period's list.
    public var previousRate: DigestRate?
    /// The most frequent cause of failure this period.
    public var mainCause: Cause?
}
