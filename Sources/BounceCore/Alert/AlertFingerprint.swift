/// The stable id of one rule and group: the same on every notice of an incident and across
/// restarts and machines, unlike `Hasher`, which is seeded per process.
public enum AlertFingerprint {
    /// 16 lower-case hex digits of FNV-1a (64 bit) over the rule name and the labels.
    public static func of(rule: String, group: [AlertLabel]) -> String {
        var hash = FNV1a()
        hash.add(rule)
        for label in group {
            hash.add(label.name)
            hash.add(label.value)
        }
        return hash.hex
    }
}

/// FNV-1a, 64 bit: small, stable, good enough to tell rules and groups apart.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Adds the text's UTF-8 bytes and a NUL separator, so `("ab", "c")` and `("a", "bc")`
    /// differ.
    mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0)
    }

    private mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
