/// Which inputs of a scan with a period need not be read at all: rotated logs whose every
/// line lies outside the period.
///
/// A file's lines run from its first stamp up to the first stamp of the next newer file (the
/// one rotation started after it); the newest file runs on without end. A file is skipped when
/// that whole range lies outside the period. Only the first stamps are needed, so gzip files
/// (which cannot be read from their end) cost one block each.
public enum ArchiveSkip {
    /// For each input's first stamp in Unix seconds (nil: unknown, never skipped), whether it
    /// can be skipped for `period`.
    public static func skipped(firstStamps: [Int?], period: ReportPeriod) -> [Bool] {
        let known = firstStamps.compactMap { $0 }.sorted()
        return firstStamps.map { first in
            guard let first else { return false }
            if let end = period.end, first >= end { return true }
            // The first stamp of the next newer file: the smallest later than this one.
            guard let start = period.start,
                let next = known.first(where: { $0 > first })
            else { return false }
            return next <= start
        }
    }
}
