import Testing

@testable import BounceCore

/// A `SpaceSavingTable` copied part-way (copy on write) goes on exactly as a table fed the
/// same keys from the start: the copy carries only the entries in use, and the entries taken
/// after it are written before they are read.
@Suite struct SpaceSavingCopyTests {
    private static func feed(_ keys: [String], into table: inout SpaceSavingTable) {
        for key in keys {
            var copy = key
            _ = copy.withUTF8 { table.increment($0) }
        }
    }

    private static func contents(_ table: SpaceSavingTable) -> [String] {
        (0..<table.used).map { "\(table.key($0)) \(table.counts[$0]) \(table.errors[$0])" }
    }

    private static func keys(_ count: Int, seed: UInt64) -> [String] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return "host\(state >> 60).example.org"
        }
    }

    @Test(arguments: [1, 5, 11])
    func aCopyTakenPartWayGoesOnAsAFreshTable(before: Int) {
        let first = Self.keys(before, seed: 7)
        let afterOriginal = Self.keys(40, seed: 11)
        let afterCopy = Self.keys(40, seed: 13)
        var original = SpaceSavingTable(capacity: 12, keyLimit: 32)
        Self.feed(first, into: &original)
        var copy = original
        Self.feed(afterOriginal, into: &original)
        Self.feed(afterCopy, into: &copy)

        var expectedOriginal = SpaceSavingTable(capacity: 12, keyLimit: 32)
        Self.feed(first + afterOriginal, into: &expectedOriginal)
        var expectedCopy = SpaceSavingTable(capacity: 12, keyLimit: 32)
        Self.feed(first + afterCopy, into: &expectedCopy)
        #expect(Self.contents(original) == Self.contents(expectedOriginal))
        #expect(Self.contents(copy) == Self.contents(expectedCopy))
        #expect(copy.used == 12)
    }
}
