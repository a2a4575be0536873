import BounceCore
import BounceSystem

/// The earliest and latest event of a scan, placed on the time line.
///
/// The aggregator keeps stamps as written, and a BSD stamp has no year or zone. Each input's
/// first and last stamps are resolved against that input's own modification time, so that the
/// report's period is absolute even when rotated files are given newest first.
struct EventSpan {
    private(set) var first: LogInstant?
    private(set) var last: LogInstant?

    /// The first and last stamps of one input, collected while it is read.
    struct Input {
        var first: LogTimestamp?
        var last: LogTimestamp?

        @inline(__always)
        mutating func note(_ stamp: LogTimestamp) {
            if first == nil { first = stamp }
            last = stamp
        }
    }

    /// Adds an input's stamps. Each is resolved alone against the reference, which places
    /// both ends of a log that crosses New Year correctly.
    mutating func add(_ input: Input, reference: Int, zone: LocalZone) {
        for stamp in [input.first, input.last].compactMap({ $0 }) {
            var resolver = zone.resolver(reference: reference)
            let instant = resolver.resolve(stamp)
            if first.map({ instant < $0 }) ?? true { first = instant }
            if last.map({ instant > $0 }) ?? true { last = instant }
        }
    }

    /// Writes the period into `report` as complete stamps (year and offset).
    func apply(to report: inout ScanReport) {
        guard let first, let last else { return }
        report.firstEvent = first.timestamp
        report.lastEvent = last.timestamp
    }
}
