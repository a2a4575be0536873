import Testing

@testable import BounceCore

/// Checks a parse result against a fixture expectation, decoding fields the way `classify` does.
enum FixtureCheck {
    static func verify(
        _ fixture: FixtureCase, classifier: Classifier = .standard,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var bytes = Array(fixture.line.utf8)
        bytes.withUnsafeMutableBufferPointer { mutable in
            let line = UnsafeBufferPointer(mutable)
            let result = LineParser().parse(line)
            switch (fixture.expectation, result) {
            case (.ignored, .ignored), (.unrecognized, .unrecognized):
                return
            case (.event(let expected), .event(let event)):
                let actual = fields(of: event, in: line, classifier: classifier)
                for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
                    guard let got = actual[key] else {
                        Issue.record(
                            "\(fixture.testDescription): unknown key \(key)",
                            sourceLocation: sourceLocation)
                        continue
                    }
                    #expect(
                        got == value, "\(fixture.testDescription) \(key)",
                        sourceLocation: sourceLocation)
                }
            default:
                Issue.record(
                    "\(fixture.testDescription): expected \(fixture.expectation), got \(result.identifier)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    /// The event's fields under their `classify` JSON keys.
    static func fields(
        of event: RawEvent, in line: UnsafeBufferPointer<UInt8>, classifier: Classifier
    ) -> [String: FixtureValue] {
        func text(_ range: ByteRange) -> FixtureValue {
            range.string(in: line).map(FixtureValue.string) ?? .null
        }
        var fields: [String: FixtureValue] = [
            "mta": .string(event.mta.identifier),
            "kind": .string(event.kind.identifier),
            "status": .string(event.status.identifier),
            "recipient": text(event.recipient),
            "orig_recipient": text(event.originalRecipient),
            "domain": event.domain.string(in: line).map { .string($0.lowercased()) } ?? .null,
            "relay": text(event.relay),
            "reply": text(event.reply),
            "reply_code": event.replyCode == 0 ? .null : .int(event.replyCode),
            "dsn": event.dsn.map { .string($0.description) } ?? .null,
            "mta_dsn": event.mtaDSN.map { .string($0.description) } ?? .null,
            "queue_id": text(event.queueID),
            "program": text(event.program),
            "host": text(event.host),
            "client": text(event.client),
            "client_ip": text(event.clientIP),
            "sasl_username": text(event.saslUsername),
            "stage": .string(event.stage.identifier),
            "remote": .string(event.replyIsRemote ? "yes" : "no"),
            "pid": event.pid.map(FixtureValue.int) ?? .null,
        ]
        if event.status == .sent {
            fields["cause"] = .null
            fields["blocklist"] = .null
            fields["listed_ip"] = .null
        } else {
            let verdict = classifier.classify(event, in: line)
            fields["cause"] = .string(verdict.cause.identifier)
            fields["rule"] = .string(verdict.ruleID)
            fields["blocklist"] = verdict.blocklist.map { .string($0.name) } ?? .null
            fields["listed_ip"] = text(verdict.listedIP)
        }
        return fields
    }
}
