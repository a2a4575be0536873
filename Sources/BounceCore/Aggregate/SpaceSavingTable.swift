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
/// already present allocates nothing. A key that repeats byte for byte as the log wrote it (in
/// lower case) is found through a small cache of recent keys before any of that.
struct SpaceSavingTable {
    /// Internal (not private) for the merge in `SpaceSavingTable+Merge.swift`.
    var storage: SpaceSavingStorage
    /// Keys come from strangers: a hash with a per-process secret seed keeps them from choosing
    /// colliding keys that would turn every lookup into a scan of the table.
    /// Tables of the same capacity share it, so one can reuse the other's hashes.
    let seed: UInt64

    init(capacity: Int, keyLimit: Int) {
        // Entries and key lengths are packed into the slots' 32 and 16 bits.
        precondition(capacity > 0 && capacity < 1 << 31 && keyLimit > 0 && keyLimit < 1 << 16)
        storage = SpaceSavingStorage(capacity: capacity, keyLimit: keyLimit)
        var hasher = Hasher()
        hasher.combine(capacity)
        seed = UInt64(truncatingIfNeeded: hasher.finalize())
    }

    /// The most keys the table holds.
    var capacity: Int { storage.capacity }
    /// The longest key kept, in bytes.
    var keyLimit: Int { storage.keyLimit }
    /// Number of keys in the table.
    var used: Int { storage.used }
    /// How many keys were replaced to make room; zero means every count is exact.
    var replacements: Int { storage.replacements }
    /// Lookups the recent-key cache answered.
    var recentHits: Int { storage.recentHits }
    /// Estimated count per entry (an upper bound of the true count).
    var counts: [Int] { Array(UnsafeBufferPointer(start: storage.counts, count: storage.used)) }
    /// Overestimation per entry: the count the entry inherited when it replaced another key.
    var errors: [Int] { Array(UnsafeBufferPointer(start: storage.errors, count: storage.used)) }

    /// Counts `key` (ASCII lower-cased, cut to `keyLimit` bytes) once.
    ///
    /// Returns the entry that holds it and whether the entry was (re)assigned to this key, in
    /// which case the caller resets whatever it keeps per entry.
    mutating func increment(_ key: UnsafeBufferPointer<UInt8>) -> (entry: Int, isNew: Bool) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let table = storage
        // A mail log names the same few domains over and over, mostly already in lower case:
        // those skip lower-casing, hashing and probing.
        var way = -1
        if let base = key.baseAddress {
            way = Self.recentWay(base, count: key.count)
            let cached = Int(truncatingIfNeeded: table.recent[way]) - 1
            if cached >= 0, storedKey(cached, equals: base, count: key.count) {
                table.recentHits += 1
                table.counts[cached] += 1
                siftDown(table.heapPosition[cached])
                return (cached, false)
            }
        }
        let length = Swift.min(key.count, table.keyLimit)
        let scratch = table.scratch
        if let base = key.baseAddress { Self.lowercase(base, length: length, into: scratch) }
        // Zero the padding so whole-word reads see the same bytes for equal keys.
        for index in length..<(length + 7) & ~7 { scratch[index] = 0 }
        let hash = Self.hash(scratch, length: length, seed: seed)
        let mask = table.slotCount - 1
        let tag = Self.tag(hash: hash, length: length)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = table.slots[slot]
            if value == 0 { break }
            if value & Self.tagMask == tag {
                let entry = Self.entry(of: value)
                if keyMatchesScratch(entry, length: length) {
                    if way >= 0 { table.recent[way] = Int32(truncatingIfNeeded: entry + 1) }
                    table.counts[entry] += 1
                    siftDown(table.heapPosition[entry])
                    return (entry, false)
                }
            }
            slot = (slot + 1) & mask
        }
        let entry: Int
        if table.used < table.capacity {
            entry = table.used
            table.heap[entry] = entry
            table.heapPosition[entry] = entry
            table.used += 1
            table.counts[entry] = 1
            table.errors[entry] = 0
        } else {
            entry = table.heap[0]
            removeFromSlots(entry)
            table.replacements += 1
            table.errors[entry] = table.counts[entry]
            table.counts[entry] += 1
            // The slot found above may have moved during removal: probe again.
            slot = Int(truncatingIfNeeded: hash) & mask
            while table.slots[slot] != 0 { slot = (slot + 1) & mask }
        }
        let start = table.keyBytes + entry * table.keyLimit
        start.update(from: scratch, count: length)
        table.keyLengths[entry] = length
        table.hashes[entry] = hash
        table.slots[slot] = Self.tag(hash: hash, length: length) | UInt64(entry + 1)
        if way >= 0 { table.recent[way] = Int32(truncatingIfNeeded: entry + 1) }
        siftDown(table.heapPosition[entry])
        siftUp(table.heapPosition[entry])
        return (entry, true)
    }

    /// Counts once more the key that `entry` holds, without looking it up: for a caller that
    /// knows which entry its last key went to and that no other key was counted since.
    mutating func increment(entry: Int) {
        increment(entry: entry, by: 1)
    }

    /// Counts the key that `entry` holds `count` more times, as that many `increment(entry:)`
    /// calls in a row would: the entry sinks along the same path of smaller children, to the
    /// same place in the heap.
    mutating func increment(entry: Int, by count: Int) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        storage.counts[entry] += count
        siftDown(storage.heapPosition[entry])
    }

    /// Counts `key` `count` times at once, with an overestimation of `error` carried over from
    /// another table: as `count` single increments would, except that a key replacing another
    /// inherits the replaced count once, as Space-Saving summaries are merged.
    mutating func increment(_ key: UnsafeBufferPointer<UInt8>, count: Int, error: Int)
        -> (entry: Int, isNew: Bool)
    {
        precondition(count > 0 && error >= 0 && error <= count)
        let result = increment(key)
        storage.counts[result.entry] += count - 1
        storage.errors[result.entry] += error
        siftDown(storage.heapPosition[result.entry])
        return result
    }

    /// Forgets every key and count, keeping the table's memory (see `ScanAggregator.reset`):
    /// afterwards the table counts as a new one of the same capacity would.
    mutating func reset() {
        if isKnownUniquelyReferenced(&storage) {
            storage.reset()
        } else {
            storage = SpaceSavingStorage(capacity: storage.capacity, keyLimit: storage.keyLimit)
        }
    }

    /// The key of `entry`, decoded (invalid UTF-8 repaired).
    func key(_ entry: Int) -> String {
        String(
            decoding: UnsafeBufferPointer(
                start: storage.keyBytes + entry * storage.keyLimit,
                count: storage.keyLengths[entry]),
            as: UTF8.self)
    }

    /// What was counted for `entry` since its key last entered the table: a lower bound of the
    /// key's true count, short by at most its error.
    func guaranteed(_ entry: Int) -> Int { storage.counts[entry] - storage.errors[entry] }

    /// The part of a slot that describes its key: the top 16 bits of the hash, then the length.
    /// The low 32 bits hold the entry plus one, so that an occupied slot is never 0.
    static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    @inline(__always)
    static func tag(hash: UInt64, length: Int) -> UInt64 {
        hash & 0xFFFF_0000_0000_0000 | UInt64(truncatingIfNeeded: length) << 32
    }

    @inline(__always)
    static func entry(of value: UInt64) -> Int {
        Int(truncatingIfNeeded: value & ~tagMask) - 1
    }

    /// A seeded multiply-mix hash over 8-byte words (`bytes` is zero-padded to a whole word).
    private static func hash(_ bytes: UnsafeMutablePointer<UInt8>, length: Int, seed: UInt64)
        -> UInt64
    {
        var state = seed ^ UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset < length {
            let word = UnsafeRawPointer(bytes + offset).loadUnaligned(as: UInt64.self)
            state = mix(state ^ word, 0xA076_1D64_78BD_642F)
            offset += 8
        }
        return mix(state, 0xE703_7ED1_A0B4_28DB)
    }

    @inline(__always)
    private static func mix(_ value: UInt64, _ multiplier: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: multiplier)
        return product.high ^ product.low
    }

    /// The recent-key cache's way for a key's bytes as given: its length, first and last eight
    /// bytes mixed. Keys that share a way only take turns in it, so strangers choosing such keys
    /// cost lookups the normal path, nothing more.
    @inline(__always)
    static func recentWay(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int {
        var mixed = UInt64(truncatingIfNeeded: count)
        if count >= 8 {
            let raw = UnsafeRawPointer(bytes)
            let first = raw.loadUnaligned(as: UInt64.self)
            let last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            mixed ^= first ^ (last << 29 | last >> 35)
        } else {
            for index in 0..<count { mixed = mixed << 8 | UInt64(bytes[index]) }
        }
        // The product's top ten bits depend on every bit: one way of 1024.
        return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 54)
    }

    /// Whether `entry` holds exactly these `count` bytes. The table keeps keys lower-cased and
    /// cut to `keyLimit`, so bytes equal to a stored key are a key that lower-cases and cuts
    /// to itself: the entry the normal path would find.
    @inline(__always)
    func storedKey(_ entry: Int, equals bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard storage.keyLengths[entry] == count else { return false }
        let stored = UnsafeRawPointer(storage.keyBytes + entry * storage.keyLimit)
        let given = UnsafeRawPointer(bytes)
        guard count >= 8 else {
            for index in 0..<count
            where stored.load(fromByteOffset: index, as: UInt8.self) != bytes[index] {
                return false
            }
            return true
        }
        // Whole words, the last one overlapping the one before so as not to read past the key.
        var index = 0
        while index + 8 < count {
            if stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != given.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        return stored.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == given.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// Whether the key of `entry`, which the slot says is `length` bytes long, is the one in
    /// `scratch`.
    private func keyMatchesScratch(_ entry: Int, length: Int) -> Bool {
        let stored = UnsafeRawPointer(storage.keyBytes + entry * storage.keyLimit)
        let scratch = UnsafeRawPointer(storage.scratch)
        // Whole words while they lie inside the key (the stored slot ends at `keyLimit`).
        var index = 0
        while index + 8 <= length {
            if stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != scratch.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        while index < length {
            if stored.load(fromByteOffset: index, as: UInt8.self)
                != scratch.load(fromByteOffset: index, as: UInt8.self)
            {
                return false
            }
            index += 1
        }
        return true
    }

    /// ASCII lower-cases `length` bytes from `source` into `target`, eight at a time.
    static func lowercase(
        _ source: UnsafePointer<UInt8>, length: Int, into target: UnsafeMutablePointer<UInt8>
    ) {
        var index = 0
        while index + 8 <= length {
            let word = ByteScan.word(source, index)
            // Each upper-case letter's flag (bit 7) shifted to bit 5 lower-cases it.
            let lowered = word | ByteWord.inRange(word, UInt8(ascii: "A"), UInt8(ascii: "Z")) >> 2
            UnsafeMutableRawPointer(target + index).storeBytes(
                of: UInt64(littleEndian: lowered), as: UInt64.self)
            index += 8
        }
        while index < length {
            target[index] = ByteScan.lower(source[index])
            index += 1
        }
    }

    /// Removes `entry` from the slot table, shifting later members of its probe run back so
    /// that lookups never need tombstones.
    func removeFromSlots(_ entry: Int) {
        let slots = storage.slots
        let mask = storage.slotCount - 1
        var hole = Int(truncatingIfNeeded: storage.hashes[entry]) & mask
        while Self.entry(of: slots[hole]) != entry { hole = (hole + 1) & mask }
        var probe = hole
        while true {
            probe = (probe + 1) & mask
            let value = slots[probe]
            if value == 0 { break }
            let home = Int(truncatingIfNeeded: storage.hashes[Self.entry(of: value)]) & mask
            // The slot's entry may fill the hole unless its home lies cyclically in (hole, probe].
            let homeBetween =
                hole <= probe ? (home > hole && home <= probe) : (home > hole || home <= probe)
            if !homeBetween {
                slots[hole] = value
                hole = probe
            }
        }
        slots[hole] = 0
    }

    func siftDown(_ start: Int) {
        let heap = storage.heap
        let counts = storage.counts
        let used = storage.used
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

    func siftUp(_ start: Int) {
        let heap = storage.heap
        let counts = storage.counts
        var position = start
        while position > 0 {
            let parent = (position - 1) / 2
            guard counts[heap[position]] < counts[heap[parent]] else { return }
            swapHeap(position, parent)
            position = parent
        }
    }

    private func swapHeap(_ first: Int, _ second: Int) {
        let heap = storage.heap
        let a = heap[first]
        let b = heap[second]
        heap[first] = b
        heap[second] = a
        storage.heapPosition[b] = first
        storage.heapPosition[a] = second
    }
}
