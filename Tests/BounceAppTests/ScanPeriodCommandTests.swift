import BounceTestSupport
import Foundation
import Testing

/// `scan --since/--until`: only events in the period count, in every format, and the report
/// says how many were left out.
@Suite struct ScanPeriodCommandTests {
    /// Postfix lines with RFC 3339 stamps around the local day 2026-12-01 in Berlin.
    private static func line(_ stamp: String, _ status: String, id: String) -> String {
        "\(stamp) mx1 postfix/smtp[4242]: \(id): to=<bob@example.com>,"
            + " relay=mx.example.com[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6,"
            + (status == "sent"
                ? " dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9A8B7C)"
                : " dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.10] said: 550 5.1.1"
                    + " <bob@example.com>: Recipient address rejected: User unknown"
                    + " (in reply to RCPT TO command))")
    }

    private static let log =
        [
            line("2026-11-30T23:59:59+01:00", "bounced", id: "4F2A11230"),
            line("2026-12-01T00:00:00+01:00", "bounced", id: "4F2A11231"),
            "2026-12-01T10:00:00+01:00 mx1 postfix/cleanup[4243]: 4F2A11232: message-id=<x@mx1>",
            line("2026-12-01T12:00:00+01:00", "sent", id: "4F2A11233"),
            // 23:30 UTC is already 2026-12-02 in Berlin: outside.
            line("2026-12-01T23:30:00Z", "sent", id: "4F2A11234"),
        ].joined(separator: "\n") + "\n"

    private static let berlin = ["TZ": "Europe/Berlin"]

    @Test func jsonCountsOnlyThePeriodAndStatesIt() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("mail.log", Self.log)
        let result = try BinaryRunner.run(
            ["scan", "--format", "json", "--since", "2026-12-01", "--until", "2026-12-02", file],
            environment: Self.berlin)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(result.json)
        let deliveries = try #require(report["deliveries"] as? [String: Any])
        #expect(deliveries["bounced"] as? Int == 1)
        #expect(deliveries["sent"] as? Int == 1)
        #expect(deliveries["total"] as? Int == 2)
        let period = try #require(report["period"] as? [String: Any])
        #expect(period["since"] as? String == "2026-12-01T00:00:00+01:00")
        #expect(period["until"] as? String == "2026-12-02T00:00:00+01:00")
        #expect(period["events_outside"] as? Int == 2)
        let range = try #require(report["time_range"] as? [String: Any])
        #expect(range["first"] as? String == "2026-12-01T00:00:00+01:00")
        #expect(range["last"] as? String == "2026-12-01T12:00:00+01:00")
        // Left-out events are no lines read either; the ignored line still counts.
        let lines = try #require(report["lines"] as? [String: Any])
        #expect(lines["event"] as? Int == 2)
        #expect(lines["ignored"] as? Int == 1)
    }

    @Test func withoutBoundsNothingIsLeftOutAndNoPeriodIsWritten() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("mail.log", Self.log)
        let result = try BinaryRunner.run(
            ["scan", "--format", "json", file], environment: Self.berlin)
        let report = try #require(result.json)
        #expect(report["period"] == nil)
        #expect((report["deliveries"] as? [String: Any])?["total"] as? Int == 4)
    }

    @Test func textHeaderSaysWhatWasLeftOut() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("mail.log", Self.log)
        let result = try BinaryRunner.run(
            ["scan", "--since", "2026-12-01T12:00", file], environment: Self.berlin)
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "Period: from 2026-12-01T12:00:00+01:00; 2 events outside it not counted\n"))
        #expect(
            result.stdout.contains(
                "Events from 2026-12-01T12:00:00+01:00 to 2026-12-01T23:30:00Z\n"))
    }

    @Test func prometheusCountsOnlyThePeriod() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("mail.log", Self.log)
        let result = try BinaryRunner.run(
            ["scan", "--format", "prometheus", "--until", "2026-12-01T06:00", file],
            environment: Self.berlin)
        #expect(result.status == 0)
        let samples = result.stdout.split(separator: "\n").filter {
            $0.hasPrefix("bouncewatch_deliveries_total{")
        }
        #expect(samples.count == 1)
        #expect(samples.first?.contains("status=\"bounced\"") == true)
        #expect(samples.first?.hasSuffix(" 2") == true)
    }

    /// Year-less stamps are placed with the file's modification time, as the header's are.
    @Test func bsdStampsAreJudgedInTheLocalZone() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("mail.log", SampleLines.postfixLog)
        // 2026-11-27T00:00:00Z.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_795_737_600)], ofItemAtPath: file)
        let result = try BinaryRunner.run(
            ["scan", "--format", "json", "--since", "2026-11-26T10:00:02", file])
        let deliveries = try #require(result.json?["deliveries"] as? [String: Any])
        #expect(deliveries["sent"] as? Int == 1)
        #expect(deliveries["bounced"] as? Int == 0)
    }

    @Test(arguments: [
        (["--since", "2026-12-32"], "no such day"),
        (["--until", "last-month"], "is not a time"),
        (["--since", "today", "--until", "yesterday"], "must be before"),
    ])
    func badBoundsAreUsageErrors(_ options: [String], _ message: String) throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("mail.log", Self.log)
        let result = try BinaryRunner.run(["scan"] + options + [file])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
