import Testing

@testable import BounceCore

/// A full rule lets go of its lightest quiet groups, the earliest added first among equal
/// weights (`AlertEvictionKey`, one selection): the groups kept after each batch are those the
/// plain model keeps, sorting every group by weight and then by when it was added.
@Suite struct AlertEvictionOrderTests {
    @Test func batchesLetTheLightestAndEarliestGo() {
        let limit = AlertLimits.groupsPerRule
        let rule = AlertFixture.countRule(threshold: 1e9, window: 3600, groupBy: [.destination])
        var engine = AlertEngine(rules: [rule])
        var random = AlertSelectionTests.SplitMix(state: 41)
        // The model: each live destination's weight, in the order the groups were added.
        var live: [(name: String, weight: Int)] = []
        var next = 0
        for _ in 0..<(limit + 700) {
            let name = "d\(next).example"
            next += 1
            if live.count == limit {
                // The next new group makes room: the batch lightest by (weight, order) go.
                let order = live.indices.sorted {
                    (live[$0].weight, $0) < (live[$1].weight, $1)
                }
                let gone = Set(order.prefix(limit / 8))
                live = live.indices.filter { !gone.contains($0) }.map { live[$0] }
            }
            live.append((name, 0))
            // One to four events, and now and then more to an older live group.
            let events = 1 + Int(random.next() % 4)
            for _ in 0..<events { engine.observe(AlertFixture.event(1000, to: name)) }
            live[live.count - 1].weight = events
            if random.next() % 3 == 0 {
                let older = Int(random.next() % UInt64(live.count))
                engine.observe(AlertFixture.event(1000, to: live[older].name))
                live[older].weight += 1
            }
        }
        let kept = engine.states[0].groups.values.map { ($0.labels[0], $0.weight) }
        #expect(
            Dictionary(uniqueKeysWithValues: kept)
                == Dictionary(uniqueKeysWithValues: live.map { ($0.name, $0.weight) }))
        #expect(engine.droppedEvents == 0)
    }
}
