/// A pattern over enhanced status codes: `5.1.1`, `x.2.2` (any class), `5.7.x` (any detail).
public struct CodePattern: Hashable, Sendable, CustomStringConvertible {
    /// 4 or 5; nil matches either.
    public var statusClass: UInt8?
    public var subject: UInt16
    /// Nil matches any detail.
    public var detail: UInt16?

    public init(statusClass: UInt8?, subject: UInt16, detail: UInt16?) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// Parses `5.1.1`, `x.2.2` or `5.7.x`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let subject = UInt16(parts[1]) else { return nil }
        switch parts[0] {
        case "x": statusClass = nil
        case "2", "4", "5": statusClass = UInt8(parts[0])
        default: return nil
        }
        self.subject = subject
        if parts[2] == "x" {
            detail = nil
        } else if let value = UInt16(parts[2]) {
            detail = value
        } else {
            return nil
        }
    }

    @inlinable
    public func matches(_ code: EnhancedStatusCode) -> Bool {
        (statusClass == nil || statusClass == code.statusClass) && subject == code.subject
            && (detail == nil || detail == code.detail)
    }

    public var description: String {
        "\(statusClass.map(String.init) ?? "x").\(subject).\(detail.map(String.init) ?? "x")"
    }
}
