import Testing

@testable import BounceCore

/// The tier that decided each verdict, and the counts of `scan` and the daemon by tier.
@Suite struct ClassificationTierTests {
    /// The verdict on a full log line, parsed as `scan` parses it; nil for a non-event.
    private func verdict(_ text: String) -> Classification? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { mutable in
            let line = UnsafeBufferPointer(mutable)
            guard case .event(let event) = LineParser().parse(line) else { return nil }
            return Classifier.standard.classify(event, in: line)
        }
    }

    @Test func everyRuleSampleCarriesTheTierOfItsRule() {
        for rule in Classifier.standard.rules {
            let decided = verdict(rule.sample)
            #expect(decided?.ruleID == rule.id, "the sample of \(rule.id) is decided by it")
            #expect(decided?.tier == rule.tier, "\(rule.id) reports tier \(rule.tier.identifier)")
        }
    }

    @Test func aLineNoRuleDecidesHasNoTier() {
        let result = ReplyEvent.classify(
            "Requested mail action not taken", status: .deferred, stage: .data, remote: false)
        #expect(result.classification.cause == .unclassified)
        #expect(result.classification.tier == nil)
        var counts = TierCounts()
        counts.add(result.classification)
        #expect(counts.count(of: "none") == 1)
        #expect(counts.total == 1)
    }

    @Test func theLabelsAreTheTiersThenNone() {
        #expect(
            TierCounts.identifiers == [
                "event", "user", "text", "enhanced_code", "reply_code", "mta_wording", "none",
            ])
    }

    private func sample(_ tier: Rule.Tier?, cause: Cause = .policy) -> SampleEvent {
        var sample = SampleEvent(
            status: .bounced, cause: cause, domain: "example.net", reply: "550 no")
        sample.classification?.tier = tier
        return sample
    }

    @Test func scanCountsEventsByDecidingTier() {
        var aggregator = ScanAggregator(topDestinations: 10)
        aggregator.add(sample(.text), times: 3)
        aggregator.add(sample(.enhancedCode), times: 2)
        aggregator.add(sample(.replyCode))
        aggregator.add(sample(.mtaWording, cause: .network))
        aggregator.add(sample(nil, cause: .unclassified), times: 4)
        // A sent delivery has no verdict and counts under no tier.
        aggregator.add(SampleEvent(status: .sent, domain: "example.net"))
        let tiers = aggregator.report().classificationTiers
        #expect(tiers.count(of: "text") == 3)
        #expect(tiers.count(of: "enhanced_code") == 2)
        #expect(tiers.count(of: "reply_code") == 1)
        #expect(tiers.count(of: "mta_wording") == 1)
        #expect(tiers.count(of: "none") == 4)
        #expect(tiers.count(of: "event") == 0)
        #expect(tiers.total == 11)
    }

    @Test func theDaemonStoreCountsTiersAndKeepsThemInItsCheckpoint() throws {
        var store = MetricsStore(topDestinations: 5)
        store.add(sample(.text), times: 2)
        store.add(sample(.replyCode))
        store.add(sample(nil, cause: .unclassified))
        #expect(store.snapshot().classificationTiers.count(of: "text") == 2)
        let lines = store.checkpointLines()
        #expect(lines.contains("tier text 2"))
        #expect(lines.contains("tier reply_code 1"))
        #expect(lines.contains("tier none 1"))
        let copy = try MetricsFixture.restored(store)
        #expect(copy.snapshot() == store.snapshot())
        #expect(copy.checkpointLines() == lines)
    }

    @Test func aCheckpointWrittenBeforeTiersLoadsWithZeroTiers() throws {
        var store = MetricsStore(topDestinations: 5)
        store.add(sample(.text), times: 2)
        let old = store.checkpointLines().filter { !$0.hasPrefix("tier ") }.dropLast()
        let lines = Array(old) + ["end \(old.count)"]
        let copy = try MetricsStore(topDestinations: 5, checkpointLines: lines)
        #expect(copy.snapshot().classificationTiers == TierCounts())
        #expect(copy.deliverySeries == store.deliverySeries)
    }

    @Test(arguments: [
        (["tier bogus 1"], "unknown tier 'bogus'"),
        (["tier text 1", "tier text 2"], "tier given twice"),
        (["tier text x"], "field 2 is not a count: 'x'"),
        (["tier text"], "'tier' needs 2 fields, found 1"),
    ])
    func badTierLinesAreRefused(extra: [String], reason: String) {
        var lines = MetricsStore(topDestinations: 5).checkpointLines().dropLast()
        lines.append(contentsOf: extra)
        let all = Array(lines) + ["end \(lines.count)"]
        #expect(throws: MetricsRestoreError.self) {
            try MetricsStore(topDestinations: 5, checkpointLines: all)
        }
        do {
            _ = try MetricsStore(topDestinations: 5, checkpointLines: all)
        } catch {
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }
}
