import BounceCore
import BounceSystem

/// The inputs worth reading for a period: rotated files whose lines all lie outside it are
/// left out (see `ArchiveSkip`). Shared by `scan --since/--until` and `digest --period`.
enum PeriodInputs {
    /// `inputs` without the files `period` excludes, in their order. With `verbose`, each file
    /// left out is named on standard error, followed by `reason`.
    static func kept(
        _ inputs: [String], period: ReportPeriod, format: LogFormat, zone: LocalZone,
        verbose: Bool, reason: String
    ) -> [String] {
        let firsts = inputs.map {
            InputFirstStamp.unixSeconds(of: $0, format: format, zone: zone)
        }
        let skipped = ArchiveSkip.skipped(firstStamps: firsts, period: period)
        var kept: [String] = []
        for (index, name) in inputs.enumerated() {
            guard skipped[index] else {
                kept.append(name)
                continue
            }
            if verbose { reportError("\(name): not read, \(reason)") }
        }
        return kept
    }
}
