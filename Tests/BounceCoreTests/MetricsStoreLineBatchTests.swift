import Testing

@testable import BounceCore

/// `countLines` (the daemon counts a poll's lines at once) against one `countLine` per line.
@Suite struct MetricsStoreLineBatchTests {
    @Test func aBatchCountsAsItsLinesOneByOne() {
        var oneByOne = MetricsStore(topDestinations: 5)
        var batched = MetricsStore(topDestinations: 5)
        for (source, events, ignored, unrecognized) in [
            ("b.log", 3, 0, 2), ("a.log", 0, 4, 0), ("b.log", 1, 1, 1), ("a\u{1}b", 2, 0, 0),
        ] {
            for _ in 0..<events { oneByOne.countLine(outcome: .event, source: source) }
            for _ in 0..<ignored { oneByOne.countLine(.ignored, source: source) }
            for _ in 0..<unrecognized { oneByOne.countLine(.unrecognized, source: source) }
            batched.countLines(
                events: events, ignored: ignored, unrecognized: unrecognized, source: source)
        }
        #expect(batched.sourceCounters == oneByOne.sourceCounters)
        #expect(batched.checkpointLines() == oneByOne.checkpointLines())
        #expect(batched.totalLines == 14)
        let names = batched.snapshot().sources.map(\.name)
        #expect(names == ["a.log", "a\u{FFFD}b", "b.log"])
    }

    /// A poll that read nothing leaves the store as it was, so an idle write stays idle.
    @Test func anEmptyBatchMovesNothing() {
        var store = MetricsStore(topDestinations: 5)
        store.countLines(events: 1, ignored: 0, unrecognized: 0, source: "mail.log")
        let revision = store.revision
        store.countLines(events: 0, ignored: 0, unrecognized: 0, source: "mail.log")
        #expect(store.revision == revision)
        store.countLines(events: 0, ignored: 1, unrecognized: 0, source: "mail.log")
        #expect(store.revision != revision)
        #expect(store.sourceCounters.map(\.lines) == [2])
    }
}
