/// FNV-1a 64 over bytes given piece by piece: the checkpoint's integrity hash (its `end` line),
/// and the daemon's fingerprint of state it only compares with the last one saved.
///
/// Not a cryptographic hash: it catches a file cut short or damaged, not a forger, who can
/// write the hash of a forged text too (the reader checks every value anyway).
public struct CheckpointHash: Equatable, Sendable {
    /// The state after the bytes so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Adds `bytes`.
    @inline(__always)
    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var state = value
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = state
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    /// Adds one byte.
    @inline(__always)
    public mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The value as 16 lower-case hexadecimal digits, as the `end` line writes it.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The fingerprint of `lines`, each followed by a newline: equal lines give equal values,
    /// and a change almost surely another one.
    public static func of(lines: [String]) -> CheckpointHash {
        var hash = CheckpointHash()
        for line in lines {
            hash.add(line)
            hash.add(byte: 0x0A)
        }
        return hash
    }
}
