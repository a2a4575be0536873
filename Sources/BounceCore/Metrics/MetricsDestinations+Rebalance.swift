extension MetricsDestinations {
    /// Applies the rebalance rules once (see `MetricsStore`) for at most `top` labelled
    /// destinations. Returns the names demoted, whose other per-destination counters (block list
    /// hits) the caller folds into `other` too.
    mutating func rebalance(top: Int, policy: MetricsRebalancePolicy) -> [String] {
        tick()
        if epoch % policy.windowRebalances == 0 { rotateWindow() }
        var demoted: [String] = []
        while labelCount > top, let slot = weakestSlot() {
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
            guard let victim = victim(for: candidate.strength, policy: policy) else { break }
            demoted.append(demote(victim))
            promote(name, entries: candidate.entries)
        }
        endFirstWrite()
        return demoted
    }

    /// The labelled slot to give up first when there are too many: the weakest, then the one
    /// idle longest, then by name.
    private func weakestSlot() -> Int? {
        labels.indices.filter { labels[$0] != nil }.min { first, second in
            Self.isWeaker(labels[first]!, than: labels[second]!)
        }
    }

    /// The labelled slot a candidate of `strength` may take, if any: an idle destination weaker
    /// than the candidate (the one idle longest), else an active one that has kept its place
    /// for `minimumTenure` and that the candidate outweighs by `displacementFactor` (the
    /// weakest).
    private func victim(for strength: Int, policy: MetricsRebalancePolicy) -> Int? {
        var idle: Int?
        var weak: Int?
        for slot in labels.indices {
            guard let label = labels[slot] else { continue }
            if epoch - label.lastEvent >= policy.idleRebalances {
                if idle.map({ Self.isIdler(label, than: labels[$0]!) }) ?? true { idle = slot }
            } else if epoch - label.promotedAt >= policy.minimumTenure {
                if weak.map({ Self.isWeaker(label, than: labels[$0]!) }) ?? true { weak = slot }
            }
        }
        if let idle, strength > labels[idle]!.strength { return idle }
        if let weak, strength >= policy.displacementMinimum,
            strength > policy.displacementFactor * labels[weak]!.strength
        {
            return weak
        }
        return nil
    }

    private static func isWeaker(
        _ first: MetricsDestinationLabel, than second: MetricsDestinationLabel
    ) -> Bool {
        if first.strength != second.strength { return first.strength < second.strength }
        if first.lastEvent != second.lastEvent { return first.lastEvent < second.lastEvent }
        return first.name < second.name
    }

    private static func isIdler(
        _ first: MetricsDestinationLabel, than second: MetricsDestinationLabel
    ) -> Bool {
        if first.lastEvent != second.lastEvent { return first.lastEvent < second.lastEvent }
        return first.name < second.name
    }
}
