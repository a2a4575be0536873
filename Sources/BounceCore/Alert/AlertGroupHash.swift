/// One 64-bit hash of a group's `group_by` values, the same whether it is computed from an
/// event's fields (once per event, on the hot path) or from a restored group's labels.
///
/// Each value's UTF-8 bytes are mixed eight at a time (ASCII upper case folded eight at a time
/// too, for values read from the line), then the values are folded in the rule's order. Not a
/// defence against chosen collisions: a colliding key costs one more label comparison, never a
/// wrong group, because a hash match is always confirmed by comparing the values. Nothing
/// keeps a hash beyond the process, so the function may change.
enum AlertGroupHash {
    /// The hash of a rule with no `group_by`, and the start of every fold.
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of one value.
    static func of(_ value: String) -> UInt64 {
        var value = value
        return value.withUTF8 { of(bytes: $0) }
    }

    /// The hash of one value's bytes.
    static func of(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(bytes, lowercasing: false)
    }

    /// The hash of bytes as `of` hashes their text with ASCII upper case folded to lower case
    /// (other bytes as they are, as `ByteScan.lower` does), without building it.
    static func of(lowercasing bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(bytes, lowercasing: true)
    }

    /// `of(lowercasing: bytes)`, and whether `bytes` are all ASCII, read in the same pass.
    @inline(__always)
    static func of(
        lowercasing bytes: UnsafeBufferPointer<UInt8>, isASCII: inout Bool
    ) -> UInt64 {
        var any: UInt64 = 0
        let hash = hash(bytes, lowercasing: true, any: &any)
        isASCII = any & 0x8080_8080_8080_8080 == 0
        return hash
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, lowercasing: Bool) -> UInt64 {
        var any: UInt64 = 0
        return hash(bytes, lowercasing: lowercasing, any: &any)
    }

    /// The hash; `any` gets every word read or'ed in (its high bits tell a non-ASCII byte).
    @inline(__always)
    private static func hash(
        _ bytes: UnsafeBufferPointer<UInt8>, lowercasing: Bool, any: inout UInt64
    ) -> UInt64 {
        let count = bytes.count
        var hash = seed ^ UInt64(count)
        guard let base = bytes.baseAddress, count > 0 else { return hash }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            any |= word
            hash = mix(hash ^ (lowercasing ? lower(word) : word))
            index += 8
        }
        guard index < count else { return hash }
        // The last one to seven bytes, little end first; the length is already in the hash.
        var word: UInt64 = 0
        if count >= 8 {
            // The word that ends at the last byte, shifted so only the bytes not yet read are
            // left, where the byte-by-byte read below would put them.
            let last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            word = UInt64(littleEndian: last) >> UInt64(8 * (8 - (count - index)))
        } else {
            var shift: UInt64 = 0
            while index < count {
                word |= UInt64(raw.load(fromByteOffset: index, as: UInt8.self)) << shift
                shift += 8
                index += 1
            }
        }
        any |= word
        return mix(hash ^ (lowercasing ? lower(word) : word))
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0x9e37_79b9_7f4a_7c15
        return product ^ (product >> 29)
    }

    /// Eight bytes with each of `A`...`Z` turned to lower case; bytes of 0x80 and above stay.
    @inline(__always)
    static func lower(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = word & (ones &* 0x7f)
        // High bit of each byte: its low seven bits are at least "A", and more than "Z".
        let fromA = low7 &+ ones &* (0x80 - 0x41)
        let pastZ = low7 &+ ones &* (0x80 - 0x5b)
        let upper = fromA & ~pastZ & ~word & (ones &* 0x80)
        return word | (upper >> 2)
    }

    /// `hash` with the next value's hash folded in; order matters, so `[a, b]` and `[b, a]`
    /// differ.
    static func fold(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        (hash ^ value) &* 0x9e37_79b9_7f4a_7c15 ^ (hash >> 29)
    }

    /// The hash of labels, as a restored group has them.
    static func of(labels: [String]) -> UInt64 {
        labels.reduce(seed) { fold($0, of($1)) }
    }

    static let mtas = table(MTA.self) { $0.identifier }
    static let kinds = table(EventKind.self) { $0.identifier }
    static let statuses = table(DeliveryStatus.self) { $0.identifier }
    static let causes = table(Cause.self) { $0.identifier }

    /// Hashes of an enumeration's identifiers, indexed by raw value, so an event's `mta`,
    /// `kind`, `status` or `cause` costs one table read.
    private static func table<Value: RawRepresentable & CaseIterable>(
        _: Value.Type, _ identifier: (Value) -> String
    ) -> [UInt64] where Value.RawValue == UInt8 {
        var table = [UInt64](repeating: 0, count: 256)
        for value in Value.allCases { table[Int(value.rawValue)] = of(identifier(value)) }
        return table
    }
}
