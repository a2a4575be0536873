/// Word-at-a-time readings of the fields on a delivery line's path, each giving the answer of
/// the general reading it stands in front of.
extension PostfixScan {
    /// `EnhancedStatusCode.scan` on `line[index..<end]`: the code at `index`, or nil.
    ///
    /// The code nearly every line carries, one digit in each part (`2.0.0`, `5.1.1`), followed
    /// by neither a digit nor a dot, is read from one word; every other shape (two- or
    /// three-digit parts, a version-like `5.1.1.1`, a code near the end of the range) goes to
    /// `scan`, which the quick answer always equals.
    @inline(__always)
    static func enhancedCode(_ line: UnsafeBufferPointer<UInt8>, at index: Int, end: Int)
        -> EnhancedStatusCode?
    {
        if index >= 0, end &- index >= 7, index &+ 8 <= line.count, let base = line.baseAddress {
            // Bytes 0 to 4 against `0.0.0`: the digits then read 0 to 9 and the dots 0.
            let parts = ByteScan.word(base, index) ^ 0x30_2E30_2E30
            let next = UInt8(truncatingIfNeeded: parts >> 40)
            if parts & 0xF0_FFF0_FFF0 == 0, (parts &+ 0x06_0006_0006) & 0x10_0010_0010 == 0,
                next &- UInt8(ascii: "0") >= 10, next != UInt8(ascii: "."),
                // Class 2, 4 or 5: bits 2, 4 and 5 of 0x34.
                (0x34 as UInt64) &>> (parts & 0xFF) & 1 == 1
            {
                return EnhancedStatusCode(
                    UInt8(truncatingIfNeeded: parts),
                    UInt16(truncatingIfNeeded: parts >> 16 & 0xFF),
                    UInt16(truncatingIfNeeded: parts >> 32 & 0xFF))
            }
        }
        var offset = 0
        return EnhancedStatusCode.scan(ByteRange(index, end).slice(of: line), at: &offset)
    }

    /// The first space at or after `from` in the `count` bytes at `base`, or nil (sixteen
    /// bytes a step, `ByteVector`).
    @inline(__always)
    static func nextSpace(_ base: UnsafePointer<UInt8>, count: Int, from: Int) -> Int? {
        ByteVector.firstIndex(of: space, in: base, count: count, from: from)
    }
}
