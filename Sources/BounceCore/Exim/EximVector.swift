/// `ByteScan.find` and `ByteScan.firstOf` for the Exim parser's searches, sixteen bytes a
/// step with `ByteVector`.
///
/// Why: a delivery line's fields (`R=`, `T=`, the host, the address) are skipped by searching
/// for their end, and the word-at-a-time searches cost about seventeen instructions per eight
/// bytes and their set-up; one vector compare covers sixteen.
enum EximVector {
    /// The first index of `byte` in `line[from..<to]` (`to` clamped to the line), or nil: the
    /// answer of `ByteScan.find(_:in:from:to:)`.
    @inline(__always)
    static func find(_ byte: UInt8, in line: UnsafeBufferPointer<UInt8>, from: Int, to: Int)
        -> Int?
    {
        let end = Swift.min(to, line.count)
        let index = Swift.max(from, 0)
        guard index < end, let base = line.baseAddress else { return nil }
        return ByteVector.firstIndex(of: byte, in: base, count: end, from: index)
    }

    /// The first index in `line[from..<to]` holding `byte` or `other`, or `to` clamped to the
    /// line when there is none: the answer of `ByteScan.firstOf(byte, other, other, ...)`.
    @inline(__always)
    static func firstOf(
        _ byte: UInt8, _ other: UInt8, in line: UnsafeBufferPointer<UInt8>, from: Int, to: Int
    ) -> Int {
        let end = Swift.min(to, line.count)
        let index = Swift.max(from, 0)
        guard index < end, let base = line.baseAddress else { return end }
        return ByteVector.firstIndex(of: byte, or: other, in: base, count: end, from: index) ?? end
    }
}
