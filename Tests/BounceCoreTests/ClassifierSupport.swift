@testable import BounceCore

/// Builds events straight from a reply text, so the classifier is tested without the parsers.
enum ReplyEvent {
    struct Result {
        var classification: Classification
        var explanation: Explanation
        var listedIP: String?
    }

    /// Classifies `reply` as the reason of an event. The basic code and the enhanced code at the
    /// start of the reply are taken from it the way the parsers do.
    static func classify(
        _ reply: String, mta: MTA = .postfix, kind: EventKind = .delivery,
        status: DeliveryStatus = .bounced, stage: SMTPStage = .rcptTo, dsn: String? = nil,
        remote: Bool = true, classifier: Classifier = .standard
    ) -> Result {
        var bytes = Array(reply.utf8)
        return bytes.withUnsafeMutableBufferPointer { mutable in
            let line = UnsafeBufferPointer(mutable)
            var event = RawEvent(mta: mta, kind: kind, status: status, timestamp: nil)
            event.reply = ByteRange(0, line.count)
            event.replyIsRemote = remote
            event.stage = stage
            if remote, let code = ByteScan.fixedNumber(line, at: 0, count: 3) {
                event.replyCode = code
                var cursor = 4
                if line.count > 4 { event.replyDSN = EnhancedStatusCode.scan(line, at: &cursor) }
            }
            if let dsn {
                var dsnBytes = Array(dsn.utf8)
                event.mtaDSN = dsnBytes.withUnsafeMutableBufferPointer {
                    EnhancedStatusCode.parse(UnsafeBufferPointer($0))
                }
            }
            let verdict = classifier.classify(event, in: line)
            return Result(
                classification: verdict, explanation: classifier.explain(event, in: line),
                listedIP: verdict.listedIP.string(in: line))
        }
    }
}
