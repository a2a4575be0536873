import BounceCore

/// What `scan` does with each line the parser has read: tally it, classify a failure, count
/// the event.
///
/// A value of its own, handed to the per-line call with everything else it touches as `inout`,
/// instead of a local function capturing the scan's counters: a captured counter is boxed, and
/// each line then paid a runtime exclusivity check and a copy of the event.
struct ScanLineCounter {
    /// Lines by outcome, handed to the aggregator once per input.
    var events = 0
    var ignored = 0
    var unrecognized = 0
    /// Remembers recent verdicts: a log repeats its replies.
    var classifier: CachingClassifier

    init(classifier: Classifier) {
        self.classifier = CachingClassifier(classifier)
    }

    /// Counts one parsed line: `event` is meaningful only when `outcome` is `.event`, and its
    /// ranges point into `line`.
    @inline(__always)
    mutating func count(
        _ outcome: LineOutcome, _ event: inout RawEvent, _ line: UnsafeBufferPointer<UInt8>,
        into aggregator: inout ScanAggregator, stamps: inout EventSpan.Input,
        clock: inout EventClock?, timeline: inout FailureTimeline?
    ) {
        var moment: Int?
        switch outcome {
        case .event:
            if let placement = clock?.place(event.timestamp) {
                // Outside the period, an event counts nowhere, not even as a line read.
                guard case .inside(let unixSeconds) = placement else { return }
                moment = unixSeconds
            }
            events &+= 1
        case .ignored:
            ignored &+= 1
            return
        case .message:
            ignored &+= 1
            aggregator.noteMessage(event, in: line)
            return
        case .unrecognized:
            unrecognized += 1
            aggregator.noteUnrecognized(line)
            return
        }
        if let stamp = event.timestamp { stamps.note(stamp) }
        let classification =
            event.isSuccessfulDelivery ? nil : classifier.classify(event, in: line)
        aggregator.add(event, classification, in: line)
        if let moment, event.kind == .delivery, timeline != nil,
            let cause = event.countedCause(classification)
        {
            timeline?.addFailure(at: moment, cause: cause)
            if let blocklist = classification?.blocklist {
                timeline?.addBlocklistHit(at: moment, list: blocklist.name)
            }
        }
    }
}
