/// Searches for one or two byte values sixteen bytes a step, as one vector compare each.
///
/// Why: the fields of a delivery line (a relay of 40 bytes, `delays=` of 30) are skipped
/// by searching for their end, and eight-byte words cost about seventeen instructions a word
/// there. `SIMD16<UInt8>` comparisons compile to SSE2's `pcmpeqb` on the baseline x86-64
/// target, about eight instructions for sixteen bytes, and the compare's lanes (all ones or
/// all zeros) read as two words tell the first hit exactly.
enum ByteVector {
    /// The first index in `from..<count` of a byte equal to `byte`, or nil.
    @inline(__always)
    static func firstIndex(
        of byte: UInt8, in base: UnsafePointer<UInt8>, count: Int, from: Int
    ) -> Int? {
        var index = from
        let pattern = SIMD16<UInt8>(repeating: byte)
        while index &+ 16 <= count {
            let bytes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            let lanes = unsafeBitCast(bytes .== pattern, to: SIMD2<UInt64>.self)
            if lanes[0] != 0 { return index &+ lanes[0].trailingZeroBitCount &>> 3 }
            if lanes[1] != 0 { return index &+ 8 &+ lanes[1].trailingZeroBitCount &>> 3 }
            index &+= 16
        }
        return tail(ByteWord.splat(byte), ByteWord.splat(byte), in: base, count: count, from: index)
    }

    /// The first index in `from..<count` of a byte equal to `byte` or `other`, or nil.
    @inline(__always)
    static func firstIndex(
        of byte: UInt8, or other: UInt8, in base: UnsafePointer<UInt8>, count: Int, from: Int
    ) -> Int? {
        var index = from
        let first = SIMD16<UInt8>(repeating: byte)
        let second = SIMD16<UInt8>(repeating: other)
        while index &+ 16 <= count {
            let bytes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            let lanes =
                unsafeBitCast(bytes .== first, to: SIMD2<UInt64>.self)
                | unsafeBitCast(bytes .== second, to: SIMD2<UInt64>.self)
            if lanes[0] != 0 { return index &+ lanes[0].trailingZeroBitCount &>> 3 }
            if lanes[1] != 0 { return index &+ 8 &+ lanes[1].trailingZeroBitCount &>> 3 }
            index &+= 16
        }
        return tail(
            ByteWord.splat(byte), ByteWord.splat(other), in: base, count: count, from: index)
    }

    /// The lanes of the sixteen bytes at `index` equal to `byte` or `other`, as two words
    /// (each lane all ones or all zeros, the first byte lowest).
    @inline(__always)
    static func lanes(of byte: UInt8, or other: UInt8, in base: UnsafePointer<UInt8>, at index: Int)
        -> (low: UInt64, high: UInt64)
    {
        let bytes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
        let lanes =
            unsafeBitCast(bytes .== SIMD16<UInt8>(repeating: byte), to: SIMD2<UInt64>.self)
            | unsafeBitCast(bytes .== SIMD16<UInt8>(repeating: other), to: SIMD2<UInt64>.self)
        return (lanes[0], lanes[1])
    }

    /// The search's last fifteen bytes or fewer: a word, then the text's last bytes as one
    /// word with zeros past the end (which the callers' bytes are not: a zero `byte` takes
    /// the byte loop).
    @inline(__always)
    private static func tail(
        _ first: UInt64, _ second: UInt64, in base: UnsafePointer<UInt8>, count: Int, from: Int
    ) -> Int? {
        var index = from
        guard first & 0xFF != 0, second & 0xFF != 0 else {
            while index < count {
                if base[index] == UInt8(truncatingIfNeeded: first)
                    || base[index] == UInt8(truncatingIfNeeded: second)
                {
                    return index
                }
                index &+= 1
            }
            return nil
        }
        while index < count {
            let word = ByteScan.word(base, count: count, from: index)
            let flags = ByteScan.zeroByteFlags(word ^ first) | ByteScan.zeroByteFlags(word ^ second)
            if flags != 0 {
                let found = index &+ flags.trailingZeroBitCount &>> 3
                return found < count ? found : nil
            }
            index &+= 8
        }
        return nil
    }
}
