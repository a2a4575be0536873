/// The counts of one alert group over a window that slides along the events' own times.
///
/// A ring of buckets, each `width` seconds wide, `slots` of them per window (60 for windows of
/// a minute or more). Every slot remembers which bucket it holds, so an event lands in its own
/// bucket whatever order events come in, and a slot still holding an older bucket is simply
/// reused. At `now`, the buckets `(bucket(now) - slots, bucket(now)]` count: an event counts for
/// at most `windowSeconds` after its time (and at least `windowSeconds - width + 1`), never
/// longer, so nothing older than the window can make an alert fire.
struct AlertWindow: Sendable, Equatable {
    /// Seconds per bucket.
    let width: Int64
    /// Buckets per window.
    let slots: Int
    /// One allocation for the whole ring: a slot's bucket and both of its counts side by side,
    /// so counting an event touches one cache line.
    private var cells: [Cell]

    private struct Cell: Sendable, Equatable {
        var bucket: Int64
        var matched: UInt32
        var denominator: UInt32

        static let empty = Cell(bucket: AlertWindow.empty, matched: 0, denominator: 0)
    }

    /// No bucket yet.
    private static let empty = Int64.min

    init(windowSeconds: Int) {
        let window = Int64(max(windowSeconds, 1))
        width = max(1, window / 60)
        slots = Int(window / width)
        cells = Array(repeating: Cell.empty, count: slots)
    }

    /// The bucket number of a time (floor division, so times before 1970 work too).
    func bucket(of time: Int64) -> Int64 {
        let quotient = time / width
        return time % width < 0 ? quotient - 1 : quotient
    }

    /// Whether an event at `time` is inside the window at `now`.
    func contains(_ time: Int64, at now: Int64) -> Bool {
        let event = bucket(of: time)
        let current = bucket(of: now)
        return event <= current && event > current - Int64(slots)
    }

    /// Counts one event as matched and/or as a ratio denominator. False when its slot already
    /// holds a newer bucket: the event is more than a window older than events already seen.
    mutating func add(time: Int64, matched isMatched: Bool, denominator: Bool) -> Bool {
        let number = bucket(of: time)
        let slot = index(of: number)
        if cells[slot].bucket != number {
            guard cells[slot].bucket < number else { return false }
            cells[slot] = Cell(bucket: number, matched: 0, denominator: 0)
        }
        if isMatched, cells[slot].matched < .max { cells[slot].matched += 1 }
        if denominator, cells[slot].denominator < .max { cells[slot].denominator += 1 }
        return true
    }

    /// Matched and denominator events inside the window at `now`.
    func totals(at now: Int64) -> (matched: Int, denominator: Int) {
        let current = bucket(of: now)
        let oldest = current - Int64(slots)
        var sums = (matched: 0, denominator: 0)
        for cell in cells where cell.bucket > oldest && cell.bucket <= current {
            sums.matched += Int(cell.matched)
            sums.denominator += Int(cell.denominator)
        }
        return sums
    }

    /// The start of the oldest bucket in the window at `now` that holds a matched event.
    func oldestMatchedStart(at now: Int64) -> Int64? {
        let current = bucket(of: now)
        let oldest = current - Int64(slots)
        var found: Int64?
        for cell in cells where cell.bucket > oldest && cell.bucket <= current {
            guard cell.matched > 0 else { continue }
            found = min(found ?? cell.bucket, cell.bucket)
        }
        return found.map { $0 * width }
    }

    /// Whether any slot holds a bucket inside the window at `now` or after it.
    func hasCurrentOrFuture(at now: Int64) -> Bool {
        let oldest = bucket(of: now) - Int64(slots)
        return cells.contains { $0.bucket != Self.empty && $0.bucket > oldest }
    }

    /// Empties slots more than a window ahead of `now`: a line stamped far in the future (a
    /// wrong year, a clock step) would otherwise keep its slot from counting current events.
    mutating func forgetFarFuture(at now: Int64) {
        let limit = bucket(of: now) + Int64(slots)
        for slot in 0..<slots where cells[slot].bucket > limit {
            cells[slot] = Cell.empty
        }
    }

    /// The non-empty buckets as (start time, matched, denominator), oldest first.
    var occupied: [(start: Int64, matched: Int, denominator: Int)] {
        cells
            .filter { $0.bucket != Self.empty && ($0.matched > 0 || $0.denominator > 0) }
            .sorted { $0.bucket < $1.bucket }
            .map { ($0.bucket * width, Int($0.matched), Int($0.denominator)) }
    }

    /// Adds restored counts for the bucket that holds `start` (checkpoints, and windows that
    /// changed width on reload).
    mutating func restore(start: Int64, matched count: Int, denominator: Int) {
        let number = bucket(of: start)
        let slot = index(of: number)
        if cells[slot].bucket != number {
            guard cells[slot].bucket < number else { return }
            cells[slot] = Cell(bucket: number, matched: 0, denominator: 0)
        }
        cells[slot].matched = Self.saturating(Int(cells[slot].matched) + count)
        cells[slot].denominator = Self.saturating(Int(cells[slot].denominator) + denominator)
    }

    private func index(of bucket: Int64) -> Int {
        let remainder = bucket % Int64(slots)
        return Int(remainder < 0 ? remainder + Int64(slots) : remainder)
    }

    private static func saturating(_ value: Int) -> UInt32 {
        UInt32(clamping: max(0, value))
    }
}
