/// One 64-bit hash of a group's `group_by` values, the same whether it is computed from an
/// event's fields (once per event, on the hot path) or from a restored group's labels.
///
/// FNV-1a over each value's UTF-8 bytes, folded in the rule's order. Not a defence against
/// chosen collisions: a colliding key costs one more label comparison, never a wrong group,
/// because a hash match is always confirmed by comparing the values.
enum AlertGroupHash {
    /// The hash of a rule with no `group_by`, and the start of every fold.
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of one value.
    static func of(_ value: String) -> UInt64 {
        var value = value
        return value.withUTF8 { of(bytes: $0) }
    }

    /// The hash of `prefix` followed by `value`, as `of(prefix + value)` without building it.
    static func of(_ value: String, prefixedBy prefix: String) -> UInt64 {
        var hash = seed
        for byte in prefix.utf8 { hash = step(hash, byte) }
        for byte in value.utf8 { hash = step(hash, byte) }
        return hash
    }

    /// The hash of one value's bytes.
    static func of(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }

    /// The hash of ASCII bytes as `of` hashes their lower-case text, without building it.
    static func of(lowercasing bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = step(hash, ByteScan.lower(byte)) }
        return hash
    }

    @inline(__always)
    private static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
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
