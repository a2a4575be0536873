/// A fixed set of DNS names, each with a value, looked up by whole-label suffix or exactly, over
/// ASCII-lower-cased bytes without decoding or allocating.
///
/// The name is hashed from its last byte backwards, so that one pass yields the hash of every
/// suffix; at each label boundary the hash is looked up in an open-addressing table. Names come
/// from the table only (a few hundred), the table is at most a quarter full, and a hit is
/// confirmed byte by byte, so a stranger's host name costs one pass and a few probes.
struct NameIndex: Sendable {
    /// The hash of each slot's name, with the low bit set; 0 is an empty slot.
    private let slots: [UInt64]
    private let slotEntry: [Int32]
    /// Names, lower-cased, back to back (`keyStart[entry]..<keyStart[entry + 1]`), and their
    /// values, by entry: flat arrays, so that confirming a hit copies no array.
    private let keyBytes: [UInt8]
    private let keyStart: [Int]
    private let values: [Int]
    private let mask: Int
    /// The longest and shortest names: suffixes of other lengths are not looked up.
    private let longest: Int
    private let shortest: Int

    /// The longest name looked up; longer ones are no DNS name.
    static let nameLimit = 255

    /// - Parameter entries: names and values; a later entry with the same name wins.
    init(_ entries: [(name: String, value: Int)]) {
        var order: [[UInt8]] = []
        var valueOf: [[UInt8]: Int] = [:]
        for (name, value) in entries {
            var bytes = name.utf8.map(ByteScan.lower)
            while bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
            guard !bytes.isEmpty, bytes.count <= Self.nameLimit else { continue }
            if valueOf[bytes] == nil { order.append(bytes) }
            valueOf[bytes] = value
        }
        var size = 16
        while size < order.count * 4 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        var slotEntry = [Int32](repeating: -1, count: size)
        for (entry, bytes) in order.enumerated() {
            let hash = bytes.withUnsafeBufferPointer { Self.hash($0, from: 0) }
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = hash
            slotEntry[slot] = Int32(entry)
        }
        self.slots = slots
        self.slotEntry = slotEntry
        self.keyBytes = order.flatMap { $0 }
        self.keyStart = order.reduce(into: [0]) { starts, key in
            starts.append(starts.last! + key.count)
        }
        self.values = order.map { valueOf[$0] ?? 0 }
        self.mask = size - 1
        self.longest = order.map(\.count).max() ?? 0
        self.shortest = order.map(\.count).min() ?? 1
    }

    /// Number of names.
    var count: Int { values.count }

    /// The value of the longest name that equals `name` or ends it at a label boundary.
    func longestSuffix(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        var end = name.count
        while end > 0, name[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard end > 0, end <= Self.nameLimit else { return nil }
        var hash = Self.offsetBasis
        var found: Int?
        var index = end
        let stop = Swift.max(end - longest, 0)
        while index > stop {
            index -= 1
            hash = (hash ^ UInt64(ByteScan.lower(name[index]))) &* Self.prime
            if end - index >= shortest, index == 0 || name[index - 1] == UInt8(ascii: ".") {
                if let value = lookup(hash | 1, name, index, end) { found = value }
            }
        }
        return found
    }

    /// The value of `name` itself (a trailing dot is ignored).
    func exact(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        var end = name.count
        while end > 0, name[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard end > 0, end <= Self.nameLimit else { return nil }
        let hash = Self.hash(UnsafeBufferPointer(rebasing: name[0..<end]), from: 0)
        return lookup(hash, name, 0, end)
    }

    private func lookup(
        _ hash: UInt64, _ name: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
    ) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slots[slot] == hash {
                let entry = Int(slotEntry[slot])
                if matches(entry, name, start, end) { return values[entry] }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private func matches(
        _ entry: Int, _ name: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
    ) -> Bool {
        let keyFirst = keyStart[entry]
        guard keyStart[entry + 1] - keyFirst == end - start else { return false }
        for offset in 0..<(end - start)
        where keyBytes[keyFirst + offset] != ByteScan.lower(name[start + offset]) {
            return false
        }
        return true
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a over the lower-cased bytes from the last to `start`, with the low bit set.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        var hash = offsetBasis
        var index = bytes.count
        while index > start {
            index -= 1
            hash = (hash ^ UInt64(ByteScan.lower(bytes[index]))) &* prime
        }
        return hash | 1
    }
}
