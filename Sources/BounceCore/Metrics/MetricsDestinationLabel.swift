/// A destination domain that has delivery series of its own, and what the rebalance rules need
/// to know about it.
struct MetricsDestinationLabel: Equatable {
    /// The canonical label value (`MetricsLabel`).
    var name: String
    /// The rebalance count when it was promoted.
    var promotedAt: Int
    /// The rebalance count during which its last delivery was counted.
    var lastEvent: Int
    /// Deliveries in the current strength window.
    var current: Int
    /// Deliveries in the previous strength window.
    var previous: Int

    /// Recent deliveries, compared with candidates' to decide promotions.
    var strength: Int { current.saturatingSum(previous) }
}
