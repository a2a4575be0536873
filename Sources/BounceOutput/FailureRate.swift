import BounceCore

/// The share of delivery attempts that failed (deferred, bounced or expired), as the scan
/// reports print it.
enum FailureRate {
    /// Failed attempts over all attempts, 0 when there were none; rounded to 4 decimals so that
    /// the same counts always print the same digits.
    static func fraction(_ counts: StatusCounts) -> Double {
        guard counts.total > 0 else { return 0 }
        return (Double(counts.failures) / Double(counts.total) * 10_000).rounded() / 10_000
    }

    /// The share in per cent with one decimal (`12.5%`), `-` without attempts.
    static func percent(_ counts: StatusCounts) -> String {
        guard counts.total > 0 else { return "-" }
        let tenths = (counts.failures * 1000 + counts.total / 2) / counts.total
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
