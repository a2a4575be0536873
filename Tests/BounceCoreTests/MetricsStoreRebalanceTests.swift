import Testing

@testable import BounceCore

extension MetricsFixture {
    /// Short windows so that scenarios take a few rebalances.
    static let quickPolicy = MetricsRebalancePolicy(
        windowRebalances: 2, idleRebalances: 3, minimumTenure: 2, displacementFactor: 4,
        displacementMinimum: 4)
}

@Suite struct MetricsStoreRebalanceTests {
    @Test func freePlacesGoToTheStrongestCandidates() {
        var store = MetricsStore(topDestinations: 2, policy: MetricsFixture.quickPolicy)
        store.add(MetricsFixture.sent("c.example"), times: 1)
        store.add(MetricsFixture.sent("a.example"), times: 5)
        store.add(MetricsFixture.sent("b.example"), times: 3)
        store.rebalance()
        #expect(store.labelNames == ["a.example", "b.example"])
        // Nothing was written before: the promoted take their deliveries along.
        #expect(store.counts(of: "a.example") == StatusCounts(sent: 5))
        #expect(store.counts(of: "other") == StatusCounts(sent: 1))
    }

    @Test func tiesAreBrokenByName() {
        var store = MetricsStore(topDestinations: 1, policy: MetricsFixture.quickPolicy)
        store.add(MetricsFixture.sent("z.example"), times: 2)
        store.add(MetricsFixture.sent("m.example"), times: 2)
        store.rebalance()
        #expect(store.labelNames == ["m.example"])
    }

    /// The scenario worked out in the policy's terms: `a` is promoted, then gets nothing; `b` gets
    /// one delivery per rebalance and takes `a`'s place once `a` is idle.
    @Test func anIdleDestinationGivesItsPlaceToAStrongerCandidate() {
        var store = MetricsStore(topDestinations: 1, policy: MetricsFixture.quickPolicy)
        store.add(MetricsFixture.sent("a.example"), times: 5)
        store.rebalance()  // 1: a promoted
        store.add(MetricsFixture.sent("a.example"))
        var labels: [[String]] = []
        for _ in 0..<4 {
            store.add(MetricsFixture.sent("b.example"))
            store.rebalance()
            labels.append(store.labelNames)
        }
        // 2: a active (tenure 1); 3: a's strength 1 + 5 outweighs b; 4: a idle for 3 -> b.
        #expect(labels == [["a.example"], ["a.example"], ["b.example"], ["b.example"]])
        // a's own delivery went to other on demotion, with b's three before its promotion.
        #expect(store.snapshot().deliveries.sent == 10)
        #expect(store.counts(of: "other") == StatusCounts(sent: 5 + 1 + 3))
        #expect(store.counts(of: "b.example") == StatusCounts(sent: 1))
    }

    @Test func aMuchStrongerCandidateDisplacesAnActiveDestinationAfterItsTenure() {
        var store = MetricsStore(topDestinations: 1, policy: MetricsFixture.quickPolicy)
        store.add(MetricsFixture.sent("small.example"))
        store.rebalance()  // 1: small promoted
        var labels: [[String]] = []
        for _ in 0..<3 {
            store.add(MetricsFixture.sent("small.example"))
            store.add(MetricsFixture.sent("big.example"), times: 10)
            store.rebalance()
            labels.append(store.labelNames)
        }
        // 2: tenure 1 < 2 keeps small; 3: big (20) > 4 x small (2) -> big.
        #expect(labels == [["small.example"], ["big.example"], ["big.example"]])
    }

    @Test func aCandidateNotFarEnoughAheadWaits() {
        var store = MetricsStore(topDestinations: 1, policy: MetricsFixture.quickPolicy)
        store.add(MetricsFixture.sent("first.example"), times: 3)
        store.rebalance()
        for _ in 0..<10 {
            store.add(MetricsFixture.sent("first.example"), times: 3)
            store.add(MetricsFixture.sent("second.example"), times: 6)
            store.rebalance()
            #expect(store.labelNames == ["first.example"])
        }
    }

    @Test func loweringTopDemotesTheWeakestAndRaisingItPromotes() {
        var store = MetricsStore(topDestinations: 3, policy: MetricsFixture.quickPolicy)
        for (domain, times) in [("a.example", 5), ("b.example", 3), ("c.example", 1)] {
            store.add(MetricsFixture.sent(domain), times: times)
        }
        store.rebalance()
        #expect(store.labelNames == ["a.example", "b.example", "c.example"])
        for (domain, times) in [("a.example", 5), ("b.example", 3), ("c.example", 1)] {
            store.add(MetricsFixture.sent(domain), times: times)
        }
        store.setTopDestinations(1)
        store.rebalance()
        #expect(store.labelNames == ["a.example"])
        // a.example has both rounds (the first write took the first along); b and c fold in.
        #expect(store.counts(of: "a.example") == StatusCounts(sent: 10))
        #expect(store.counts(of: "other") == StatusCounts(sent: 3 + 1 + 3 + 1))
        store.setTopDestinations(3)
        store.rebalance()
        #expect(store.labelNames == ["a.example", "b.example", "c.example"])
    }

    @Test func topZeroCountsEverythingUnderOther() {
        var store = MetricsStore(topDestinations: 0)
        store.add(MetricsFixture.sent("a.example"), times: 3)
        store.rebalance()
        store.add(MetricsFixture.sent("a.example"))
        #expect(store.labelNames.isEmpty)
        #expect(store.counts(of: "other") == StatusCounts(sent: 4))
    }

    /// Random traffic with shifting popularity over many rebalances: after every rebalance the
    /// sums equal the truth exactly, every series that stays only grows, only demoted destinations'
    /// series vanish, and at most `top` destinations are labelled.
    @Test(arguments: [1, 2, 3])
    func seriesStayMonotonicAndSumsExact(seed: UInt64) {
        var random = SplitMix64(state: seed)
        let top = 8
        var store = MetricsStore(topDestinations: top, policy: MetricsFixture.quickPolicy)
        var truth: [String: Int] = [:]
        var previous: [String: Int] = [:]
        var vanished = 0
        let statuses: [(DeliveryStatus, Cause?)] = [
            (.sent, nil), (.deferred, .greylisted), (.bounced, .recipientUnknown),
            (.expired, .expired),
        ]
        for round in 0..<300 {
            // Popularity shifts every 50 rounds; a long tail of rare domains throughout.
            let phase = round / 50
            for _ in 0..<Int(random.next() % 60) {
                let roll = random.next() % 100
                let domain =
                    roll < 60
                    ? "hot\(phase * 3 + Int(random.next() % 12)).example"
                    : "tail\(random.next() % 5000).example"
                let (status, cause) = statuses[Int(random.next() % 4)]
                let mta: MTA = random.next() % 3 == 0 ? .exim : .postfix
                store.add(SampleEvent(mta: mta, status: status, cause: cause, domain: domain))
                truth[
                    "\(mta.identifier)|\(status.identifier)|\(cause?.identifier ?? "-")", default: 0
                ] +=
                    1
            }
            store.rebalance()
            let series = store.deliverySeries
            var sums: [String: Int] = [:]
            for (key, value) in series {
                sums[key.split(separator: "|", maxSplits: 1)[1].description, default: 0] += value
            }
            #expect(sums == truth, "round \(round)")
            let labelled = Set(store.labelNames)
            #expect(labelled.count <= top)
            for (key, old) in previous {
                let destination = String(key.split(separator: "|")[0])
                if let new = series[key] {
                    #expect(new >= old, "\(key) went from \(old) to \(new) in round \(round)")
                } else {
                    #expect(destination != "other", "\(key) vanished")
                    #expect(!labelled.contains(destination), "\(key) vanished while labelled")
                    vanished += 1
                }
            }
            previous = series
        }
        #expect(store.labelNames.count == top)
        // Popularity moved five times: demotions happened, but not on every rebalance.
        #expect(vanished > 0)
        #expect(vanished < 300 * 4)
    }
}
