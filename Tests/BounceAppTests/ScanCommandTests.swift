import BounceTestSupport
import Foundation
import Testing

@testable import BounceApp

@Suite struct ScanCommandTests {
    struct Acceptance: Sendable, CustomTestStringConvertible {
        var file: String
        var sent, deferred, bounced, expired, rejects, saslFailures: Int
        var testDescription: String { file }
    }

    /// The acceptance figures for the two logs recorded from real MTAs.
    @Test(arguments: [
        Acceptance(
            file: "postfix/real-postfix-3.7-loopback.log", sent: 19, deferred: 35, bounced: 10,
            expired: 5, rejects: 4, saslFailures: 5),
        Acceptance(
            file: "exim/real-exim-4.96-loopback.log", sent: 18, deferred: 30, bounced: 9,
            expired: 5, rejects: 2, saslFailures: 2),
    ])
    func realLogsGiveTheExpectedTotals(_ row: Acceptance) throws {
        guard let url = SharedCorpusFile.url(row.file) else { return }
        let result = try BinaryRunner.run(["scan", "--format", "json", url.path])
        #expect(result.status == 0)
        let report = try #require(result.json)
        let deliveries = try #require(report["deliveries"] as? [String: Any])
        #expect(deliveries["sent"] as? Int == row.sent)
        #expect(deliveries["deferred"] as? Int == row.deferred)
        #expect(deliveries["bounced"] as? Int == row.bounced)
        #expect(deliveries["expired"] as? Int == row.expired)
        #expect((report["rejects"] as? [String: Any])?["total"] as? Int == row.rejects)
        #expect((report["auth_failures"] as? [String: Any])?["total"] as? Int == row.saslFailures)
    }

    /// Rotated files given newest first, the older one crossing New Year: the period runs
    /// from the earliest event to the latest, with years from each file's modification time.
    @Test func thePeriodIsAbsoluteAcrossFiles() throws {
        let dir = try TemporaryDirectory()
        let older = try dir.write(
            "mail.log.1",
            SampleLines.bounced.replacingOccurrences(of: "Nov 26", with: "Dec 31") + "\n"
                + SampleLines.sent.replacingOccurrences(of: "Nov 26", with: "Jan  1") + "\n")
        let newer = try dir.write(
            "mail.log", SampleLines.sent.replacingOccurrences(of: "Nov 26", with: "Jan  2") + "\n")
        let manager = FileManager.default
        // 2027-01-01T06:00:00Z and 2027-01-02T12:00:00Z.
        try manager.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_798_783_200)], ofItemAtPath: older)
        try manager.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_798_891_200)], ofItemAtPath: newer)
        let result = try BinaryRunner.run(["scan", "--format", "json", newer, older])
        #expect(result.status == 0)
        let range = try #require(result.json?["time_range"] as? [String: Any])
        #expect(range["first"] as? String == "2026-12-31T10:00:01Z")
        #expect(range["last"] as? String == "2027-01-02T10:00:02Z")
    }

    @Test func gzipAndPlainInputsAddUp() throws {
        let dir = try TemporaryDirectory()
        let plain = try dir.write("mail.log", SampleLines.postfixLog)
        try dir.write("copy", SampleLines.postfixLog)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [dir.path("copy")]
        try gzip.run()
        gzip.waitUntilExit()
        let result = try BinaryRunner.run(["scan", "--format", "json", plain, dir.path("copy.gz")])
        #expect(result.status == 0)
        let report = try #require(result.json)
        let deliveries = report["deliveries"] as? [String: Any]
        #expect(deliveries?["sent"] as? Int == 2)
        #expect(deliveries?["bounced"] as? Int == 2)
        let lines = report["lines"] as? [String: Any]
        #expect(lines?["total"] as? Int == 6)
        #expect(lines?["event"] as? Int == 4)
    }

    /// `docker compose logs` output counts exactly as the container's own lines.
    @Test func composeLogsPrefixesAreStripped() throws {
        let dir = try TemporaryDirectory()
        let lines = SampleLines.postfixLog.split(separator: "\n")
        let prefixed = lines.map { "postfix-mailcow-1  | " + $0 }.joined(separator: "\n") + "\n"
        let plain = try dir.write("plain.log", SampleLines.postfixLog)
        let compose = try dir.write("compose.log", prefixed)
        let expected = try #require(
            try BinaryRunner.run(["scan", "--format", "json", plain]).json)
        let result = try BinaryRunner.run(["scan", "--format", "json", compose])
        #expect(result.status == 0)
        let report = try #require(result.json)
        let deliveries = try #require(report["deliveries"] as? [String: Any])
        #expect(deliveries["sent"] as? Int == 1)
        #expect(deliveries["bounced"] as? Int == 1)
        let counted = try #require(report["lines"] as? [String: Any])
        let plainCounted = try #require(expected["lines"] as? [String: Any])
        #expect(counted["event"] as? Int == plainCounted["event"] as? Int)
        #expect(counted["unrecognized"] as? Int == 0)
    }

    /// Compressed data is recognised by content, on standard input too.
    @Test func gzipOnStandardInput() throws {
        let dir = try TemporaryDirectory()
        let plain = try dir.write("mail.log", SampleLines.postfixLog)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [plain]
        try gzip.run()
        gzip.waitUntilExit()
        let packed = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        let result = try BinaryRunner.run(
            ["scan", "--format", "json", "-"], stdin: Array(packed), stdinThroughPipe: true)
        #expect(result.status == 0)
        let deliveries = try #require(result.json?["deliveries"] as? [String: Any])
        #expect(deliveries["sent"] as? Int == 1)
        #expect(deliveries["bounced"] as? Int == 1)
    }

    @Test func unreadableInputsAreNamedCountedAndTheRestIsReported() throws {
        let dir = try TemporaryDirectory()
        let good = try dir.write("mail.log", SampleLines.postfixLog)
        let missing = dir.path("mail.log.9.gz")
        let result = try BinaryRunner.run(["scan", "--format", "json", missing, good, dir.url.path])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "bouncewatch: \(missing): no such file\n"
                + "bouncewatch: \(dir.url.path): is a directory, not a log file\n")
        let report = try #require(result.json)
        #expect((report["deliveries"] as? [String: Any])?["sent"] as? Int == 1)
        let unreadable = report["unreadable_inputs"] as? [[String: Any]]
        #expect(unreadable?.compactMap { $0["source"] as? String } == [missing, dir.url.path])
        #expect(
            unreadable?.compactMap { $0["reason"] as? String } == [
                "no such file", "is a directory, not a log file",
            ])
    }

    /// Every input unreadable: the errors alone, no empty report under them, and a failure.
    @Test(arguments: [ScanOutputFormat.text, .json, .prometheus])
    func onlyUnreadableInputsPrintTheErrorsAlone(_ format: ScanOutputFormat) throws {
        let dir = try TemporaryDirectory()
        let missing = dir.path("mail.log.9.gz")
        let result = try BinaryRunner.run(
            ["scan", "--format", format.rawValue, missing, dir.url.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "bouncewatch: \(missing): no such file\n"
                + "bouncewatch: \(dir.url.path): is a directory, not a log file\n")
    }

    /// The SASL challenge a server logs in place of a reason is no sample: the mechanism is.
    @Test func authFailureSampleNamesTheMechanismNotTheChallenge() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(
            "mail.log",
            "Nov 26 02:14:02 mx1 postfix/submission/smtpd[15927]: warning: unknown[192.0.2.201]: "
                + "SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=admin\n")
        let result = try BinaryRunner.run(["scan", "--format", "json", path])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("UGFzc3dvcmQ6"))
        #expect(result.stdout.contains("\"SASL LOGIN authentication failed\""))
    }

    @Test func longLinesAreCutAndCounted() throws {
        let dir = try TemporaryDirectory()
        let long = String(repeating: "y", count: 10 * 1024 * 1024)
        let path = try dir.write(
            "long.log", SampleLines.bounced + "\n" + long + "\n" + SampleLines.sent)
        let result = try BinaryRunner.run(["scan", "--format", "json", path])
        #expect(result.status == 0)
        let report = try #require(result.json)
        #expect(report["truncated_lines"] as? Int == 1)
        #expect((report["deliveries"] as? [String: Any])?["sent"] as? Int == 1)
        #expect(result.stderr.contains("\(path): 1 line was longer than 65536 bytes"))
    }

    @Test func theTextReportAndTheMetricsAreWritten() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("mail.log", SampleLines.postfixLog)
        let text = try BinaryRunner.run(["scan", path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Deliveries"))
        let metrics = try BinaryRunner.run(["scan", "--format", "prometheus", path])
        #expect(metrics.status == 0)
        #expect(metrics.stdout.contains("bouncewatch_lines_total{"))
        #expect(
            metrics.stdout.contains("bouncewatch_build_info{version=\"\(BuildInfo.version)\"} 1"))
    }

    @Test(arguments: [
        ["scan"], ["scan", "--top", "0", "x"], ["scan", "--top", "501", "x"],
        ["scan", "--format", "xml", "x"], ["scan", "--log-format", "qmail", "x"],
    ])
    func usageErrorsExitWith64(_ arguments: [String]) throws {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 64)
        #expect(!result.stderr.isEmpty)
    }

    @Test func reportsProvidersAndTheHostsOfAFleet() throws {
        func line(_ host: String, _ recipient: String, _ relay: String, _ status: String) -> String
        {
            "Nov 26 10:14:03 \(host) postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, "
                + "relay=\(relay), delay=1, delays=0.1/0/0.7/0.6, dsn=4.7.0, status=\(status) "
                + "(host x said: 421 4.7.0 Try again later (in reply to RCPT TO command))"
        }
        let exo = "tenant.mail.protection.outlook.com[52.101.41.3]:25"
        var lines = (0..<6).map { line("mta-a", "u@tenant\($0).example", exo, "deferred") }
        lines.append(line("mta-b", "v@gmail.com", "none", "deferred"))
        let dir = try TemporaryDirectory()
        let path = try dir.write("mail.log", lines.joined(separator: "\n") + "\n")
        let text = try BinaryRunner.run(["scan", path])
        #expect(text.status == 0)
        let providers = try #require(text.stdout.range(of: "\nProviders"))
        let hosts = try #require(text.stdout.range(of: "\nHosts (2 seen"))
        let destinations = try #require(text.stdout.range(of: "\nDestinations"))
        #expect(
            providers.lowerBound < hosts.lowerBound && hosts.lowerBound < destinations.lowerBound)
        #expect(text.stdout.contains("  microsoft     0         6        0        0  100.0%"))
        #expect(text.stdout.contains("  google        0         1"))

        let json = try BinaryRunner.run(["scan", "--format", "json", path])
        let document = try #require(
            JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(document["providers"] as? [[String: Any]])
        #expect(rows.first?["provider"] as? String == "microsoft")
        #expect(rows.first?["deferred"] as? Int == 6)
        let fleet = try #require(document["hosts"] as? [String: Any])
        let top = try #require(fleet["top"] as? [[String: Any]])
        #expect(top.map { $0["host"] as? String } == ["mta-a", "mta-b"])
    }
}
