/// When `MetricsStore.rebalance()` gives a destination domain a series of its own, and when it
/// takes one away. Time is counted in rebalances (one per textfile write), since the store has
/// no clock; the comments give the defaults at the usual 15 s interval.
///
/// A destination's *strength* is the number of its deliveries in the current and the previous
/// window: recent traffic, not all-time totals, so a domain that was busy last year does not
/// hold a place forever.
public struct MetricsRebalancePolicy: Sendable, Equatable {
    /// Rebalances per strength window (20: 5 minutes).
    public var windowRebalances: Int
    /// Rebalances without an event after which a labelled destination is idle (240: 1 hour). An
    /// idle destination gives its place to any waiting candidate that is stronger.
    public var idleRebalances: Int
    /// Rebalances a destination keeps its series before a stronger candidate may displace it
    /// while it is still active (40: 10 minutes).
    public var minimumTenure: Int
    /// An active labelled destination is displaced only by a candidate at least this many times
    /// stronger...
    public var displacementFactor: Int
    /// ...and with at least this strength, so that a few deliveries never cause churn.
    public var displacementMinimum: Int
    /// The least strength a candidate needs to be given a free place.
    public var promotionMinimum: Int

    public init(
        windowRebalances: Int = 20, idleRebalances: Int = 240, minimumTenure: Int = 40,
        displacementFactor: Int = 4, displacementMinimum: Int = 16, promotionMinimum: Int = 1
    ) {
        self.windowRebalances = Swift.max(windowRebalances, 1)
        self.idleRebalances = Swift.max(idleRebalances, 1)
        self.minimumTenure = Swift.max(minimumTenure, 0)
        self.displacementFactor = Swift.max(displacementFactor, 1)
        self.displacementMinimum = Swift.max(displacementMinimum, 1)
        self.promotionMinimum = Swift.max(promotionMinimum, 1)
    }
}
