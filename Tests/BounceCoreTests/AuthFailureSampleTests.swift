import Testing

@testable import BounceCore

@Suite struct AuthFailureSampleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var sample: String
        var testDescription: String { sample }
    }

    static let prefix = "Nov 26 02:14:02 mx1 postfix/smtpd[1]: warning: unknown[192.0.2.201]: "

    /// The scan report's auth_failure sample: mechanism and message, no base64 challenge.
    @Test(arguments: [
        Case(
            line: prefix + "SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=admin",
            sample: "SASL LOGIN authentication failed"),
        Case(
            line: prefix + "SASL LOGIN authentication failed: VXNlcm5hbWU6",
            sample: "SASL LOGIN authentication failed"),
        Case(
            line: prefix + "SASL PLAIN authentication failed: authentication failure",
            sample: "SASL PLAIN authentication failed: authentication failure"),
        Case(
            line: prefix
                + "SASL LOGIN authentication failed: (reason unavailable), sasl_username=a@b.example",
            sample: "SASL LOGIN authentication failed: (reason unavailable)"),
    ])
    func sampleOfAFailedLogin(_ row: Case) {
        var aggregator = ScanAggregator(topDestinations: 10)
        var event = RawEvent.unparsed()
        let parser = LineParser(format: .postfix)
        var bytes = Array(row.line.utf8)
        bytes.withUnsafeMutableBufferPointer { mutable in
            let line = UnsafeBufferPointer(mutable)
            #expect(parser.parse(line, into: &event) == .event)
            aggregator.add(event, Classifier.standard.classify(event, in: line), in: line)
        }
        let sample = aggregator.report().causes.first { $0.cause == .authFailure }?.sampleReply
        #expect(sample == row.sample)
    }

    @Test func base64TokensAreChallengesAndWordsAreNot() {
        for (text, expected) in [
            ("UGFzc3dvcmQ6", true), ("VXNlcm5hbWU6", true), ("YWJjZA==", true),
            ("generic", false), ("(reason unavailable)", false), ("authentication failure", false),
            ("abc", false), ("ab=c", false),
        ] {
            let bytes = Array(text.utf8)
            #expect(
                bytes.withUnsafeBufferPointer(AuthFailureSample.isChallenge) == expected, "\(text)")
        }
    }
}
