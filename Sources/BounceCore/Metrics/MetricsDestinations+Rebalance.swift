extension MetricsDestinations {
    /// Applies the rebalance rules once (see `MetricsStore`) for at most `top` labelled
    /// destinations. Returns the names demoted, whose other per-destination counters (block list
    /// hits) the caller folds into `other` too.
    mutating func rebalance(top: Int, policy: MetricsRebalancePolicy) -> [String] {
        tick()
        if epoch % policy.windowRebalances == 0 { rotateWindow() }
        var demoted: [String] = []
        while labelCount > top, let slot = MetricsLabelChoice.weakest(in: labels) {
            demoted.append(demote(slot))
        }
        attachVariants()
        let candidates = currentCandidates().merging(
            previousStrength.filter { slotByName[$0.key] == nil }.mapValues { ($0, []) }
        ) { current, previous in
            (current.strength.saturatingSum(previous.strength), current.entries)
        }
        .filter { $0.value.strength >= policy.promotionMinimum }
        .sorted {
            $0.value.strength != $1.value.strength
                ? $0.value.strength > $1.value.strength : $0.key < $1.key
        }
        for (name, candidate) in candidates {
            if labelCount < top {
                promote(name, entries: candidate.entries)
                continue
            }
            guard
                let victim = MetricsLabelChoice.victim(
                    for: candidate.strength, in: labels, epoch: epoch, policy: policy)
            else { break }
            demoted.append(demote(victim))
            promote(name, entries: candidate.entries)
        }
        endFirstWrite()
        return demoted
    }
}
