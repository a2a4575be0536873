/// What a full rule lets go at once: its `count` lightest quiet groups, by the heaviest weight
/// among them (`limit`) and how many weigh less (`lighter`; all of those go, and as many of
/// weight `limit` as fill the batch, the earliest added first).
///
/// Found from a count of each small weight in one pass over the groups, most quiet groups of a
/// full rule weighing a few events; only a batch that reaches past the counted weights gathers
/// every quiet weight and selects (`AlertSelection`). Both give the same answer.
struct AlertEvictionBatch {
    /// Groups that go: the batch wanted, or every quiet group when there are fewer.
    let count: Int
    let limit: Int
    let lighter: Int

    /// Weights below this are counted one by one.
    static let countedWeights = 64

    /// The batch of `wanted` groups (at least 1) among `groups`; nil when none is quiet.
    init?(_ groups: AlertGroups, wanted: Int) {
        let found = withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.countedWeights) {
            counts -> (count: Int, limit: Int, lighter: Int)? in
            counts.initialize(repeating: 0)
            var quiet = 0
            for position in 0..<groups.count where groups.values[position].isQuiet {
                quiet += 1
                let weight = groups.values[position].weight
                if weight >= 0, weight < Self.countedWeights { counts[weight] += 1 }
            }
            guard quiet > 0 else { return nil }
            let count = min(wanted, quiet)
            var below = 0
            for weight in 0..<Self.countedWeights {
                if below + counts[weight] >= count { return (count, weight, below) }
                below += counts[weight]
            }
            return (count, Self.selected(groups, count: count), -1)
        }
        guard let found else { return nil }
        count = found.count
        limit = found.limit
        lighter = found.lighter >= 0 ? found.lighter : Self.lighter(groups, than: limit)
    }

    /// The `count`th smallest quiet weight, selected among all of them.
    private static func selected(_ groups: AlertGroups, count: Int) -> Int {
        var weights: [Int] = []
        weights.reserveCapacity(groups.count)
        for position in 0..<groups.count where groups.values[position].isQuiet {
            weights.append(groups.values[position].weight)
        }
        return AlertSelection.smallest(count, of: &weights)
    }

    /// How many quiet groups weigh less than `limit`.
    private static func lighter(_ groups: AlertGroups, than limit: Int) -> Int {
        var lighter = 0
        for position in 0..<groups.count where groups.values[position].isQuiet {
            if groups.values[position].weight < limit { lighter += 1 }
        }
        return lighter
    }
}
