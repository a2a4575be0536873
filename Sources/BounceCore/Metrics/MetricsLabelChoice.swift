/// Which labelled row a rebalance gives up. Destinations and hosts keep their own rows of
/// `MetricsDestinationLabel` and choose by the same rules, so those rules live here once.
enum MetricsLabelChoice {
    /// The row to give up first when there are too many: the weakest, then the one idle
    /// longest, then by name.
    static func weakest(in labels: [MetricsDestinationLabel?]) -> Int? {
        labels.indices.filter { labels[$0] != nil }.min { first, second in
            isWeaker(labels[first]!, than: labels[second]!)
        }
    }

    /// The row a candidate of `strength` may take, if any: an idle one weaker than the
    /// candidate (the one idle longest), else an active one that has kept its place for
    /// `minimumTenure` and that the candidate outweighs by `displacementFactor` (the weakest).
    static func victim(
        for strength: Int, in labels: [MetricsDestinationLabel?], epoch: Int,
        policy: MetricsRebalancePolicy
    ) -> Int? {
        var idle: Int?
        var weak: Int?
        for row in labels.indices {
            guard let label = labels[row] else { continue }
            if epoch - label.lastEvent >= policy.idleRebalances {
                if idle.map({ isIdler(label, than: labels[$0]!) }) ?? true { idle = row }
            } else if epoch - label.promotedAt >= policy.minimumTenure {
                if weak.map({ isWeaker(label, than: labels[$0]!) }) ?? true { weak = row }
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
