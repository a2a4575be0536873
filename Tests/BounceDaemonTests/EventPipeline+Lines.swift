import BounceCore

@testable import BounceDaemon

extension EventPipeline {
    /// Parses each of `lines` and takes it as the daemon does (source `mail.log`, every event
    /// at time 1000), then hands the pipeline as it is then, the outcome, the event and the
    /// line to `each`.
    mutating func take(
        lines: [String],
        each: (EventPipeline, LineOutcome, borrowing RawEvent, UnsafeBufferPointer<UInt8>) ->
            Void = { _, _, _, _ in }
    ) {
        let parser = LineParser()
        for text in lines {
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { mutable in
                let line = UnsafeBufferPointer(mutable)
                var event = RawEvent.unparsed()
                let outcome = parser.parse(line, into: &event)
                take(outcome, event: event, line: line, source: "mail.log") { _ in 1000 }
                each(self, outcome, event, line)
            }
        }
    }
}
