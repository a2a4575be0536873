/// A bounded heavy-hitters counter over byte-string keys (the Space-Saving algorithm of Metwally,
/// Agrawal and El Abbadi, 2005).
///
/// The table holds at most `capacity` keys. A key already present is counted exactly; a new key
/// when the table is full takes the place of the key with the smallest count and inherits that
/// count as its `error`. With `W` increments in total:
/// - every key whose true count exceeds `W / capacity` is in the table;
/// - for a key in the table, `count - error <= true count <= count`, and `error <= W / capacity`.
///
/// `count - error` is exactly what was counted since the key last entered the table, which is why
/// callers keep their per-key detail (status and cause counts) beside it and reset it on `isNew`.
///
/// Memory is fixed at `init`: keys live in an arena of `capacity * keyLimit` bytes (longer keys
/// are cut to `keyLimit` bytes), looked up through an open-addressing table with linear probing
/// and backward-shift deletion, and a min-heap finds the key to replace. Counting a key that is
/// already present allocates nothing.
struct SpaceSavingTable {
    /// The most keys the table holds.
    let capacity: Int
    /// The longest key kept, in bytes.
    let keyLimit: Int
    /// Number of keys in the table.
    private(set) var used = 0
    /// How many keys were replaced to make room; zero means every count is exact.
    private(set) var replacements = 0
    /// Estimated count per entry (an upper bound of the true count).
    private(set) var counts: [Int]
    /// Overestimation per entry: the count the entry inherited when it replaced another key.
    private(set) var errors: [Int]

    private var keyBytes: [UInt8]
    private var keyLengths: [Int]
    private var hashes: [Int]
    /// Min-heap of entry indices ordered by `counts`; `heapPosition` is its inverse.
    private var heap: [Int]
    private var heapPosition: [Int]
    /// Entry index per slot, or -1 when the slot is empty.
    private var slots: [Int]
    private let slotMask: Int
    /// The lower-cased key being looked up.
    private var scratch: [UInt8]

    init(capacity: Int, keyLimit: Int) {
        precondition(capacity > 0 && keyLimit > 0)
        self.capacity = capacity
        self.keyLimit = keyLimit
        counts = Array(repeating: 0, count: capacity)
        errors = Array(repeating: 0, count: capacity)
        keyBytes = Array(repeating: 0, count: capacity * keyLimit)
        keyLengths = Array(repeating: 0, count: capacity)
        hashes = Array(repeating: 0, count: capacity)
        heap = Array(repeating: 0, count: capacity)
        heapPosition = Array(repeating: 0, count: capacity)
        // At most half full, so probe sequences stay short.
        var slotCount = 8
        while slotCount < capacity * 2 { slotCount <<= 1 }
        slots = Array(repeating: -1, count: slotCount)
        slotMask = slotCount - 1
        scratch = Array(repeating: 0, count: keyLimit)
    }

    /// Counts `key` (ASCII lower-cased, cut to `keyLimit` bytes) once.
    ///
    /// Returns the entry that holds it and whether the entry was (re)assigned to this key, in
    /// which case the caller resets whatever it keeps per entry.
    mutating func increment(_ key: UnsafeBufferPointer<UInt8>) -> (entry: Int, isNew: Bool) {
        let length = Swift.min(key.count, keyLimit)
        let hash = scratch.withUnsafeMutableBufferPointer { buffer in
            var hasher = Hasher()
            for index in 0..<length { buffer[index] = ByteScan.lower(key[index]) }
            hasher.combine(bytes: UnsafeRawBufferPointer(start: buffer.baseAddress, count: length))
            return hasher.finalize()
        }
        var slot = hash & slotMask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if hashes[entry] == hash, keyMatchesScratch(entry, length: length) {
                counts[entry] += 1
                siftDown(heapPosition[entry])
                return (entry, false)
            }
            slot = (slot + 1) & slotMask
        }
        let entry: Int
        if used < capacity {
            entry = used
            heap[used] = entry
            heapPosition[entry] = used
            used += 1
            counts[entry] = 1
            errors[entry] = 0
        } else {
            entry = heap[0]
            removeFromSlots(entry)
            replacements += 1
            errors[entry] = counts[entry]
            counts[entry] += 1
            // The slot found above may have moved during removal: probe again.
            slot = hash & slotMask
            while slots[slot] >= 0 { slot = (slot + 1) & slotMask }
        }
        storeScratch(in: entry, length: length, hash: hash)
        slots[slot] = entry
        siftDown(heapPosition[entry])
        siftUp(heapPosition[entry])
        return (entry, true)
    }

    /// The key of `entry`, decoded (invalid UTF-8 repaired).
    func key(_ entry: Int) -> String {
        keyBytes.withUnsafeBufferPointer { buffer in
            let start = entry * keyLimit
            return String(
                decoding: UnsafeBufferPointer(rebasing: buffer[start..<start + keyLengths[entry]]),
                as: UTF8.self)
        }
    }

    /// What was counted for `entry` since its key last entered the table: a lower bound of the
    /// key's true count, short by at most `errors[entry]`.
    func guaranteed(_ entry: Int) -> Int { counts[entry] - errors[entry] }

    private func keyMatchesScratch(_ entry: Int, length: Int) -> Bool {
        guard keyLengths[entry] == length else { return false }
        let start = entry * keyLimit
        for index in 0..<length where keyBytes[start + index] != scratch[index] {
            return false
        }
        return true
    }

    private mutating func storeScratch(in entry: Int, length: Int, hash: Int) {
        let start = entry * keyLimit
        for index in 0..<length { keyBytes[start + index] = scratch[index] }
        keyLengths[entry] = length
        hashes[entry] = hash
    }

    /// Removes `entry` from the slot table, shifting later members of its probe run back so
    /// that lookups never need tombstones.
    private mutating func removeFromSlots(_ entry: Int) {
        var hole = hashes[entry] & slotMask
        while slots[hole] != entry { hole = (hole + 1) & slotMask }
        var probe = hole
        while true {
            probe = (probe + 1) & slotMask
            let other = slots[probe]
            if other < 0 { break }
            let home = hashes[other] & slotMask
            // `other` may fill the hole unless its home lies cyclically in (hole, probe].
            let homeBetween =
                hole <= probe ? (home > hole && home <= probe) : (home > hole || home <= probe)
            if !homeBetween {
                slots[hole] = other
                hole = probe
            }
        }
        slots[hole] = -1
    }

    private mutating func siftDown(_ start: Int) {
        var position = start
        while true {
            let left = position * 2 + 1
            guard left < used else { return }
            var smallest = left
            let right = left + 1
            if right < used, counts[heap[right]] < counts[heap[left]] { smallest = right }
            guard counts[heap[smallest]] < counts[heap[position]] else { return }
            swapHeap(position, smallest)
            position = smallest
        }
    }

    private mutating func siftUp(_ start: Int) {
        var position = start
        while position > 0 {
            let parent = (position - 1) / 2
            guard counts[heap[position]] < counts[heap[parent]] else { return }
            swapHeap(position, parent)
            position = parent
        }
    }

    private mutating func swapHeap(_ first: Int, _ second: Int) {
        let a = heap[first]
        let b = heap[second]
        heap[first] = b
        heap[second] = a
        heapPosition[b] = first
        heapPosition[a] = second
    }
}
