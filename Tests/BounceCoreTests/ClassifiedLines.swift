import BounceCore
import Testing

/// Real-shaped test lines parsed and classified as the daemon and `scan` do, one at a time;
/// a line that is no event is recorded as a test issue.
enum ClassifiedLines {
    static func forEach(
        _ lines: [String],
        _ body: (Int, RawEvent, Classification?, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let parser = LineParser(format: .auto)
        for (offset, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var event = RawEvent.unparsed()
                guard parser.parse(buffer, into: &event) == .event else {
                    Issue.record("not an event: \(line)")
                    return
                }
                let classification =
                    event.isSuccessfulDelivery
                    ? nil : Classifier.standard.classify(event, in: buffer)
                body(offset, event, classification, buffer)
            }
        }
    }
}
