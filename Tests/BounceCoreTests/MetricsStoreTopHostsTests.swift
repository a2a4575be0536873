import Testing

@testable import BounceCore

/// `metrics.top_hosts`: the hosts with series of their own are the busiest, not the first seen,
/// and choosing them never makes a series go backwards.
@Suite struct MetricsStoreTopHostsTests {
    typealias Lines = MetricsStoreHostTests

    static func sent(_ host: String, _ count: Int) -> [String] {
        (0..<count).map { Lines.delivery(host, "u\($0)@example.com", status: "sent") }
    }

    static func sentByHost(_ store: MetricsStore) -> [String: Int] {
        var result: [String: Int] = [:]
        for host in store.snapshot().hosts {
            result[host.name] = Lines.deliveries(host)["sent"] ?? 0
        }
        return result
    }

    @Test func theBusiestHostsGetTheRowsAtTheFirstWrite() {
        var store = MetricsStore(topDestinations: 5)
        store.setPerHost(true, top: 2)
        // The first two hosts seen are the quietest: first-N would give them the rows.
        Lines.feed(
            Self.sent("mta-a", 1) + Self.sent("mta-b", 2) + Self.sent("mta-c", 7)
                + Self.sent("mta-d", 4), to: &store)
        store.rebalance()
        // Nothing was written before: the promoted hosts take their earlier lines with them.
        #expect(Self.sentByHost(store) == ["mta-c": 7, "mta-d": 4, "other": 3])
    }

    @Test func aBusyNewcomerTakesTheRowOfAnIdleHost() {
        let policy = MetricsRebalancePolicy(
            windowRebalances: 100, idleRebalances: 3, minimumTenure: 1)
        var store = MetricsStore(topDestinations: 5, policy: policy)
        store.setPerHost(true, top: 1)
        Lines.feed(Self.sent("mta-old", 3), to: &store)
        store.rebalance()
        #expect(Self.sentByHost(store) == ["mta-old": 3, "other": 0])
        for _ in 0..<3 { store.rebalance() }
        Lines.feed(Self.sent("mta-new", 5), to: &store)
        store.rebalance()
        // The idle host's count joins `other`; the newcomer counts from its promotion on (its
        // first five lines were written under `other` already).
        #expect(Self.sentByHost(store) == ["mta-new": 0, "other": 8])
        Lines.feed(Self.sent("mta-new", 2), to: &store)
        #expect(Self.sentByHost(store) == ["mta-new": 2, "other": 8])
    }

    @Test func anActiveHostKeepsItsRowUntilClearlyOutweighed() {
        let policy = MetricsRebalancePolicy(
            windowRebalances: 100, idleRebalances: 50, minimumTenure: 2,
            displacementFactor: 4, displacementMinimum: 16)
        var store = MetricsStore(topDestinations: 5, policy: policy)
        store.setPerHost(true, top: 1)
        Lines.feed(Self.sent("mta-a", 4), to: &store)
        store.rebalance()
        Lines.feed(Self.sent("mta-a", 1) + Self.sent("mta-b", 10), to: &store)
        store.rebalance()
        store.rebalance()
        // 10 is not four times 5: mta-a stays.
        #expect(store.snapshot().hosts.map(\.name) == ["mta-a", "other"])
        Lines.feed(Self.sent("mta-b", 20), to: &store)
        store.rebalance()
        #expect(store.snapshot().hosts.map(\.name) == ["mta-b", "other"])
        #expect(Self.sentByHost(store) == ["mta-b": 0, "other": 35])
    }

    /// Seeded random traffic over many writes: while a series exists it only grows, and the
    /// sum over `host` is always every line counted.
    @Test func seriesOnlyGrowAndSumsStayExact() {
        let policy = MetricsRebalancePolicy(
            windowRebalances: 4, idleRebalances: 3, minimumTenure: 2, displacementMinimum: 2)
        var store = MetricsStore(topDestinations: 5, policy: policy)
        store.setPerHost(true, top: 3)
        var generator = SplitMix(seed: 7)
        var previous: [String: Int] = [:]
        var total = 0
        var promotions = 0
        for round in 0..<60 {
            // A shifting set of busy hosts among twelve.
            var lines: [String] = []
            for _ in 0..<Int(generator.next() % 12) {
                let host = "mta\((Int(generator.next() % 4) + round / 10) % 12)"
                lines.append(Lines.delivery(host, "u@example.com", status: "sent"))
            }
            Lines.feed(lines, to: &store)
            total += lines.count
            store.rebalance()
            let now = Self.sentByHost(store)
            #expect(now.values.reduce(0, +) == total)
            for (name, count) in now {
                if let before = previous[name] {
                    #expect(count >= before, "\(name) went from \(before) to \(count)")
                } else {
                    promotions += 1
                }
            }
            #expect(now.count <= 4)
            previous = now
        }
        // The set of busy hosts moved: rows did change hands.
        #expect(promotions > 5)
    }

    @Test func aLowerLimitDemotesTheWeakest() {
        var store = MetricsStore(topDestinations: 5)
        store.setPerHost(true, top: 3)
        Lines.feed(
            Self.sent("mta-a", 5) + Self.sent("mta-b", 1) + Self.sent("mta-c", 3), to: &store)
        store.rebalance()
        store.setPerHost(true, top: 2)
        store.rebalance()
        #expect(Self.sentByHost(store) == ["mta-a": 5, "mta-c": 3, "other": 1])
    }
}
