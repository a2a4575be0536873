import BounceCore

/// The lines of one source read in one poll, by what the parser made of them, handed to the
/// metrics store in one step when the poll ends.
///
/// Why: counting each line in the store costs a source lookup and a revision step per line, a
/// sixth of what the daemon spends beyond parsing and classifying. Nothing reads the store
/// while a poll runs (the textfile and the checkpoint are written between polls), so the
/// counts it shows are the same.
struct PollLineCounts {
    private(set) var events = 0
    private(set) var ignored = 0
    private(set) var unrecognized = 0

    /// Counts one line.
    @inline(__always)
    mutating func add(_ outcome: LineOutcome) {
        switch outcome {
        case .event: events += 1
        case .ignored, .message: ignored += 1
        case .unrecognized: unrecognized += 1
        }
    }

    /// Every line counted.
    var total: Int { events + ignored + unrecognized }
}
