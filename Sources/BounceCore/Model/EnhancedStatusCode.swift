/// An RFC 3463 enhanced status code such as `5.1.1`.
public struct EnhancedStatusCode: Hashable, Sendable, CustomStringConvertible {
    /// 2, 4 or 5.
    public var statusClass: UInt8
    /// 0 to 999.
    public var subject: UInt16
    /// 0 to 999.
    public var detail: UInt16

    public init(_ statusClass: UInt8, _ subject: UInt16, _ detail: UInt16) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// `x.0.0`, which Postfix writes when the remote gave no enhanced code: carries no evidence.
    public var isUndetailed: Bool { subject == 0 && detail == 0 }

    public var description: String { "\(statusClass).\(subject).\(detail)" }

    /// Parses exactly `c.s.d` (class 2/4/5, one to three digits each) from the whole buffer.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> EnhancedStatusCode? {
        var index = 0
        return scan(bytes, at: &index).flatMap { index == bytes.count ? $0 : nil }
    }

    /// Parses `c.s.d` starting at `index`; on success moves `index` past it.
    /// The caller decides what may surround it.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int)
        -> EnhancedStatusCode?
    {
        var cursor = index
        guard cursor < bytes.count else { return nil }
        let first = bytes[cursor]
        guard first == UInt8(ascii: "2") || first == UInt8(ascii: "4") || first == UInt8(ascii: "5")
        else { return nil }
        cursor += 1
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") else { return nil }
        cursor += 1
        guard let subject = ByteScan.smallNumber(bytes, at: &cursor, maxDigits: 3) else {
            return nil
        }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") else { return nil }
        cursor += 1
        guard let detail = ByteScan.smallNumber(bytes, at: &cursor, maxDigits: 3) else {
            return nil
        }
        // A fourth digit, or a dot and more digits, means this was something else (a version, an IP).
        if cursor < bytes.count {
            if ByteScan.isDigit(bytes[cursor]) { return nil }
            if bytes[cursor] == UInt8(ascii: "."), ByteScan.isDigit(at: cursor + 1, in: bytes) {
                return nil
            }
        }
        index = cursor
        return EnhancedStatusCode(first - UInt8(ascii: "0"), UInt16(subject), UInt16(detail))
    }
}
