import Testing

@testable import BounceCore

/// A rule's groups lose members in place (the last group fills the hole, the index shifts back
/// instead of being rebuilt): every group left must still be found, none removed may be, and a
/// full rule must still let the lightest and, among equals, the earliest added go.
@Suite struct AlertGroupsRemovalTests {
    /// Groups whose hashes fall into few slots, so runs of the index are long and wrap around.
    static func group(_ number: Int, hashes: UInt64) -> AlertGroup {
        AlertGroup(
            labels: ["g\(number)"], hash: UInt64(number) % hashes &* 0x1_0000_0001,
            windowSeconds: 600)
    }

    static func find(_ groups: AlertGroups, _ group: AlertGroup) -> Int? {
        groups.position(hash: group.hash) { $0 == group.labels }
    }

    @Test(arguments: [1, 3, 1000])
    func everyGroupLeftIsFoundAfterRemovals(hashes: UInt64) {
        var random = AlertSelectionTests.SplitMix(state: hashes)
        var groups = AlertGroups()
        var present: [Int: AlertGroup] = [:]
        var next = 0
        for _ in 0..<60 {
            for _ in 0..<Int(random.next() % 40) {
                let group = Self.group(next, hashes: hashes)
                groups.append(group)
                present[next] = group
                next += 1
            }
            let doomed = groups.values.indices.filter { _ in random.next() % 3 == 0 }
            let gone = doomed.map { groups.values[$0].labels }
            groups.remove(at: doomed)
            for labels in gone { present[Int(labels[0].dropFirst())!] = nil }
            #expect(groups.count == present.count)
            for (number, group) in present {
                let position = Self.find(groups, group)
                #expect(position.map { groups.values[$0].labels } == group.labels, "g\(number)")
            }
            for labels in gone {
                let number = Int(labels[0].dropFirst())!
                #expect(Self.find(groups, Self.group(number, hashes: hashes)) == nil)
            }
        }
    }

    /// Removals move groups about; the order they were added in still decides among equals.
    @Test func serialsFollowTheOrderOfAdding() {
        var groups = AlertGroups()
        for number in 0..<20 { groups.append(Self.group(number, hashes: 1000)) }
        groups.remove(at: [0, 3, 4, 10])
        for number in 20..<25 { groups.append(Self.group(number, hashes: 1000)) }
        let byAdding = groups.values.indices.sorted {
            groups.serial(at: $0) < groups.serial(at: $1)
        }
        let expected = (0..<25).filter { ![0, 3, 4, 10].contains($0) }.map { "g\($0)" }
        #expect(byAdding.map { groups.values[$0].labels[0] } == expected)
    }

    /// A flood of one-event destinations into a full rule: each batch lets the earliest 256 go,
    /// also after earlier batches have moved groups about in the array.
    @Test func aFullRuleLetsTheEarliestOfEqualWeightGo() {
        let limit = AlertLimits.groupsPerRule
        let batch = limit / 8
        let rule = AlertFixture.countRule(threshold: 1000, window: 600, groupBy: [.destination])
        var engine = AlertEngine(rules: [rule])
        let total = limit + 3 * batch + 5
        for index in 0..<total {
            engine.observe(AlertFixture.event(1000, to: "d\(index).example"))
        }
        // Three batches made room for the groups after the first `limit`, a fourth the last 5.
        let evicted = 4 * batch
        let kept = Set(engine.states[0].groups.values.map { $0.labels[0] })
        #expect(kept == Set((evicted..<total).map { "d\($0).example" }))
        #expect(engine.droppedEvents == 0)
    }
}
