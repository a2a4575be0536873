import BounceTestSupport
import Foundation
import Testing

@testable import BounceApp

@Suite struct ClassifyCommandTests {
    @Test func printsOneObjectPerEventLineWithItsLineNumber() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("mail.log", SampleLines.postfixLog)
        let result = try BinaryRunner.run(["classify", path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let events = result.jsonLines
        try #require(events.count == 2)
        #expect(events[0]["line"] as? Int == 1)
        #expect(events[0]["file"] as? String == path)
        #expect(events[0]["status"] as? String == "bounced")
        #expect(events[0]["recipient"] as? String == "Bob@Example.COM")
        #expect(events[0]["domain"] as? String == "example.com")
        #expect(events[0]["reply_code"] as? Int == 550)
        #expect(events[0]["dsn"] as? String == "5.1.1")
        #expect(events[0]["queue_id"] as? String == "4F2A11234")
        #expect(events[0]["program"] as? String == "postfix/smtp")
        #expect((events[0]["cause"] as? String)?.isEmpty == false)
        #expect(events[1]["line"] as? Int == 3)
        #expect(events[1]["status"] as? String == "sent")
        #expect(events[1]["cause"] is NSNull)
        #expect(events[1]["blocklist"] is NSNull)
    }

    @Test func everyKeyIsPresentOnEveryLine() throws {
        let result = try BinaryRunner.run(
            ["classify"], stdin: Array((SampleLines.postfixLog + SampleLines.eximDeferred).utf8))
        let keys: Set<String> = [
            "line", "mta", "kind", "status", "cause", "recipient", "orig_recipient", "domain",
            "relay", "provider", "reply_code", "dsn", "queue_id", "reply", "blocklist", "listed_ip",
            "time",
            "program", "host", "client_ip", "sasl_username", "stage",
        ]
        #expect(result.status == 0)
        try #require(result.jsonLines.count == 3)
        for event in result.jsonLines {
            #expect(Set(event.keys) == keys)
        }
        let exim = result.jsonLines[2]
        #expect(exim["mta"] as? String == "exim")
        #expect(exim["status"] as? String == "deferred")
        #expect(exim["time"] as? String == "2026-11-26T10:05:00+01:00")
        #expect(exim["line"] as? Int == 4)
    }

    /// `docker compose logs` prefixes are dropped, and lines without a host field (as
    /// `docker logs -t` writes them) or under a custom `syslog_name` are read.
    @Test func containerShapedLinesAreRead() throws {
        let lines = [
            "postfix-1  | " + SampleLines.bounced,
            "2018-08-22T07:30:18.130405545Z relay-out/smtp[137]: 73EBC8B09: to=<a@example.org>, "
                + "relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred "
                + "(connect to mx.example.org[192.0.2.30]:25: Connection timed out)",
        ]
        let result = try BinaryRunner.run(
            ["classify"], stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(result.status == 0)
        try #require(result.jsonLines.count == 2)
        let compose = result.jsonLines[0]
        #expect(compose["status"] as? String == "bounced")
        #expect(compose["program"] as? String == "postfix/smtp")
        #expect(compose["line"] as? Int == 1)
        let hostless = result.jsonLines[1]
        #expect(hostless["status"] as? String == "deferred")
        #expect(hostless["program"] as? String == "relay-out/smtp")
        #expect(hostless["host"] is NSNull)
        #expect(hostless["domain"] as? String == "example.org")
        #expect(hostless["time"] as? String == "2018-08-22T07:30:18.130405545+00:00")
    }

    /// A year-less stamp takes its year from the file's modification time.
    @Test func theYearComesFromTheModificationTime() throws {
        let dir = try TemporaryDirectory()
        let line = SampleLines.bounced.replacingOccurrences(of: "Nov 26", with: "Dec 31")
        let path = try dir.write("mail.log.1", line + "\n")
        // 2027-01-01T00:30:00Z: the line was written the evening before.
        let modified = Date(timeIntervalSince1970: 1_798_763_400)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        let utc = try BinaryRunner.run(["classify", path])
        #expect(utc.jsonLines.first?["time"] as? String == "2026-12-31T10:00:01+00:00")
        let berlin = try BinaryRunner.run(["classify", path], environment: ["TZ": "Europe/Berlin"])
        #expect(berlin.jsonLines.first?["time"] as? String == "2026-12-31T10:00:01+01:00")
    }

    /// Stamps on both sides of a zone change take the offset in force at that moment, also
    /// where the change falls on a half hour of UTC (St. John's); `scan` and `run` ask the
    /// same `LocalZone`.
    @Test(arguments: [
        ("Europe/Berlin", "Mar 29", "2026-03-29T01:59:59+01:00", "2026-03-29T03:00:00+02:00"),
        ("America/St_Johns", "Mar  8", "2026-03-08T01:59:59-03:30", "2026-03-08T03:00:00-02:30"),
    ])
    func stampsAroundAZoneChange(zone: String, day: String, before: String, after: String) throws {
        let dir = try TemporaryDirectory()
        let lines = ["01:59:59", "03:00:00"].map {
            SampleLines.bounced.replacingOccurrences(of: "Nov 26 10:00:01", with: "\(day) \($0)")
        }
        let path = try dir.write("mail.log", lines.joined(separator: "\n") + "\n")
        let modified = Date(timeIntervalSince1970: 1_775_000_000)  // 2026-03-31
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        let result = try BinaryRunner.run(["classify", path], environment: ["TZ": zone])
        #expect(result.jsonLines.map { $0["time"] as? String } == [before, after])
    }

    /// A pipe has no modification time: the year comes from the current date.
    @Test func aPipeGetsTheYearFromTheCurrentDate() throws {
        let result = try BinaryRunner.run(
            ["classify"], stdin: Array(SampleLines.postfixLog.utf8), stdinThroughPipe: true)
        #expect(result.status == 0)
        let time = try #require(result.jsonLines.first?["time"] as? String)
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        // Nov 26 of this year, or of last year when today is before Nov 29.
        #expect(time.hasSuffix("-11-26T10:00:01+00:00"))
        #expect(time.hasPrefix("\(year)-") || time.hasPrefix("\(year - 1)-"))
    }

    @Test func explainAddsTheRuleAndItsEvidence() throws {
        let result = try BinaryRunner.run(
            ["classify", "--explain"], stdin: Array(SampleLines.postfixLog.utf8))
        #expect(result.status == 0)
        let events = result.jsonLines
        try #require(events.count == 2)
        #expect((events[0]["rule"] as? String)?.isEmpty == false)
        #expect(events[0]["evidence"] is [Any])
        #expect(events[0]["runner_up"] is [Any])
        #expect(events[1]["rule"] is NSNull)
    }

    @Test func explainNamesTheNearestRulesOfAnUnclassifiedLine() throws {
        let line =
            "2026-12-06 10:00:00 1yAbCd-000Qx1-Ze ** a@b.example R=dnslookup T=remote_smtp "
            + "H=mx.b.example [192.0.2.1]: SMTP error from remote mail server after "
            + "MAIL FROM:<n@example.org>: invalid domain for this server\n"
        let result = try BinaryRunner.run(["classify", "--explain"], stdin: Array(line.utf8))
        #expect(result.status == 0)
        let events = result.jsonLines
        try #require(events.count == 1)
        #expect(events[0]["cause"] as? String == "unclassified")
        let nearest = try #require(events[0]["nearest"] as? [[String: Any]])
        #expect(nearest.first?["rule"] as? String == "domain.phrase")
        #expect((nearest.first?["why"] as? String)?.contains("stage mail_from") == true)
    }

    @Test func aMissingFileIsNamedAndTheOthersAreStillRead() throws {
        let dir = try TemporaryDirectory()
        let good = try dir.write("good.log", SampleLines.postfixLog)
        let missing = dir.path("missing.log")
        let result = try BinaryRunner.run(["classify", missing, good])
        #expect(result.status == 1)
        #expect(result.stderr == "bouncewatch: \(missing): no such file\n")
        #expect(result.jsonLines.count == 2)
    }

    @Test func aDirectoryIsRefused() throws {
        let dir = try TemporaryDirectory()
        let result = try BinaryRunner.run(["classify", dir.url.path])
        #expect(result.status == 1)
        #expect(result.stderr == "bouncewatch: \(dir.url.path): is a directory, not a log file\n")
        #expect(result.stdout.isEmpty)
    }

    /// Root reads any file, so the refusal is shown as the `nobody` user.
    @Test func anUnreadableFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: dir.url.path)
        let path = try dir.write("secret.log", SampleLines.postfixLog)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        let prefix =
            geteuid() == 0
            ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let result = try BinaryRunner.run(["classify", path], prefix: prefix)
        #expect(result.status == 1)
        #expect(result.stderr == "bouncewatch: \(path): permission denied\n")
    }

    @Test func aDanglingLinkIsRefused() throws {
        let dir = try TemporaryDirectory()
        let link = dir.path("mail.log")
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: dir.path("rotated-away.log"))
        let result = try BinaryRunner.run(["classify", link])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "bouncewatch: \(link): cannot be read: symbolic link to a file that does not exist\n"
        )
    }

    @Test func aTruncatedGzipGivesItsEventsThenFails() throws {
        let dir = try TemporaryDirectory()
        var log = ""
        for _ in 0..<3000 { log += SampleLines.postfixLog }
        let plain = try dir.write("mail.log.2", log)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-9", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let packed = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        let cut = try dir.write("mail.log.2.gz", Array(packed.prefix(packed.count * 3 / 4)))
        let result = try BinaryRunner.run(["classify", cut])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("bouncewatch: \(cut): gzip data is truncated after"))
        #expect(result.jsonLines.count > 100)
        #expect(result.jsonLines.count < 6000)
    }

    @Test func hostileBytesNeverCrash() throws {
        var bytes = Array(SampleLines.bounced.utf8)
        bytes.insert(0x00, at: 60)
        bytes.insert(0xFF, at: 80)
        bytes += [0x0A] + [UInt8](repeating: 0xC3, count: 5000) + [0x0A]
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024) + [0x0A]
        let result = try BinaryRunner.run(["classify", "-"], stdin: bytes)
        #expect(result.status == 0)
        #expect(result.stderr.contains("1 line was longer than 65536 bytes"))
        // Whatever the parser made of the damaged line, the output is valid JSON.
        let lines = result.stdout.split(separator: "\n")
        #expect(result.jsonLines.count == lines.count)
    }

    @Test func aBadOptionIsAUsageError() throws {
        let result = try BinaryRunner.run(["classify", "--format", "sendmail"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("sendmail"))
    }

    @Test func printsTheProviderAndWhatDecidedIt() throws {
        let lines = [
            "Nov 26 10:14:03 mx1 postfix/smtp[4242]: 4F2A11C0D3: to=<a@contoso.example>, "
                + "relay=contoso-example.mail.protection.outlook.com[52.101.41.3]:25, delay=1, "
                + "delays=0.1/0/0.7/0.6, dsn=5.4.1, status=bounced (host x said: 550 5.4.1 "
                + "Recipient address rejected: Access denied. (in reply to RCPT TO command))",
            "Nov 26 10:14:04 mx1 postfix/smtp[4242]: 5F2A11C0D3: to=<b@qq.com>, relay=none, "
                + "delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to "
                + "mx1.qq.com[203.205.219.57]:25: Connection timed out)",
            "Nov 26 10:14:05 mx1 postfix/smtp[4242]: 6F2A11C0D3: to=<c@in.hostco.example>, "
                + "relay=in1.mx.hostco.example[192.0.2.9]:25, delay=1, delays=0.1/0/0.7/0.6, "
                + "dsn=2.0.0, status=sent (250 2.0.0 OK)",
        ]
        let stdin = Array(lines.joined(separator: "\n").utf8) + [0x0A]
        let plain = try BinaryRunner.run(["classify"], stdin: stdin)
        #expect(plain.jsonLines.map { $0["provider"] as? String } == ["microsoft", "tencent", nil])
        #expect(plain.jsonLines.allSatisfy { $0["provider_decided_by"] == nil })
        let explained = try BinaryRunner.run(["classify", "--explain"], stdin: stdin)
        #expect(
            explained.jsonLines.map { $0["provider_decided_by"] as? String } == [
                "relay", "recipient_domain", nil,
            ])

        let dir = try TemporaryDirectory()
        let config = try dir.write(
            "bouncewatch.yml", "providers:\n  hostco:\n    relays: [mx.hostco.example]\n")
        let configured = try BinaryRunner.run(["classify", "--config", config], stdin: stdin)
        #expect(configured.jsonLines.last?["provider"] as? String == "hostco")
        let broken = try dir.write(
            "broken.yml", "providers:\n  Host Co:\n    relays: [x.example]\n")
        let refused = try BinaryRunner.run(["classify", "--config", broken], stdin: stdin)
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("Host Co"))
    }
}
