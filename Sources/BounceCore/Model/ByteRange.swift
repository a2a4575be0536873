/// A half-open range of byte offsets inside the line that was parsed.
///
/// Parsers hand out ranges instead of strings so that the hot path allocates nothing; callers
/// decode only the fields they keep.
///
/// Offsets are stored as 32 bits: an event holds over a dozen ranges and is copied on every
/// parsed line, so halving them is measurable. Readers cap lines far below 2 GiB; a larger
/// offset is clamped, which can only shorten a field, never point outside the line.
public struct ByteRange: Hashable, Sendable {
    @usableFromInline var lower: Int32
    @usableFromInline var upper: Int32

    public init(_ start: Int, _ end: Int) {
        lower = Int32(clamping: start)
        upper = Int32(clamping: end)
    }

    /// Offset of the first byte.
    @inlinable public var start: Int {
        get { Int(lower) }
        set { lower = Int32(clamping: newValue) }
    }

    /// Offset one past the last byte.
    @inlinable public var end: Int {
        get { Int(upper) }
        set { upper = Int32(clamping: newValue) }
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
