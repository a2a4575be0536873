import BounceCore
import BounceIngest

/// What `scan` learned about one input, or one piece of it, beside the counts: its first and
/// last stamps, the events left out by the period, what standard error must say about it, and
/// whether reading it stopped at an error.
struct InputScan {
    /// The modification time year-less stamps were placed by (now for standard input).
    var reference: Int
    var stamps = EventSpan.Input()
    /// Events outside the period.
    var outside = 0
    /// Lines cut at the log-line limit, and lines starting with `{` that were no record.
    var truncatedLines = 0
    var maxLineLength = LineReader.defaultMaxLineLength
    var recordProblems = 0
    var lastRecordProblem: DockerRecordProblem?
    /// Why reading stopped early; nil when the input was read to its end.
    var error: IngestError?
    /// Whether a line was read as a Docker json-file record. Such records may continue on the
    /// next line, so a piece of a file that holds them cannot be read on its own.
    var sawRecords = false
    /// Whether a repeated local hour was read with no earlier stamp to order it by (see
    /// `TimeResolver.orderedWithoutHistory`).
    var orderedWithoutHistory = false

    init(reference: Int) {
        self.reference = reference
    }

    /// Adds what the next piece of the same input learned.
    mutating func append(_ later: InputScan) {
        if stamps.first == nil { stamps.first = later.stamps.first }
        if let last = later.stamps.last { stamps.last = last }
        outside += later.outside
        truncatedLines += later.truncatedLines
        recordProblems += later.recordProblems
        if let problem = later.lastRecordProblem { lastRecordProblem = problem }
        error = later.error
        sawRecords = sawRecords || later.sawRecords
    }

    /// The notes for standard error, as reading the input in one pass prints them: lines cut,
    /// then records that could not be read (the error itself comes after them).
    func notes(input: String) -> [String] {
        var notes: [String] = []
        if truncatedLines > 0 {
            let count = truncatedLines == 1 ? "line was" : "lines were"
            notes.append(
                "\(input): \(truncatedLines) \(count) longer than"
                    + " \(maxLineLength) bytes and cut to that length")
        }
        if recordProblems > 0, let lastRecordProblem {
            notes.append(
                "\(input): \(recordProblems) line(s) starting with \"{\" are not Docker json-file "
                    + "records and were counted as unrecognized (last: \(lastRecordProblem))")
        }
        return notes
    }
}
