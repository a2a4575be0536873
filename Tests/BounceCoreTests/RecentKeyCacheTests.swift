import Testing

@testable import BounceCore

/// The recent-key cache in front of `SpaceSavingTable`'s lookup: it must answer repeats and
/// never change what the table counts.
@Suite struct RecentKeyCacheTests {
    private struct Answer: Equatable {
        let entry: Int
        let isNew: Bool
    }

    private static func count(_ key: String, in table: inout SpaceSavingTable) -> Answer {
        var copy = key
        let answer = copy.withUTF8 { table.increment($0) }
        return Answer(entry: answer.entry, isNew: answer.isNew)
    }

    @Test func aRepeatedLowerCaseKeyIsFoundThroughTheCache() {
        var table = SpaceSavingTable(capacity: 8, keyLimit: 32)
        _ = Self.count("mail.example.org", in: &table)
        _ = Self.count("gmail.com", in: &table)
        _ = Self.count("a.io", in: &table)
        #expect(table.recentHits == 0)
        #expect(Self.count("mail.example.org", in: &table) == Answer(entry: 0, isNew: false))
        #expect(Self.count("gmail.com", in: &table) == Answer(entry: 1, isNew: false))
        #expect(Self.count("a.io", in: &table) == Answer(entry: 2, isNew: false))
        #expect(table.recentHits == 3)
        // Upper case and keys cut at the limit take the normal path and land on the same entry.
        #expect(Self.count("Gmail.com", in: &table) == Answer(entry: 1, isNew: false))
        #expect(table.recentHits == 3)
        #expect(table.counts == [2, 3, 2])
    }

    @Test func aKeyWhoseEntryWasReplacedIsNotAnsweredFromTheCache() {
        var table = SpaceSavingTable(capacity: 2, keyLimit: 32)
        _ = Self.count("old.example", in: &table)
        _ = Self.count("kept.example", in: &table)
        _ = Self.count("kept.example", in: &table)
        // "new.example" takes the entry of "old.example" (the smallest count).
        #expect(Self.count("new.example", in: &table) == Answer(entry: 0, isNew: true))
        // The cache still points "old.example"'s way at entry 0, which now holds another key.
        #expect(Self.count("old.example", in: &table).isNew)
        #expect(table.replacements == 2)
    }

    /// Every key fed as written (cache hits) and with its first letter upper-cased (never a hit,
    /// since the table keeps keys lower-cased) must give the same answers and the same table,
    /// through heavy churn where entries change keys all the time.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func theCacheChangesNothingThatIsCounted(seed: UInt64) {
        var cached = SpaceSavingTable(capacity: 32, keyLimit: 24)
        var uncached = SpaceSavingTable(capacity: 32, keyLimit: 24)
        var random = SplitMix64(state: seed)
        for _ in 0..<30_000 {
            let roll = random.next() % 100
            let key =
                roll < 50
                ? "hot\(roll % 8).example"
                : roll < 55
                    ? "a-name-longer-than-the-limit-\(roll).example"
                    : "cold\(random.next() % 400).example.net"
            let upper = key.prefix(1).uppercased() + key.dropFirst()
            let first = Self.count(key, in: &cached)
            let second = Self.count(upper, in: &uncached)
            #expect(first == second, "\(key)")
        }
        #expect(cached.recentHits > 10_000)
        #expect(uncached.recentHits == 0)
        #expect(cached.replacements == uncached.replacements)
        #expect(cached.counts == uncached.counts)
        #expect(cached.errors == uncached.errors)
        #expect((0..<cached.used).map(cached.key) == (0..<uncached.used).map(uncached.key))
    }
}
