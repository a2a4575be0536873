/// Numbers distinct strings in the order they are first seen, telling them apart by their
/// UTF-8 bytes.
///
/// For the tables built at start-up: a `[String: Int]` hashes and compares through Unicode
/// normalisation, several hundred instructions a lookup, and the classifier looks up some
/// 2,000 phrases before it can classify one line. Bytes are also what the phrase matcher
/// compares, so two spellings of a phrase with different bytes are two phrases.
struct StringNumbering {
    /// The strings, by number.
    private(set) var strings: [String] = []
    /// The hash of each string, by number.
    private var hashes: [UInt64] = []
    /// Open addressing, at most half full: a string's number, or -1 for an empty slot.
    private var slots: [Int32]

    /// Room for `capacity` strings before the table grows.
    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        strings.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    /// How many strings are numbered.
    var count: Int { strings.count }

    /// The number of `text`; a string not seen before gets the next number.
    mutating func number(of text: String) -> Int {
        let hash = Self.hash(text)
        var slot = find(text, hash: hash)
        let existing = Int(slots[slot])
        if existing >= 0 { return existing }
        if (strings.count + 1) * 2 > slots.count {
            grow()
            slot = find(text, hash: hash)
        }
        let number = strings.count
        strings.append(text)
        hashes.append(hash)
        slots[slot] = Int32(number)
        return number
    }

    /// The number of `text`, nil when it has none.
    func number(ifPresent text: String) -> Int? {
        let number = Int(slots[find(text, hash: Self.hash(text))])
        return number >= 0 ? number : nil
    }

    /// The slot holding `text`, or the empty slot where it would go.
    private func find(_ text: String, hash: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let number = Int(slots[slot])
            if number < 0
                || (hashes[number] == hash && strings[number].utf8.elementsEqual(text.utf8))
            {
                return slot
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        let mask = size - 1
        var grown = [Int32](repeating: -1, count: size)
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] >= 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(number)
        }
        slots = grown
    }

    /// FNV-1a over the UTF-8 bytes.
    private static func hash(_ text: String) -> UInt64 {
        func fnv<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return hash
        }
        return text.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(text.utf8)
    }
}
