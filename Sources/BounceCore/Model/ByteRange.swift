/// A half-open range of byte offsets inside the line that was parsed.
///
/// Parsers hand out ranges instead of strings so that the hot path allocates nothing; callers
/// decode only the fields they keep.
public struct ByteRange: Hashable, Sendable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// The empty range: the field was absent.
    public static let none = ByteRange(0, 0)

    public var isEmpty: Bool { end <= start }
    public var count: Int { end > start ? end - start : 0 }

    /// The bytes of this range inside `line`.
    @inlinable
    public func slice(of line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard end > start, let base = line.baseAddress else {
            return UnsafeBufferPointer(start: line.baseAddress, count: 0)
        }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }

    /// The field decoded as a string (invalid UTF-8 repaired), or nil when absent.
    public func string(in line: UnsafeBufferPointer<UInt8>) -> String? {
        guard !isEmpty else { return nil }
        return String(decoding: slice(of: line), as: UTF8.self)
    }
}
