/// How many classified events each tier of the decision order decided, and how many no rule
/// decided (`none`): the operator's measure of how much of a cause count is a reading of the
/// reply text and how much a guess from a bare code (`bouncewatch_classifications_total`,
/// `classification_tiers` in `scan --format json`).
///
/// A fixed array: counting allocates nothing.
public struct TierCounts: Sendable, Equatable {
    /// The label values in report order: every `Rule.Tier`, then `none`.
    public static let identifiers = Rule.Tier.allCases.map(\.identifier) + [none]
    /// The label of events no rule decided.
    public static let none = "none"

    /// Counts in `identifiers` order.
    public private(set) var counts: [Int]

    /// Nothing counted.
    public init() {
        counts = Array(repeating: 0, count: Self.identifiers.count)
    }

    /// Counts one verdict: by the tier of its rule, or `none` when no rule decided.
    @inline(__always)
    public mutating func add(_ classification: Classification) {
        add(tier: classification.tier, count: 1)
    }

    /// Adds `count` events decided by `tier` (nil: by none).
    public mutating func add(tier: Rule.Tier?, count: Int) {
        let slot = tier.map { Int($0.rawValue) } ?? counts.count - 1
        counts[slot] = counts[slot].saturatingSum(count)
    }

    /// Adds the counts of `other` (a scan of another part of the logs).
    public mutating func merge(_ other: TierCounts) {
        for slot in counts.indices { counts[slot] = counts[slot].saturatingSum(other.counts[slot]) }
    }

    /// The count of the label `identifier`; nil when it is not one.
    public func count(of identifier: String) -> Int? {
        Self.identifiers.firstIndex(of: identifier).map { counts[$0] }
    }

    /// Sets the count of the label `identifier` (a checkpoint being restored); false when it is
    /// not one.
    public mutating func set(_ identifier: String, to count: Int) -> Bool {
        guard let slot = Self.identifiers.firstIndex(of: identifier) else { return false }
        counts[slot] = count
        return true
    }

    /// The labels with their counts, in `identifiers` order.
    public var entries: [(tier: String, count: Int)] {
        Array(zip(Self.identifiers, counts)).map { (tier: $0.0, count: $0.1) }
    }

    /// Every classified event.
    public var total: Int { counts.reduce(0) { $0.saturatingSum($1) } }
}
