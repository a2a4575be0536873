/// Small byte-level helpers shared by the parsers.
public enum ByteScan {
    @inlinable
    public static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inlinable
    public static func isDigit(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        index >= 0 && index < bytes.count && isDigit(bytes[index])
    }

    /// The byte at `index`, or 0 outside the buffer: lets parsers look ahead without bounds checks
    /// of their own.
    @inline(__always)
    public static func byte(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt8 {
        index >= 0 && index < bytes.count ? bytes[index] : 0
    }

    /// ASCII letter or digit.
    @inline(__always)
    public static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || lower(byte) &- UInt8(ascii: "a") < 26
    }

    /// ASCII lower-casing; other bytes pass through.
    @inlinable
    public static func lower(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// Reads 1...`maxDigits` decimal digits at `index`, advancing past them.
    @inlinable
    public static func smallNumber(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, maxDigits: Int
    ) -> Int? {
        var value = 0
        var cursor = index
        while cursor < bytes.count, cursor - index < maxDigits, isDigit(bytes[cursor]) {
            value = value * 10 + Int(bytes[cursor] &- UInt8(ascii: "0"))
            cursor += 1
        }
        guard cursor > index else { return nil }
        index = cursor
        return value
    }

    /// Reads exactly `count` digits at `index`.
    @inlinable
    public static func fixedNumber(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, count: Int)
        -> Int?
    {
        guard index >= 0, index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return value
    }

    /// Whether `bytes` holds `literal` at `index` (case-sensitive). Always inlined: the literal's
    /// length and bytes then become constants, and most calls fail on the first byte.
    @inlinable @inline(__always)
    public static func hasPrefix(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: StaticString
    ) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index >= 0, index + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// The first index of `byte` in `bytes[from..<to]`, or nil.
    @inlinable
    public static func find(
        _ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int? = nil
    ) -> Int? {
        let end = Swift.min(to ?? bytes.count, bytes.count)
        var index = Swift.max(from, 0)
        // Eight bytes at a time (the classic "has a zero byte" test on `word ^ pattern`): the
        // lowest flagged byte is always a real match, so the first hit is exact.
        if let base = bytes.baseAddress {
            let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
            while index + 8 <= end {
                let flags = zeroByteFlags(word(base, index) ^ pattern)
                if flags != 0 { return index + flags.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < end {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The first index at or after `from` (and before `to`, by default the end) holding
    /// `first`, `second` or `third`, or `to` (clamped to the buffer) when there is none. Eight
    /// bytes at a time, like `find(_:in:from:to:)`.
    @inlinable
    public static func firstOf(
        _ first: UInt8, _ second: UInt8, _ third: UInt8, in bytes: UnsafeBufferPointer<UInt8>,
        from: Int, to: Int? = nil
    ) -> Int {
        let end = Swift.min(to ?? bytes.count, bytes.count)
        var index = Swift.max(from, 0)
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let firstPattern = UInt64(first) &* ones
            let secondPattern = UInt64(second) &* ones
            let thirdPattern = UInt64(third) &* ones
            while index + 8 <= end {
                let bytesHere = word(base, index)
                // Each test's lowest flag is exact, so the lowest of their union is too.
                let flags =
                    zeroByteFlags(bytesHere ^ firstPattern)
                    | zeroByteFlags(bytesHere ^ secondPattern)
                    | zeroByteFlags(bytesHere ^ thirdPattern)
                if flags != 0 { return index + flags.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < end {
            let byte = bytes[index]
            if byte == first || byte == second || byte == third { return index }
            index += 1
        }
        return end
    }

    /// Eight bytes at `index`, the first in the lowest bits.
    @usableFromInline @inline(__always)
    static func word(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
    }

    /// Eight bytes of a `count`-byte text from `offset`, the first in the lowest bits, with
    /// zeros past the text's end (nothing beyond it is read).
    @usableFromInline @inline(__always)
    static func word(_ base: UnsafePointer<UInt8>, count: Int, from offset: Int) -> UInt64 {
        if offset + 8 <= count { return word(base, offset) }
        // The text's last eight bytes, shifted down past those before `offset`: one load
        // instead of a byte loop (a text of eight bytes or more has them all).
        if count >= 8 {
            return word(base, count - 8) >> UInt64((offset + 8 - count) << 3)
        }
        var word: UInt64 = 0
        var index = count
        while index > offset {
            index -= 1
            word = word << 8 | UInt64(base[index])
        }
        return word
    }

    /// `value`'s bits spread over the whole word (a full-width multiply folded), for the
    /// direct-mapped caches that index by a few of a key's hash bits.
    @usableFromInline @inline(__always)
    static func fold(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        return product.high ^ product.low
    }

    /// The high bit of each byte of `word` that is zero (the classic "has a zero byte" test).
    /// Bytes above a zero byte may be flagged falsely; the lowest flagged byte is always a real
    /// zero.
    @usableFromInline @inline(__always)
    static func zeroByteFlags(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// The first index at which `literal` starts within `bytes[from..<to]`, or nil.
    @inlinable
    public static func find(
        _ literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int? = nil
    ) -> Int? {
        let count = literal.utf8CodeUnitCount
        let end = Swift.min(to ?? bytes.count, bytes.count)
        guard count > 0, end - from >= count else { return nil }
        let pointer = literal.utf8Start
        let first = pointer[0]
        var index = Swift.max(from, 0)
        guard count > 1 else { return find(first, in: bytes, from: index, to: end) }
        let last = end - count
        // Eight start positions at a time: a start is a candidate when both the literal's first
        // and last bytes match there, which rules out far more than the first byte alone.
        if let base = bytes.baseAddress {
            let firstPattern = UInt64(first) &* 0x0101_0101_0101_0101
            let lastPattern = UInt64(pointer[count - 1]) &* 0x0101_0101_0101_0101
            while index + 8 <= last + 1 {
                let mismatch =
                    (word(base, index) ^ firstPattern)
                    | (word(base, index + count - 1) ^ lastPattern)
                // Every zero byte is flagged (and maybe a few above the first), so each
                // flagged start is compared in full, lowest first.
                var flags = zeroByteFlags(mismatch)
                while flags != 0 {
                    let hit = index + flags.trailingZeroBitCount / 8
                    if hasPrefix(bytes, at: hit, literal) { return hit }
                    flags &= flags &- 1
                }
                index += 8
            }
        }
        while index <= last {
            if bytes[index] == first, hasPrefix(bytes, at: index, literal) { return index }
            index += 1
        }
        return nil
    }
}
