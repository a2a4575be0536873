/// The share of delivery attempts that failed (deferred, bounced or expired), kept in tenths of
/// a per cent so that the text and HTML parts print the same digits.
public struct DigestRate: Sendable, Equatable {
    /// Failed attempts over all attempts in tenths of a per cent, rounded half up; nil without
    /// attempts.
    public var tenths: Int?

    public init(_ counts: StatusCounts) {
        tenths = counts.total > 0 ? (counts.failures * 1000 + counts.total / 2) / counts.total : nil
    }

    /// `12.5%`, or `-` without attempts.
    public var text: String {
        guard let tenths else { return "-" }
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// The change in percentage points against `before`: `▲ +2.4 pts`, `▼ -1.0 pts`, `= 0.0 pts`,
    /// empty when either rate is missing.
    public func change(from before: DigestRate) -> String {
        guard let now = tenths, let old = before.tenths else { return "" }
        let delta = now - old
        let size = "\(abs(delta) / 10).\(abs(delta) % 10) pts"
        if delta > 0 { return "\(DigestChange.up) +\(size)" }
        if delta < 0 { return "\(DigestChange.down) -\(size)" }
        return "= \(size)"
    }
}
