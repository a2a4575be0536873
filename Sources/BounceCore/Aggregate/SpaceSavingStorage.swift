/// The fixed memory of a `SpaceSavingTable`, behind raw pointers so that the hot path pays no
/// bounds or uniqueness check per access; the table copies it on write.
final class SpaceSavingStorage {
    let capacity: Int
    let keyLimit: Int
    let slotCount: Int
    var used = 0
    var replacements = 0
    /// Lower-cased keys, `keyLimit` bytes per entry.
    let keyBytes: UnsafeMutablePointer<UInt8>
    let keyLengths: UnsafeMutablePointer<Int>
    let hashes: UnsafeMutablePointer<UInt64>
    let counts: UnsafeMutablePointer<Int>
    let errors: UnsafeMutablePointer<Int>
    /// Min-heap of entry indices ordered by `counts`; `heapPosition` is its inverse.
    let heap: UnsafeMutablePointer<Int>
    let heapPosition: UnsafeMutablePointer<Int>
    /// Per slot, 0 when empty, else the top 16 bits of the key's hash, the key's length and the
    /// entry plus one (see `SpaceSavingTable.tag`), so that a probe rules out other keys without
    /// reading `hashes` or `keyLengths` (each a cache miss of its own on a large table).
    let slots: UnsafeMutablePointer<UInt64>
    /// The lower-cased key being looked up, padded to whole 8-byte words.
    let scratch: UnsafeMutablePointer<UInt8>
    /// Ways of the recent-key cache (ten bits of `SpaceSavingTable.recentWay`'s hash).
    static let recentWays = 1024
    /// The recent-key cache: per way (a cheap hash of a key's bytes as the log wrote them), the
    /// entry plus one that such a key last went to, 0 when none. Only a hint: the entry's key is
    /// compared with the bytes each time, so an entry that Space-Saving gives to another key
    /// needs no invalidation.
    let recent: UnsafeMutablePointer<Int32>
    /// Lookups the recent-key cache answered (for tests and measurements).
    var recentHits = 0

    init(capacity: Int, keyLimit: Int) {
        self.capacity = capacity
        self.keyLimit = keyLimit
        // At most half full, so probe sequences stay short.
        var slotCount = 8
        while slotCount < capacity * 2 { slotCount <<= 1 }
        self.slotCount = slotCount
        // Entries are written when they are taken and read only below `used`, so their memory
        // is left as the allocator gives it: zeroing megabytes for every piece of a parallel
        // scan cost more than the piece's small tables are ever touched.
        keyBytes = .allocate(capacity: capacity * keyLimit)
        keyLengths = .allocate(capacity: capacity)
        hashes = .allocate(capacity: capacity)
        counts = .allocate(capacity: capacity)
        errors = .allocate(capacity: capacity)
        heap = .allocate(capacity: capacity)
        heapPosition = .allocate(capacity: capacity)
        slots = Self.allocate(slotCount, 0)
        scratch = Self.allocate(keyLimit + 8, 0)
        recent = Self.allocate(Self.recentWays, 0)
    }

    deinit {
        for pointer in [keyLengths, counts, errors, heap, heapPosition] {
            pointer.deallocate()
        }
        slots.deallocate()
        keyBytes.deallocate()
        hashes.deallocate()
        scratch.deallocate()
        recent.deallocate()
    }

    /// An independent copy, for copy-on-write.
    func copy() -> SpaceSavingStorage {
        let other = SpaceSavingStorage(capacity: capacity, keyLimit: keyLimit)
        other.used = used
        other.replacements = replacements
        other.keyBytes.initialize(from: keyBytes, count: used * keyLimit)
        other.keyLengths.initialize(from: keyLengths, count: used)
        other.hashes.initialize(from: hashes, count: used)
        other.counts.initialize(from: counts, count: used)
        other.errors.initialize(from: errors, count: used)
        other.heap.initialize(from: heap, count: used)
        other.heapPosition.initialize(from: heapPosition, count: used)
        other.slots.update(from: slots, count: slotCount)
        other.recent.update(from: recent, count: Self.recentWays)
        other.recentHits = recentHits
        return other
    }

    private static func allocate<Element>(_ count: Int, _ value: Element)
        -> UnsafeMutablePointer<Element>
    {
        let pointer = UnsafeMutablePointer<Element>.allocate(capacity: count)
        pointer.initialize(repeating: value, count: count)
        return pointer
    }
}
