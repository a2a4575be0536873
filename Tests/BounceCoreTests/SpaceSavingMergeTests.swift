import Testing

@testable import BounceCore

/// `SpaceSavingTable.mergeStored` (a table of the same seed merged with its stored hashes and
/// keys) leaves exactly the table `mergeByKey` (every key lower-cased and hashed again) leaves:
/// the same entries, counts, errors and hashes, the same heap, slots and recent-key cache, the
/// same placements returned, over the words of every corpus file and over tables that
/// overflowed.
@Suite struct SpaceSavingMergeTests {
    /// Everything a table holds, entry by entry and slot by slot.
    private struct Snapshot: Equatable {
        var used: Int
        var replacements: Int
        var recentHits: Int
        var entries: [String]
        var heap: [Int]
        var heapPositions: [Int]
        var slots: [UInt64]
        var recent: [Int32]

        init(_ table: SpaceSavingTable) {
            let storage = table.storage
            used = storage.used
            replacements = storage.replacements
            recentHits = storage.recentHits
            entries = (0..<storage.used).map { entry in
                "\(table.key(entry)) \(storage.keyLengths[entry]) \(storage.counts[entry]) "
                    + "\(storage.errors[entry]) \(storage.hashes[entry])"
            }
            heap = Array(UnsafeBufferPointer(start: storage.heap, count: storage.used))
            heapPositions = Array(
                UnsafeBufferPointer(start: storage.heapPosition, count: storage.used))
            slots = Array(UnsafeBufferPointer(start: storage.slots, count: storage.slotCount))
            recent = Array(
                UnsafeBufferPointer(
                    start: storage.recent, count: SpaceSavingStorage.recentWays))
        }
    }

    /// The words of `lines` as the log wrote them (upper case kept), split at blanks and the
    /// usual separators of addresses and fields.
    private static func words(_ lines: [[UInt8]]) -> [[UInt8]] {
        let separators = Set(" \t<>[]()=,;:@\"".utf8)
        return lines.flatMap { line in
            line.split(whereSeparator: { separators.contains($0) }).map(Array.init)
        }
    }

    private static func table(
        _ words: ArraySlice<[UInt8]>, capacity: Int, keyLimit: Int
    ) -> SpaceSavingTable {
        var table = SpaceSavingTable(capacity: capacity, keyLimit: keyLimit)
        for word in words { _ = word.withUnsafeBufferPointer { table.increment($0) } }
        return table
    }

    /// Splits `words` into `pieces` tables and merges them into the first both ways, the last
    /// piece with a pending run on its most recent entry as `HostTally` merges; expects the
    /// same table and placements after every merge. Returns the merged table.
    @discardableResult
    private static func expectSameMerges(
        _ words: [[UInt8]], pieces: Int, capacity: Int, keyLimit: Int, label: String
    ) -> SpaceSavingTable {
        let size = (words.count + pieces - 1) / Swift.max(pieces, 1)
        let parts = stride(from: 0, to: words.count, by: Swift.max(size, 1)).map {
            table(
                words[$0..<Swift.min($0 + size, words.count)], capacity: capacity,
                keyLimit: keyLimit)
        }
        guard var stored = parts.first else { return SpaceSavingTable(capacity: 1, keyLimit: 1) }
        var byKey = stored
        for (index, part) in parts.enumerated().dropFirst() {
            let last = index == parts.count - 1
            let pending = last ? 3 : 0
            let toEntry = last ? part.used - 1 : -1
            let fast = stored.mergeStored(part, pending: pending, toEntry: toEntry)
            let slow = byKey.mergeByKey(part, pending: pending, toEntry: toEntry)
            #expect(fast.map(\.entry) == slow.map(\.entry), "\(label) piece \(index)")
            #expect(fast.map(\.isNew) == slow.map(\.isNew), "\(label) piece \(index)")
            #expect(Snapshot(stored) == Snapshot(byKey), "\(label) piece \(index)")
        }
        return stored
    }

    @Test func everyCorpusFileMergesTheSameBothWays() {
        let files = SharedCorpus.allFiles()
        for file in files {
            let words = Self.words(SharedCorpus.lines(of: file))
            let name = file.lastPathComponent
            // Large enough to hold every word, then small enough to overflow, with keys cut.
            Self.expectSameMerges(words, pieces: 4, capacity: 8192, keyLimit: 253, label: name)
            Self.expectSameMerges(words, pieces: 5, capacity: 64, keyLimit: 24, label: name)
        }
    }

    /// Tables that replaced keys before the merge, merged into one that replaces more.
    @Test func overflowedTablesMergeTheSameBothWays() {
        var state: UInt64 = 0x5EED
        let words: [[UInt8]] = (0..<20_000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // A skewed choice of 3,000 names in mixed case, some longer than the key limit.
            let rank = Int(state >> 33) % 3000 * Int(state >> 20 & 0xFF) / 255
            let name = rank % 7 == 0 ? "Mx\(rank).Example.ORG" : "mx\(rank).example.org"
            return Array((rank % 11 == 0 ? name + ".and.a.long.tail" : name).utf8)
        }
        let merged = Self.expectSameMerges(
            words, pieces: 6, capacity: 256, keyLimit: 20, label: "overflow")
        #expect(merged.replacements > 0)
        #expect(merged.used == 256)
    }

    /// `merge` takes the stored hashes only from a table of the same seed: one of another
    /// capacity (another seed) is merged key by key, and gives what `mergeByKey` gives.
    @Test func mergeChoosesByTheSeed() {
        let words = (0..<500).map { Array("Host\($0 % 97).Example".utf8) }
        let same = Self.table(words[0..<250], capacity: 64, keyLimit: 32)
        let other = Self.table(words[250...], capacity: 64, keyLimit: 32)
        let otherCapacity = Self.table(words[250...], capacity: 100, keyLimit: 16)
        #expect(same.seed == other.seed)
        #expect(same.seed != otherCapacity.seed)

        var chosen = same
        var stored = same
        _ = chosen.merge(other)
        _ = stored.mergeStored(other)
        #expect(Snapshot(chosen) == Snapshot(stored))

        var chosenAcross = same
        var byKey = same
        _ = chosenAcross.merge(otherCapacity)
        _ = byKey.mergeByKey(otherCapacity)
        #expect(Snapshot(chosenAcross) == Snapshot(byKey))
    }
}
