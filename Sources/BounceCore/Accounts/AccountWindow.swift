/// One account's deliveries over the `compromised-account` window, in three slots of a third
/// of the window each, and its usual level: the moving average of the slots that left it.
///
/// All counts of the three slots sit in one array (one allocation per account): per slot the
/// deliveries, the failures of each flagged cause, and two bitmaps of hashed recipients and
/// destination domains (`DistinctEstimate`).
struct AccountWindow: Sendable, Equatable {
    static let slotCount = 3
    /// The counters of a slot, in its first cells.
    enum Counter: Int, CaseIterable {
        case deliveries = 0
        case recipientUnknown
        case spam
        case blacklisted
    }
    static let recipientWords = 8
    static let destinationWords = 4
    private static let recipientStart = Counter.allCases.count
    private static let destinationStart = recipientStart + recipientWords
    static let stride = destinationStart + destinationWords

    /// The causes whose failures flag an account.
    static func counter(of cause: Cause?) -> Counter? {
        switch cause {
        case .recipientUnknown: .recipientUnknown
        case .spam: .spam
        case .blacklisted: .blacklisted
        default: nil
        }
    }

    private(set) var cells: [UInt64]
    /// The slot number (time divided by the slot's seconds) of the newest slot.
    private(set) var newest: Int64
    /// The account's usual deliveries per slot.
    var usual: Double

    init(slot: Int64, usual: Double = 0) {
        cells = Array(repeating: 0, count: Self.slotCount * Self.stride)
        newest = slot
        self.usual = usual
    }

    /// Moves the window on to end at `slot`: slots that leave it go into the usual level when
    /// `learning` (not while an incident is pending or firing: it is not the account's usual),
    /// with `weight` the share each new slot takes.
    mutating func advance(to slot: Int64, learning: Bool, weight: Double) {
        guard slot > newest else { return }
        let steps = slot - newest
        for step in 1...min(steps, Int64(Self.slotCount)) {
            // The slot leaving shares its cells with the slot arriving.
            let base = Self.base(newest + step)
            if learning { usual += weight * (Double(cells[base]) - usual) }
            for index in base..<base + Self.stride { cells[index] = 0 }
        }
        if learning, steps > Int64(Self.slotCount) {
            // Empty slots left too: the level decays once for each (a few hundred at most
            // before it is as good as zero).
            let empty = min(steps - Int64(Self.slotCount), 4096)
            for _ in 0..<empty { usual *= 1 - weight }
        }
        newest = slot
    }

    /// Whether `slot` is in the window (not older than its oldest slot).
    func holds(_ slot: Int64) -> Bool { slot > newest - Int64(Self.slotCount) && slot <= newest }

    /// Counts one delivery in `slot` (which the window holds).
    mutating func add(
        slot: Int64, counter: Counter?, recipientHash: UInt64?, destinationHash: UInt64?
    ) {
        let base = Self.base(slot)
        cells[base] &+= 1
        if let counter { cells[base + counter.rawValue] &+= 1 }
        if let recipientHash {
            let bit = DistinctEstimate.bit(recipientHash, words: Self.recipientWords)
            cells[base + Self.recipientStart + bit.word] |= bit.mask
        }
        if let destinationHash {
            let bit = DistinctEstimate.bit(destinationHash, words: Self.destinationWords)
            cells[base + Self.destinationStart + bit.word] |= bit.mask
        }
    }

    /// Sets a slot's counters (a restored checkpoint; the bitmaps are not saved).
    mutating func restore(slot: Int64, counts: [UInt64]) {
        let base = Self.base(slot)
        for (offset, count) in counts.prefix(Counter.allCases.count).enumerated() {
            cells[base + offset] = count
        }
    }

    /// A counter summed over the window.
    func total(_ counter: Counter) -> Int {
        var sum: UInt64 = 0
        for slot in 0..<Self.slotCount { sum &+= cells[slot * Self.stride + counter.rawValue] }
        return Int(clamping: sum)
    }

    /// The counters of each slot, oldest first, and their slot numbers (for the checkpoint).
    var slots: [(slot: Int64, counts: [UInt64])] {
        (0..<Int64(Self.slotCount)).reversed().map { back in
            let slot = newest - back
            let base = Self.base(slot)
            return (slot, Array(cells[base..<base + Counter.allCases.count]))
        }
    }

    /// Distinct recipients and destination domains in the window, estimated.
    var recipients: (count: Int, saturated: Bool) {
        distinct(start: Self.recipientStart, words: Self.recipientWords)
    }
    var destinations: (count: Int, saturated: Bool) {
        distinct(start: Self.destinationStart, words: Self.destinationWords)
    }

    private func distinct(start: Int, words: Int) -> (count: Int, saturated: Bool) {
        var set = 0
        for word in 0..<words {
            var union: UInt64 = 0
            for slot in 0..<Self.slotCount { union |= cells[slot * Self.stride + start + word] }
            set += union.nonzeroBitCount
        }
        return DistinctEstimate.count(set: set, of: words * 64)
    }

    private static func base(_ slot: Int64) -> Int {
        let modulo = Int(slot % Int64(slotCount))
        return (modulo < 0 ? modulo + slotCount : modulo) * stride
    }
}
