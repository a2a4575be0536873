/// Deliveries by sender domain and by SASL user (`bouncewatch_sender_deliveries_total`,
/// `bouncewatch_sasl_user_deliveries_total`), from the message state: off unless configured.
extension MetricsStore {
    /// Turns the sender domain and SASL user families on, each with room for its `top`
    /// busiest names (chosen at each `rebalance()` like destinations), or off (nil: their
    /// counts are dropped and their series disappear from the textfile).
    public mutating func setSenderSeries(domains: Int?, users: Int?) {
        revision &+= 1
        senders.set(domains: domains, users: users, epoch: destinations.epoch)
    }

    /// Whether either sender family is on: only then does a delivery need its message's facts.
    public var countsSenders: Bool { senders.isOn }

    /// Counts a delivery counted by `add(_:_:in:source:time:provider:)` by who sent its
    /// message: `facts` from the message state, whose names are in `names`.
    public mutating func countSender(
        _ event: RawEvent, _ classification: Classification?, facts: MessageFacts,
        names: MessageNames
    ) {
        guard event.kind == .delivery, senders.isOn else { return }
        revision &+= 1
        let cell = MetricsCell(event.mta, event.status, event.countedCause(classification))
        senders.count(cell, facts: facts, names: names)
    }
}
