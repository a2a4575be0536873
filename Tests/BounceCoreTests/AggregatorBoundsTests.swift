import Testing

@testable import BounceCore

/// Counts `key` in `table`, for tests that feed strings.
private func count(_ key: String, in table: inout SpaceSavingTable) {
    var copy = key
    copy.withUTF8 { _ = table.increment($0) }
}

@Test func spaceSavingIsExactWhileKeysFit() {
    var table = SpaceSavingTable(capacity: 8, keyLimit: 32)
    var expected: [String: Int] = [:]
    var random = SplitMix64(state: 1)
    for _ in 0..<5000 {
        let key = "k\(random.next() % 8).Example"
        count(key, in: &table)
        expected[key.lowercased(), default: 0] += 1
    }
    #expect(table.replacements == 0)
    var found: [String: Int] = [:]
    for entry in 0..<table.used {
        #expect(table.errors[entry] == 0)
        found[table.key(entry)] = table.counts[entry]
    }
    #expect(found == expected)
}

@Test(arguments: [1, 2, 3])
func spaceSavingKeepsItsBoundsUnderChurn(seed: UInt64) {
    let capacity = 16
    var table = SpaceSavingTable(capacity: capacity, keyLimit: 16)
    var truth: [String: Int] = [:]
    var random = SplitMix64(state: seed)
    let total = 20_000
    for _ in 0..<total {
        // A skewed stream: a few frequent keys among many rare ones.
        let roll = random.next() % 100
        let key = roll < 40 ? "hot\(roll % 4)" : "cold\(random.next() % 5000)"
        count(key, in: &table)
        truth[key, default: 0] += 1
    }
    #expect(table.used == capacity)
    // Space-Saving keeps the sum of counts equal to the stream length.
    #expect(table.counts.reduce(0, +) == total)
    var seen = Set<String>()
    for entry in 0..<table.used {
        let key = table.key(entry)
        #expect(seen.insert(key).inserted, "key \(key) is in the table twice")
        let exact = truth[key] ?? 0
        #expect(table.guaranteed(entry) <= exact)
        #expect(exact <= table.counts[entry])
        #expect(table.errors[entry] <= total / capacity)
    }
    for (key, exact) in truth where exact > total / capacity {
        #expect(seen.contains(key), "heavy key \(key) (\(exact)) was dropped")
    }
}

@Test func keysLongerThanTheLimitAreCut() {
    var table = SpaceSavingTable(capacity: 4, keyLimit: 8)
    count("abcdefgh-one", in: &table)
    count("ABCDEFGH-two", in: &table)
    #expect(table.used == 1)
    #expect(table.key(0) == "abcdefgh")
    #expect(table.counts[0] == 2)
}

/// The acceptance case: a million distinct domains must not grow the tables, and a busy domain
/// hidden among them keeps a count within the documented bound.
@Test func memoryStaysBoundedWithAMillionDistinctDomains() {
    let top = 10
    var aggregator = ScanAggregator(topDestinations: top)
    let capacity = aggregator.domains.capacity
    let distinct = 1_000_000
    let heavyEvery = 20
    var heavyTrue = 0
    var line = [UInt8](repeating: 0, count: 64)
    let heavy = Array("busy.example".utf8)
    for index in 0..<distinct {
        // "d<index>.example" written into a reused buffer: no per-iteration strings.
        var length = 0
        line[length] = UInt8(ascii: "d")
        length += 1
        var digits = index
        let start = length
        repeat {
            line[length] = UInt8(ascii: "0") + UInt8(digits % 10)
            length += 1
            digits /= 10
        } while digits > 0
        line[start..<length].reverse()
        for byte in ".example".utf8 {
            line[length] = byte
            length += 1
        }
        var event = RawEvent(mta: .postfix, kind: .delivery, status: .sent, timestamp: nil)
        event.domain = ByteRange(0, length)
        line.withUnsafeBufferPointer { aggregator.add(event, nil, in: $0) }
        if index % heavyEvery == 0 {
            var busy = RawEvent(mta: .postfix, kind: .delivery, status: .deferred, timestamp: nil)
            busy.domain = ByteRange(0, heavy.count)
            heavy.withUnsafeBufferPointer {
                aggregator.add(busy, Classification(cause: .network, ruleID: "test"), in: $0)
            }
            heavyTrue += 1
        }
    }
    let total = distinct + heavyTrue
    #expect(aggregator.domains.used == capacity)
    #expect(aggregator.domains.replacements > 0)
    let report = aggregator.report()
    #expect(report.destinationsApproximate)
    #expect(report.destinations.count == top)
    let busy = report.destinations.first
    #expect(busy?.name == "busy.example")
    // Counted since it last entered the table: never more than the truth, short by at most
    // total / capacity.
    let counted = busy?.counts.deferred ?? 0
    #expect(counted <= heavyTrue)
    #expect(counted >= heavyTrue - total / capacity)
    #expect(report.deliveries == StatusCounts(sent: distinct, deferred: heavyTrue))
    let rows = report.destinations + [report.otherDestinations]
    #expect(rows.reduce(0) { $0 + $1.counts.total } == total)
}

@Test func copiesOfATableAreIndependent() {
    var original = SpaceSavingTable(capacity: 4, keyLimit: 16)
    count("a.example", in: &original)
    var copy = original
    count("a.example", in: &copy)
    count("b.example", in: &copy)
    #expect(original.used == 1)
    #expect(original.counts == [1])
    #expect(copy.used == 2)
    #expect(copy.counts == [2, 1])
    count("c.example", in: &original)
    #expect(original.key(1) == "c.example")
    #expect(copy.key(1) == "b.example")
}

@Test func aggregatorCopiesAreIndependent() {
    var first = ScanAggregator(topDestinations: 3)
    first.add(SampleEvent(status: .sent, domain: "a.example"))
    var second = first
    second.add(SampleEvent(status: .sent, domain: "a.example"))
    #expect(first.report().destinations.first?.counts.sent == 1)
    #expect(second.report().destinations.first?.counts.sent == 2)
}
