import Testing

@testable import BounceCore

/// `HostTally` counts a run of events from one host in its table at once; the table, and so
/// every report, must be what one increment per event gives.
@Suite struct HostRunTests {
    /// A small deterministic generator, so that a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: (state >> 33) % UInt64(bound))
        }
    }

    static func snapshot(_ table: SpaceSavingTable) -> [String] {
        (0..<table.used).map { "\(table.key($0)) \(table.counts[$0]) \(table.errors[$0])" }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aRunCountedAtOnceLeavesTheTableAsSingleCountsDo(seed: UInt64) {
        var single = SpaceSavingTable(capacity: 64, keyLimit: 32)
        var bulk = SpaceSavingTable(capacity: 64, keyLimit: 32)
        var random = Generator(state: seed)
        var replaced = 0
        for _ in 0..<3000 {
            let key = Array("host\(random.next(200)).example".utf8)
            let run = 1 + random.next(6)
            key.withUnsafeBufferPointer { buffer in
                let first = single.increment(buffer)
                let second = bulk.increment(buffer)
                #expect(first.entry == second.entry && first.isNew == second.isNew)
                if first.isNew { replaced += 1 }
                for _ in 1..<run { single.increment(entry: first.entry) }
                if run > 1 { bulk.increment(entry: second.entry, by: run - 1) }
            }
            #expect(Self.snapshot(single) == Self.snapshot(bulk))
        }
        // The table overflowed, so the heap's order decided which keys were replaced.
        #expect(bulk.replacements > 1000)
        #expect(replaced > 1000)
    }

    @Test func hostsInRunsAreReportedAsOneCountPerEvent() {
        var tally = HostTally(top: 300)
        var reference = SpaceSavingTable(capacity: 1200, keyLimit: HostTally.keyLimit)
        var sinceNew: [Int: Int] = [:]
        var random = Generator(state: 7)
        var event = RawEvent.unparsed()
        event.kind = .delivery
        event.status = .sent
        var halves: [HostTally] = []
        for _ in 0..<2 {
            var part = HostTally(top: 300)
            for _ in 0..<2500 {
                let host = Array("mx\(random.next(3000)).example.net".utf8)
                for _ in 0..<(1 + random.next(5)) {
                    host.withUnsafeBufferPointer { buffer in
                        tally.add(event, host: buffer)
                        part.add(event, host: buffer)
                        let (entry, isNew) = reference.increment(buffer)
                        if isNew { sinceNew[entry] = 0 }
                        sinceNew[entry, default: 0] += 1
                    }
                }
            }
            halves.append(part)
        }
        struct Row {
            var name: String
            var count: Int
            var entry: Int
        }
        var rows: [Row] = []
        for entry in 0..<reference.used where reference.guaranteed(entry) > 0 {
            rows.append(
                Row(name: reference.key(entry), count: reference.guaranteed(entry), entry: entry))
        }
        rows.sort { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
        let expected = Array(rows.prefix(300))
        let found = tally.summaries()
        #expect(found.approximate)
        let foundNames: [String] = found.top.map { $0.name }
        let expectedNames: [String] = expected.map { $0.name }
        #expect(foundNames == expectedNames)
        let foundCounts: [Int] = found.top.map { $0.deliveries[.sent] }
        let expectedCounts: [Int] = expected.map { sinceNew[$0.entry] ?? -1 }
        #expect(foundCounts == expectedCounts)
        // Merging two tallies that each end inside a run counts both runs.
        var merged = halves[0]
        merged.merge(halves[1])
        let total = merged.summaries()
        var mergedTotal = total.other?.deliveries[.sent] ?? 0
        for host in total.top { mergedTotal += host.deliveries[.sent] }
        var oneTotal = found.other?.deliveries[.sent] ?? 0
        for host in found.top { oneTotal += host.deliveries[.sent] }
        #expect(mergedTotal == oneTotal)
        #expect(oneTotal > 5000)
    }
}
