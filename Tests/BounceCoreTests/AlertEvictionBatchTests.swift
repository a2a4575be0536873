import Testing

@testable import BounceCore

/// `AlertEvictionBatch` finds a full rule's batch from a count of small weights, or by
/// selection when the batch reaches heavier groups: held to the plain answer (the quiet
/// weights sorted) over seeded sets of light, heavy and mixed groups, some not quiet.
@Suite struct AlertEvictionBatchTests {
    static func groups(weights: [Int], quiet: (Int) -> Bool) -> AlertGroups {
        var groups = AlertGroups()
        for (index, weight) in weights.enumerated() {
            let label = "d\(index).example"
            var group = AlertGroup(
                soleLabel: label, hash: AlertGroupHash.of(label), windowSeconds: 600)
            group.weight = weight
            if !quiet(index) { group.phase = .pending(since: 0, startedAt: 0) }
            groups.append(group)
        }
        return groups
    }

    @Test(arguments: [1, 8, 60, 70, 500, 5000])
    func batchesAreThePlainOnes(heaviest: Int) {
        var random = AlertSelectionTests.SplitMix(state: UInt64(heaviest))
        for round in 0..<40 {
            let size = 1 + Int(random.next() % 700)
            let weights = (0..<size).map { _ in Int(random.next() % UInt64(heaviest + 1)) }
            let notQuiet = round % 3 == 0 ? 0 : Int(random.next() % 5)
            let groups = Self.groups(weights: weights) { notQuiet == 0 || $0 % (notQuiet + 1) != 0 }
            let quietWeights = groups.values.filter(\.isQuiet).map(\.weight).sorted()
            let wanted = 1 + Int(random.next() % 300)
            let batch = AlertEvictionBatch(groups, wanted: wanted)
            guard !quietWeights.isEmpty else {
                #expect(batch == nil)
                continue
            }
            let count = min(wanted, quietWeights.count)
            let limit = quietWeights[count - 1]
            #expect(batch?.count == count, "round \(round)")
            #expect(batch?.limit == limit, "round \(round)")
            #expect(batch?.lighter == quietWeights.filter { $0 < limit }.count, "round \(round)")
        }
    }

    @Test func noQuietGroupNoBatch() {
        let groups = Self.groups(weights: [1, 2, 3]) { _ in false }
        #expect(AlertEvictionBatch(groups, wanted: 2) == nil)
    }
}
