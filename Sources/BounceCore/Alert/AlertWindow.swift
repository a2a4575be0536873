/// The counts of one alert group over a window that slides along the events' own times.
///
/// A ring of buckets, each `width` seconds wide, `slots` of them per window (60 for windows of
/// a minute or more). Every slot remembers which bucket it holds, so an event lands in its own
/// bucket whatever order events come in, and a slot still holding an older bucket is simply
/// reused. At `now`, the buckets `(bucket(now) - slots, bucket(now)]` count: an event counts for
/// at most `windowSeconds` after its time (and at least `windowSeconds - width + 1`), never
/// longer, so nothing older than the window can make an alert fire.
///
/// The newest bucket's counts sit inline (`head`), so the events of one steady stream (most of
/// a log read in order) count without touching the ring, and the ring's storage is allocated
/// only when a second bucket comes: a group that sees one burst (most destinations of a log
/// with very many) never allocates it.
struct AlertWindow: Sendable {
    /// Seconds per bucket.
    let width: Int64
    /// Buckets per window.
    let slots: Int
    /// The newest bucket counted (`Cell.empty` before the first event). It stands for the
    /// ring slot its bucket maps to, whose stored cell is out of date while it does.
    private var head = Cell.empty
    /// The ring, a slot's bucket and both of its counts side by side; empty until a second
    /// bucket is counted.
    private var cells: [Cell] = []

    private struct Cell: Sendable, Equatable {
        var bucket: Int64
        var matched: UInt32
        var denominator: UInt32

        static let empty = Cell(bucket: AlertWindow.empty, matched: 0, denominator: 0)

        mutating func count(matched isMatched: Bool, denominator: Bool) {
            if isMatched, matched < .max { matched += 1 }
            if denominator, self.denominator < .max { self.denominator += 1 }
        }
    }

    /// No bucket yet.
    private static let empty = Int64.min

    init(windowSeconds: Int) {
        let window = Int64(max(windowSeconds, 1))
        width = max(1, window / 60)
        slots = Int(window / width)
    }

    /// The cell of `slot` as it stands: the head when the head's bucket maps there.
    @inline(__always)
    private func cell(at slot: Int) -> Cell {
        if head.bucket != Self.empty, index(of: head.bucket) == slot { return head }
        return cells.isEmpty ? Cell.empty : cells[slot]
    }

    /// Stores `cell` in `slot` of the ring (allocating it on first use).
    private mutating func store(_ cell: Cell, at slot: Int) {
        if cells.isEmpty { cells = Array(repeating: Cell.empty, count: slots) }
        cells[slot] = cell
    }

    /// Calls `body` with every slot's cell as it stands (only the head while the ring is not
    /// allocated).
    @inline(__always)
    private func forEachCell(_ body: (Cell) -> Void) {
        guard !cells.isEmpty else {
            body(head)
            return
        }
        let headSlot = head.bucket == Self.empty ? -1 : index(of: head.bucket)
        for slot in 0..<slots { body(slot == headSlot ? head : cells[slot]) }
    }

    /// Every slot's cell as it stands, in slot order.
    private var current: [Cell] {
        (0..<slots).map(cell(at:))
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
    ///
    /// Inlined for the common case, an event in the newest bucket (most of a log read in
    /// order); the rest is `addElsewhere`.
    @inline(__always)
    mutating func add(time: Int64, matched isMatched: Bool, denominator: Bool) -> Bool {
        if head.bucket != Self.empty {
            let (start, beyond) = head.bucket.multipliedReportingOverflow(by: width)
            let (offset, apart) = time.subtractingReportingOverflow(start)
            if !beyond, !apart, offset >= 0, offset < width {
                head.count(matched: isMatched, denominator: denominator)
                return true
            }
        }
        return addElsewhere(time: time, matched: isMatched, denominator: denominator)
    }

    /// `add` for an event outside the newest bucket (or the window's first).
    private mutating func addElsewhere(time: Int64, matched isMatched: Bool, denominator: Bool)
        -> Bool
    {
        guard head.bucket != Self.empty else {
            // The window's first event (most groups of a log with very many destinations see
            // one or two): with no head, no slot holds a bucket either, so it becomes the head.
            head = Cell(bucket: bucket(of: time), matched: 0, denominator: 0)
            head.count(matched: isMatched, denominator: denominator)
            return true
        }
        let number = bucket(of: time)
        if number == head.bucket {
            head.count(matched: isMatched, denominator: denominator)
            return true
        }
        if number > head.bucket {
            // A newer bucket (a group seen again after a while, most of this path): it starts
            // empty, since no slot holds a bucket later than the head, and becomes the head;
            // the old head goes to its slot of the ring. The new head's slot is not read.
            store(head, at: index(of: head.bucket))
            head = Cell(bucket: number, matched: 0, denominator: 0)
            head.count(matched: isMatched, denominator: denominator)
            return true
        }
        // An older bucket (out of order): counted in its slot unless a newer one holds it.
        let slot = index(of: number)
        var cell = cell(at: slot)
        if cell.bucket != number {
            guard cell.bucket < number else { return false }
            cell = Cell(bucket: number, matched: 0, denominator: 0)
        }
        cell.count(matched: isMatched, denominator: denominator)
        store(cell, at: slot)
        return true
    }

    /// Matched and denominator events inside the window at `now`.
    func totals(at now: Int64) -> (matched: Int, denominator: Int) {
        let current = bucket(of: now)
        let oldest = current - Int64(slots)
        var sums = (matched: 0, denominator: 0)
        forEachCell { cell in
            guard cell.bucket > oldest && cell.bucket <= current else { return }
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
        forEachCell { cell in
            guard cell.bucket > oldest && cell.bucket <= current, cell.matched > 0 else { return }
            found = min(found ?? cell.bucket, cell.bucket)
        }
        return found.map { $0 * width }
    }

    /// Whether any slot holds a bucket inside the window at `now` or after it.
    func hasCurrentOrFuture(at now: Int64) -> Bool {
        let oldest = bucket(of: now) - Int64(slots)
        // The head is the newest bucket: the others cannot be later.
        return head.bucket != Self.empty && head.bucket > oldest
    }

    /// Empties slots more than a window ahead of `now`: a line stamped far in the future (a
    /// wrong year, a clock step) would otherwise keep its slot from counting current events.
    mutating func forgetFarFuture(at now: Int64) {
        let limit = bucket(of: now) + Int64(slots)
        guard head.bucket > limit else { return }  // the head is the newest bucket
        var kept = Cell.empty
        for slot in 0..<slots {
            let cell = cell(at: slot)
            if cell.bucket > limit {
                if !cells.isEmpty { cells[slot] = Cell.empty }
            } else if cell.bucket > kept.bucket {
                kept = cell
            }
        }
        // The newest bucket left becomes the head; its slot in the ring is out of date again.
        head = kept
    }

    /// The non-empty buckets as (start time, matched, denominator), oldest first.
    var occupied: [(start: Int64, matched: Int, denominator: Int)] {
        current
            .filter { $0.bucket != Self.empty && ($0.matched > 0 || $0.denominator > 0) }
            .sorted { $0.bucket < $1.bucket }
            .map { ($0.bucket * width, Int($0.matched), Int($0.denominator)) }
    }

    /// Adds restored counts for the bucket that holds `start` (checkpoints, and windows that
    /// changed width on reload).
    mutating func restore(start: Int64, matched count: Int, denominator: Int) {
        let number = bucket(of: start)
        let slot = index(of: number)
        var cell = cell(at: slot)
        if cell.bucket != number {
            guard cell.bucket < number else { return }
            cell = Cell(bucket: number, matched: 0, denominator: 0)
        }
        cell.matched = Self.saturating(Int(cell.matched) + count)
        cell.denominator = Self.saturating(Int(cell.denominator) + denominator)
        if number >= head.bucket {
            if number != head.bucket, head.bucket != Self.empty {
                store(head, at: index(of: head.bucket))
            }
            head = cell
        } else {
            store(cell, at: slot)
        }
    }

    private func index(of bucket: Int64) -> Int {
        let remainder = bucket % Int64(slots)
        return Int(remainder < 0 ? remainder + Int64(slots) : remainder)
    }

    private static func saturating(_ value: Int) -> UInt32 {
        UInt32(clamping: max(0, value))
    }
}

extension AlertWindow: Equatable {
    /// Windows are equal when they count the same buckets, wherever a count is kept.
    static func == (left: AlertWindow, right: AlertWindow) -> Bool {
        left.width == right.width && left.slots == right.slots && left.current == right.current
    }
}
