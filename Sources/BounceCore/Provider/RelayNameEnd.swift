/// The end of a relay's host name: the first `[`, space or `:`, searched for sixteen bytes a
/// step with vector compares.
///
/// Why: every delivery with a relay asks `ProviderDecider` for its provider, and the name
/// (`gmail-smtp-in.l.google.com`, `tenant-com.mail.protection.outlook.com`) is 20 to 45
/// bytes: three eight-byte word tests cost about 25 instructions a word, where one step of
/// three `pcmpeqb` compares covers sixteen bytes in about a dozen.
enum RelayNameEnd {
    /// The first index in `from..<to` holding `[`, a space or `:`, or nil. `count` is the
    /// length of the text at `base`: bytes from `to` up to it may be read, never past it.
    @inline(__always)
    static func first(in base: UnsafePointer<UInt8>, from: Int, to: Int, count: Int) -> Int? {
        var index = from
        while index < to {
            guard index &+ 16 <= count else { return tail(in: base, from: index, to: to) }
            let bytes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            let lanes =
                unsafeBitCast(
                    bytes .== SIMD16<UInt8>(repeating: UInt8(ascii: "[")), to: SIMD2<UInt64>.self)
                | unsafeBitCast(
                    bytes .== SIMD16<UInt8>(repeating: UInt8(ascii: " ")), to: SIMD2<UInt64>.self)
                | unsafeBitCast(
                    bytes .== SIMD16<UInt8>(repeating: UInt8(ascii: ":")), to: SIMD2<UInt64>.self)
            let found: Int
            if lanes[0] != 0 {
                found = index &+ lanes[0].trailingZeroBitCount &>> 3
            } else if lanes[1] != 0 {
                found = index &+ 8 &+ lanes[1].trailingZeroBitCount &>> 3
            } else {
                index &+= 16
                continue
            }
            return found < to ? found : nil
        }
        return nil
    }

    /// The last bytes before the text's end, fewer than sixteen, one at a time.
    private static func tail(in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        var index = from
        while index < to {
            let byte = base[index]
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: ":") {
                return index
            }
            index &+= 1
        }
        return nil
    }
}
