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
        // The table is sized for every entry, duplicates included, and a later entry with a
        // name already placed only replaces its value: no dictionary of byte arrays to build.
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        var slotEntry = [Int32](repeating: -1, count: size)
        var keyBytes: [UInt8] = []
        var keyStart: [Int] = [0]
        var values: [Int] = []
        var longest = 0
        var shortest = Int.max
        keyStart.reserveCapacity(entries.count + 1)
        values.reserveCapacity(entries.count)
        for (name, value) in entries {
            let start = keyBytes.count
            keyBytes.append(contentsOf: name.utf8)
            var end = keyBytes.count
            while end > start, keyBytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
            keyBytes.removeSubrange(end...)
            let length = end - start
            guard length > 0, length <= Self.nameLimit else { continue }
            for index in start..<end { keyBytes[index] = ByteScan.lower(keyBytes[index]) }
            let hash = keyBytes.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[start..<end]), from: 0)
            }
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            var existing = -1
            while slots[slot] != 0 {
                let entry = Int(slotEntry[slot])
                if slots[slot] == hash, keyStart[entry + 1] - keyStart[entry] == length,
                    keyBytes[keyStart[entry]..<keyStart[entry + 1]].elementsEqual(
                        keyBytes[start..<end])
                {
                    existing = entry
                    break
                }
                slot = (slot + 1) & (size - 1)
            }
            if existing >= 0 {
                values[existing] = value
                keyBytes.removeSubrange(start...)
                continue
            }
            slots[slot] = hash
            slotEntry[slot] = Int32(values.count)
            keyStart.append(end)
            values.append(value)
            longest = Swift.max(longest, length)
            shortest = Swift.min(shortest, length)
        }
        self.slots = slots
        self.slotEntry = slotEntry
        self.keyBytes = keyBytes
        self.keyStart = keyStart
        self.values = values
        self.mask = size - 1
        self.longest = longest
        self.shortest = values.isEmpty ? 1 : shortest
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
