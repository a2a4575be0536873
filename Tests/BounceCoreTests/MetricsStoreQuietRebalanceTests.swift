import Testing

@testable import BounceCore

/// An idle rebalance takes only the clock's tick; these tests hold it to deciding exactly what
/// the full rules would at every tick.
@Suite struct MetricsStoreQuietRebalanceTests {
    /// Windows longer than the tenure, so it falls between rotations.
    static let displacing = MetricsRebalancePolicy(
        windowRebalances: 12, idleRebalances: 5, minimumTenure: 3, displacementFactor: 2,
        displacementMinimum: 3)
    /// Only idle destinations give their place, at a threshold between rotations.
    static let idling = MetricsRebalancePolicy(
        windowRebalances: 30, idleRebalances: 7, minimumTenure: 1000, displacementFactor: 1000,
        displacementMinimum: 1000)

    /// Bursts of traffic with long idle stretches between them, through window rotations, idle
    /// demotions and tenures: after every rebalance, the store that skips quiet ticks and the
    /// one that applies the full rules hold the same checkpoint and the same series.
    @Test(arguments: [1, 2, 3, 4], [Self.displacing, Self.idling])
    func quietTicksDecideAsTheFullRules(seed: UInt64, policy: MetricsRebalancePolicy) {
        var random = SplitMix64(state: seed)
        var quick = MetricsStore(topDestinations: 3, policy: policy)
        var full = MetricsStore(topDestinations: 3, policy: policy)
        let domains = (0..<8).map { "d\($0).example" }
        var quietTicks = 0
        for _ in 0..<300 {
            if random.next() % 6 == 0 {
                let sample = MetricsFixture.bounced(domains[Int(random.next() % 8)])
                let times = Int(random.next() % 12) + 1
                quick.add(sample, times: times)
                full.add(sample, times: times)
            }
            let revision = quick.revision
            quick.rebalance()
            full.rebalance(skippingQuietTicks: false)
            if quick.revision == revision { quietTicks += 1 }
            #expect(quick.checkpointLines() == full.checkpointLines())
            #expect(quick.deliverySeries == full.deliverySeries)
        }
        // Without quiet ticks this test would compare nothing worth comparing.
        #expect(quietTicks > 100)
    }

    /// A labelled destination that stays idle gives its place to a waiting candidate at the
    /// tick it becomes idle, though every tick before was quiet.
    @Test func anIdleDestinationIsReplacedAtItsTick() {
        let policy = MetricsRebalancePolicy(
            windowRebalances: 1000, idleRebalances: 50, minimumTenure: 0, displacementFactor: 1000,
            displacementMinimum: 1000)
        var store = MetricsStore(topDestinations: 1, policy: policy)
        store.add(MetricsFixture.bounced("first.example"), times: 5)
        store.rebalance()
        store.add(MetricsFixture.bounced("second.example"), times: 1)
        store.add(MetricsFixture.bounced("first.example"), times: 1)
        store.rebalance()
        let lastEvent = store.rebalances - 1
        store.add(MetricsFixture.bounced("second.example"), times: 9)
        var replacedAt: Int?
        for _ in 0..<100 where replacedAt == nil {
            store.rebalance()
            if store.counts(of: "second.example") != nil { replacedAt = store.rebalances }
        }
        #expect(replacedAt == lastEvent + policy.idleRebalances)
    }

    /// The checkpoint built from the last one saved is the one built from scratch, through
    /// quiet ticks, a window rotation and a new count.
    @Test func reusedCheckpointLinesAreTheFullOnes() {
        var store = MetricsStore(topDestinations: 5)
        for (index, name) in MetricsFixture.hostileNames.enumerated() {
            store.add(MetricsFixture.bounced(name), times: index + 1, source: name, time: 7)
        }
        store.rebalance()
        var saved = store.checkpointLines()
        var revision = store.revision
        var quiet = 0
        for tick in 0..<45 {
            if tick == 30 { store.countLine(.ignored, source: "mail.log") }
            store.rebalance()
            if store.revision == revision { quiet += 1 }
            let reused = store.checkpointLines(reusing: saved, from: revision)
            #expect(reused == store.checkpointLines())
            saved = reused
            revision = store.revision
        }
        #expect(quiet > 30)
    }
}
