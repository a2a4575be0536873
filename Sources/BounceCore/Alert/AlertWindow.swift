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
    private var buckets: [Int64]
    private var matched: [UInt32]
    private var ofCounts: [UInt32]

    /// No bucket yet.
    private static let empty = Int64.min

    init(windowSeconds: Int) {
        let window = Int64(max(windowSeconds, 1))
        width = max(1, window / 60)
        slots = Int(window / width)
        buckets = Array(repeating: Self.empty, count: slots)
        matched = Array(repeating: 0, count: slots)
        ofCounts = Array(repeating: 0, count: slots)
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
        if buckets[slot] != number {
            guard buckets[slot] < number else { return false }
            buckets[slot] = number
            matched[slot] = 0
            ofCounts[slot] = 0
        }
        if isMatched, matched[slot] < .max { matched[slot] += 1 }
        if denominator, ofCounts[slot] < .max { ofCounts[slot] += 1 }
        return true
    }

    /// Matched and denominator events inside the window at `now`.
    func totals(at now: Int64) -> (matched: Int, denominator: Int) {
        let current = bucket(of: now)
        let oldest = current - Int64(slots)
        var sums = (matched: 0, denominator: 0)
        for slot in 0..<slots where buckets[slot] > oldest && buckets[slot] <= current {
            sums.matched += Int(matched[slot])
            sums.denominator += Int(ofCounts[slot])
        }
        return sums
    }

    /// The start of the oldest bucket in the window at `now` that holds a matched event.
    func oldestMatchedStart(at now: Int64) -> Int64? {
        let current = bucket(of: now)
        let oldest = current - Int64(slots)
        var found: Int64?
        for slot in 0..<slots where buckets[slot] > oldest && buckets[slot] <= current {
            guard matched[slot] > 0 else { continue }
            found = min(found ?? buckets[slot], buckets[slot])
        }
        return found.map { $0 * width }
    }

    /// Whether any slot holds a bucket inside the window at `now` or after it.
    func hasCurrentOrFuture(at now: Int64) -> Bool {
        let oldest = bucket(of: now) - Int64(slots)
        return buckets.contains { $0 != Self.empty && $0 > oldest }
    }

    /// Empties slots more than a window ahead of `now`: a line stamped far in the future (a
    /// wrong year, a clock step) would otherwise keep its slot from counting current events.
    mutating func forgetFarFuture(at now: Int64) {
        let limit = bucket(of: now) + Int64(slots)
        for slot in 0..<slots where buckets[slot] > limit {
            buckets[slot] = Self.empty
            matched[slot] = 0
            ofCounts[slot] = 0
        }
    }

    /// The non-empty buckets as (start time, matched, denominator), oldest first.
    var occupied: [(start: Int64, matched: Int, denominator: Int)] {
        (0..<slots)
            .filter { buckets[$0] != Self.empty && (matched[$0] > 0 || ofCounts[$0] > 0) }
            .sorted { buckets[$0] < buckets[$1] }
            .map { (buckets[$0] * width, Int(matched[$0]), Int(ofCounts[$0])) }
    }

    /// Adds restored counts for the bucket that holds `start` (checkpoints, and windows that
    /// changed width on reload).
    mutating func restore(start: Int64, matched count: Int, denominator: Int) {
        let number = bucket(of: start)
        let slot = index(of: number)
        if buckets[slot] != number {
            guard buckets[slot] < number else { return }
            buckets[slot] = number
            matched[slot] = 0
            ofCounts[slot] = 0
        }
        matched[slot] = Self.saturating(Int(matched[slot]) + count)
        ofCounts[slot] = Self.saturating(Int(ofCounts[slot]) + denominator)
    }

    private func index(of bucket: Int64) -> Int {
        let remainder = bucket % Int64(slots)
        return Int(remainder < 0 ? remainder + Int64(slots) : remainder)
    }

    private static func saturating(_ value: Int) -> UInt32 {
        UInt32(clamping: max(0, value))
    }
}
