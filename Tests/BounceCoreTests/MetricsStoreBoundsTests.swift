import Testing

@testable import BounceCore

extension MetricsFixture {
    /// Feeds `count` deliveries to distinct domains (`d<n>.example`, `first` upwards), rebalancing
    /// every `rebalanceEvery`, without building a line per event.
    static func feedDistinctDomains(
        _ store: inout MetricsStore, count: Int, first: Int = 0, rebalanceEvery: Int = 10_000
    ) {
        var line = [UInt8](repeating: 0, count: 64)
        let suffix = Array(".example".utf8)
        var event = RawEvent(mta: .postfix, kind: .delivery, status: .deferred, timestamp: nil)
        let classification = Classification(cause: .network, ruleID: "test")
        for number in first..<first + count {
            // Digits written in place: formatting a string per delivery would dominate.
            line[0] = UInt8(ascii: "d")
            var length = 1
            var divisor = 1
            while divisor * 10 <= number { divisor *= 10 }
            while divisor > 0 {
                line[length] = UInt8(ascii: "0") + UInt8(number / divisor % 10)
                length += 1
                divisor /= 10
            }
            for byte in suffix {
                line[length] = byte
                length += 1
            }
            event.domain = ByteRange(0, length)
            line.withUnsafeBufferPointer { buffer in
                store.add(event, classification, in: buffer, source: "mail.log", time: nil)
            }
            if (number - first + 1) % rebalanceEvery == 0 { store.rebalance() }
        }
    }
}

@Suite struct MetricsStoreBoundsTests {
    /// A million distinct domains with a few busy ones among them: the tables stay at their fixed
    /// sizes, the busy domains get series, and every delivery is counted.
    @Test func memoryStaysBoundedWithAMillionDistinctDomains() {
        var store = MetricsStore(topDestinations: 50)
        let busy = (0..<5).map { MetricsFixture.sent("busy\($0).example") }
        for round in 0..<100 {
            MetricsFixture.feedDistinctDomains(
                &store, count: 10_000, first: round * 10_000, rebalanceEvery: 10_000)
            for sample in busy { store.add(sample, times: 200) }
            let destinations = store.destinations
            #expect(destinations.windowEntries <= MetricsDestinations.windowCapacity)
            #expect(destinations.labelCount <= 50)
            #expect(destinations.labels.count <= 50, "slots are reused")
            #expect(destinations.previousStrength.count <= 2 * MetricsStore.candidateMemory)
            #expect(destinations.carriedStrength.isEmpty)
        }
        store.rebalance()
        let snapshot = store.snapshot()
        #expect(snapshot.deliveries == StatusCounts(sent: 100 * 5 * 200, deferred: 1_000_000))
        for index in 0..<5 {
            #expect(snapshot.destinations.contains { $0.name == "busy\(index).example" })
        }
        let lines = store.checkpointLines()
        #expect(lines.count < 50 * MetricsCell.count + 3 * MetricsStore.candidateMemory)
    }
}
