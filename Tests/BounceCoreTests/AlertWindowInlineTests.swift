import Testing

@testable import BounceCore

/// `AlertWindow` keeps its newest bucket inline and its ring unallocated until a second bucket
/// comes. Held here to the plain ring it replaced (every bucket in its slot, kept below as the
/// reference), over seeded streams in order, jittered, far behind and far ahead.
@Suite struct AlertWindowInlineTests {
    /// The plain ring: a slot per bucket, reused by a newer bucket, an older event refused.
    struct ReferenceWindow {
        let width: Int64
        let slots: Int
        var cells: [(bucket: Int64, matched: Int, denominator: Int)]

        init(windowSeconds: Int) {
            let window = Int64(max(windowSeconds, 1))
            width = max(1, window / 60)
            slots = Int(window / width)
            cells = Array(repeating: (Int64.min, 0, 0), count: slots)
        }

        func bucket(of time: Int64) -> Int64 {
            let quotient = time / width
            return time % width < 0 ? quotient - 1 : quotient
        }

        func index(of bucket: Int64) -> Int {
            let remainder = bucket % Int64(slots)
            return Int(remainder < 0 ? remainder + Int64(slots) : remainder)
        }

        mutating func add(time: Int64, matched: Bool, denominator: Bool, count: Int = 1) -> Bool {
            let number = bucket(of: time)
            let slot = index(of: number)
            if cells[slot].bucket != number {
                guard cells[slot].bucket < number else { return false }
                cells[slot] = (number, 0, 0)
            }
            if matched { cells[slot].matched += count }
            if denominator { cells[slot].denominator += count }
            return true
        }

        func totals(at now: Int64) -> (matched: Int, denominator: Int) {
            let current = bucket(of: now)
            var sums = (matched: 0, denominator: 0)
            for cell in cells where cell.bucket > current - Int64(slots) && cell.bucket <= current {
                sums.matched += cell.matched
                sums.denominator += cell.denominator
            }
            return sums
        }

        func oldestMatchedStart(at now: Int64) -> Int64? {
            let current = bucket(of: now)
            return cells.filter {
                $0.bucket > current - Int64(slots) && $0.bucket <= current && $0.matched > 0
            }.map(\.bucket).min().map { $0 * width }
        }

        func hasCurrentOrFuture(at now: Int64) -> Bool {
            cells.contains { $0.bucket != .min && $0.bucket > bucket(of: now) - Int64(slots) }
        }

        mutating func forgetFarFuture(at now: Int64) {
            let limit = bucket(of: now) + Int64(slots)
            for slot in 0..<slots where cells[slot].bucket > limit { cells[slot] = (.min, 0, 0) }
        }

        var occupied: [[Int64]] {
            cells.filter { $0.bucket != .min && ($0.matched > 0 || $0.denominator > 0) }
                .sorted { $0.bucket < $1.bucket }
                .map { [$0.bucket * width, Int64($0.matched), Int64($0.denominator)] }
        }
    }

    /// A small deterministic generator (SplitMix64), so a failure repeats.
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9e37_79b9_7f4a_7c15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
            return Int((mixed ^ (mixed >> 31)) % UInt64(bound))
        }
    }

    @Test(arguments: [(60, 1), (1800, 2), (1800, 3), (7, 4), (3600, 5)])
    func countsAsThePlainRingCounts(windowSeconds: Int, seed: UInt64) {
        var window = AlertWindow(windowSeconds: windowSeconds)
        var reference = ReferenceWindow(windowSeconds: windowSeconds)
        var random = Seeded(state: seed)
        var clock: Int64 = 1_700_000_000
        for step in 0..<4000 {
            let time: Int64
            switch random.next(20) {
            case 0: time = clock - Int64(random.next(3 * windowSeconds + 1))  // behind
            case 1: time = clock + Int64(windowSeconds * (2 + random.next(5)))  // far ahead
            case 2, 3: time = clock - Int64(random.next(windowSeconds / 4 + 1))  // jitter
            default:
                clock += Int64(random.next(max(2, windowSeconds / 20)))
                time = clock
            }
            let matched = random.next(3) == 0
            let denominator = !matched || random.next(2) == 0
            if random.next(50) == 0 {
                let count = random.next(4)
                window.restore(start: time, matched: matched ? count : 0, denominator: count)
                _ = reference.add(
                    time: time, matched: matched, denominator: true, count: count)
            } else {
                #expect(
                    window.add(time: time, matched: matched, denominator: denominator)
                        == reference.add(time: time, matched: matched, denominator: denominator),
                    "step \(step)")
            }
            if random.next(30) == 0 {
                window.forgetFarFuture(at: clock)
                reference.forgetFarFuture(at: clock)
            }
            let now = clock + Int64(random.next(windowSeconds + 1))
            #expect(window.totals(at: now) == reference.totals(at: now), "step \(step)")
            #expect(window.oldestMatchedStart(at: now) == reference.oldestMatchedStart(at: now))
            #expect(window.hasCurrentOrFuture(at: now) == reference.hasCurrentOrFuture(at: now))
            if step % 97 == 0 {
                #expect(
                    window.occupied.map { [$0.start, Int64($0.matched), Int64($0.denominator)] }
                        == reference.occupied, "step \(step)")
            }
        }
    }
}
