import Testing

@testable import BounceCore

/// `AlertSelection.smallest` (how a full rule finds the groups it lets go) held to sorting, over
/// seeded arrays with many repeated weights, sorted and reversed runs, and every `count`.
@Suite struct AlertSelectionTests {
    /// A small seeded generator, so a failure can be replayed.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var value = state
            value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
            value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
            return value ^ (value >> 31)
        }
    }

    static func check(_ values: [Int], count: Int) {
        var selected = values
        let limit = AlertSelection.smallest(count, of: &selected)
        let sorted = values.sorted()
        #expect(limit == sorted[count - 1])
        #expect(selected.sorted() == sorted)  // a reordering, nothing lost
        #expect(selected[..<count].sorted() == Array(sorted[..<count]))
    }

    @Test func agreesWithSortingOnSeededArrays() {
        var random = SplitMix(state: 12)
        for round in 0..<200 {
            let size = 1 + Int(random.next() % 300)
            let spread = UInt64([1, 3, 20, 1000][round % 4])
            var values = (0..<size).map { _ in Int(random.next() % spread) }
            if round % 5 == 1 { values.sort() }
            if round % 5 == 2 { values.sort(by: >) }
            for count in [1, size, 1 + Int(random.next() % UInt64(size))] {
                Self.check(values, count: count)
            }
        }
    }

    @Test func everyCountOfOneSmallArray() {
        let values = [5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4]
        for count in 1...values.count { Self.check(values, count: count) }
    }
}
