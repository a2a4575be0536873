import BounceTestSupport
import Foundation
import Testing

/// `bouncewatch digest` over real log files: the period filter, and numbers equal to `scan`.
@Suite struct DigestCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The example log's lines as one day, and its first `count` lines moved to the next.
    static func days(count: Int) throws -> (first: String, second: String) {
        let url = root.appendingPathComponent("examples/mail.log")
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let first = lines.joined(separator: "\n") + "\n"
        let second =
            lines.prefix(count).map { "Nov 27" + $0.dropFirst(6) }.joined(separator: "\n") + "\n"
        return (first, second)
    }

    /// Writes `text` to `name` in `directory`, last modified on 2026-11-28 12:00 UTC, so its
    /// year-less stamps resolve to 2026 whatever today's date.
    static func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_795_867_200)], ofItemAtPath: url.path)
        return url
    }

    /// The example log in `directory`, dated 2026 (see `write`).
    static func example(in directory: URL) throws -> URL {
        let text = try String(
            contentsOf: root.appendingPathComponent("examples/mail.log"), encoding: .utf8)
        return try write(text, "mail.log", in: directory)
    }

    /// The TOTALS rows of a text digest: label -> (now, before).
    static func totals(_ text: String) -> [String: (Int, Int)] {
        var rows: [String: (Int, Int)] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "TOTALS") else { return rows }
        for line in lines[(start + 2)...] {
            if line.isEmpty { break }
            let parts = line.split(separator: " ").map(String.init)
            // The label is every word before the first number.
            guard let first = parts.firstIndex(where: { Int($0) != nil }),
                first + 1 < parts.count, let now = Int(parts[first]),
                let before = Int(parts[first + 1])
            else { continue }
            rows[parts[..<first].joined(separator: " ")] = (now, before)
        }
        return rows
    }

    /// The CAUSES rows of a text digest: identifier -> (now, before).
    static func causes(_ text: String) -> [String: (Int, Int)] {
        var rows: [String: (Int, Int)] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "CAUSES") else { return rows }
        for line in lines[(start + 2)...] {
            if line.isEmpty { break }
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count >= 3, let now = Int(parts[1]), let before = Int(parts[2]) else {
                continue
            }
            rows[parts[0]] = (now, before)
        }
        return rows
    }

    @Test func periodSplitsTheLogAndNumbersEqualScan() throws {
        let scratch = try TemporaryDirectory()
        let (first, second) = try Self.days(count: 500)
        let firstURL = try Self.write(first, "day1.log", in: scratch.url)
        let secondURL = try Self.write(second, "day2.log", in: scratch.url)
        let bothURL = try Self.write(first + second, "mail.log", in: scratch.url)

        let digest = try BinaryRunner.run([
            "digest", "--period", "2026-11-27..2026-11-28", "--hostname", "mx1", bothURL.path,
        ])
        #expect(digest.status == 0, "\(digest.stderr)")
        let now = try #require(BinaryRunner.run(["scan", "--format", "json", secondURL.path]).json)
        let before = try #require(
            BinaryRunner.run(["scan", "--format", "json", firstURL.path]).json)

        let totals = Self.totals(digest.stdout)
        let deliveriesNow = try #require(now["deliveries"] as? [String: Int])
        let deliveriesBefore = try #require(before["deliveries"] as? [String: Int])
        #expect(
            deliveriesNow["total"] ?? 0 > 0 && deliveriesNow["total"] != deliveriesBefore["total"])
        for (label, key) in [
            ("delivery attempts", "total"), ("sent", "sent"), ("deferred", "deferred"),
            ("bounced", "bounced"), ("expired", "expired"),
        ] {
            let row = try #require(totals[label], "no \(label) row in\n\(digest.stdout)")
            #expect(row.0 == deliveriesNow[key], "\(label) now")
            #expect(row.1 == deliveriesBefore[key], "\(label) before")
        }
        let rejectsNow = try #require(now["rejects"] as? [String: Any])
        let rejectsBefore = try #require(before["rejects"] as? [String: Any])
        #expect(totals["inbound rejects"]?.0 == rejectsNow["total"] as? Int)
        #expect(totals["inbound rejects"]?.1 == rejectsBefore["total"] as? Int)
        let authNow = try #require(now["auth_failures"] as? [String: Any])
        let authBefore = try #require(before["auth_failures"] as? [String: Any])
        #expect(totals["SASL failures"]?.0 == authNow["total"] as? Int)
        #expect(totals["SASL failures"]?.1 == authBefore["total"] as? Int)

        // scan's own period filter over the whole file agrees, and a date alone is that day.
        let filtered = try #require(
            BinaryRunner.run([
                "scan", "--format", "json", "--since", "2026-11-27", "--until", "2026-11-28",
                bothURL.path,
            ]).json)
        #expect(filtered["deliveries"] as? [String: Int] == deliveriesNow)
        let oneDay = try BinaryRunner.run([
            "digest", "--period", "2026-11-27", "--hostname", "mx1", bothURL.path,
        ])
        #expect(oneDay.stdout == digest.stdout)

        let causes = Self.causes(digest.stdout)
        let causesNow = try #require(now["causes"] as? [String: [String: Any]])
        let causesBefore = try #require(before["causes"] as? [String: [String: Any]])
        #expect(!causes.isEmpty)
        #expect(Set(causes.keys) == Set(causesNow.keys).union(causesBefore.keys))
        for (cause, row) in causes {
            #expect(row.0 == (causesNow[cause]?["total"] as? Int ?? 0), "\(cause) now")
            #expect(row.1 == (causesBefore[cause]?["total"] as? Int ?? 0), "\(cause) before")
        }
    }

    @Test func aPeriodWithoutEventsIsAnEmptyDigest() throws {
        let scratch = try TemporaryDirectory()
        let url = try Self.example(in: scratch.url)
        let result = try BinaryRunner.run([
            "digest", "--period", "2020-01-01..2020-01-02", "--hostname", "mx1", url.path,
        ])
        #expect(result.status == 0)
        #expect(Self.totals(result.stdout)["delivery attempts"]! == (0, 0))
    }

    @Test(arguments: [
        "", "tomorrow", "2026-11-27..2026-11-26", "2026-02-30..2026-03-01", "2026-11-27..",
    ])
    func aBadPeriodIsAUsageError(_ period: String) throws {
        let scratch = try TemporaryDirectory()
        let url = try Self.example(in: scratch.url)
        let result = try BinaryRunner.run(["digest", "--period", period, url.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--period"))
    }

    @Test func unreadableInputsAreNamedAndFailTheRun() throws {
        let scratch = try TemporaryDirectory()
        let url = try Self.example(in: scratch.url)
        let missing = scratch.url.appendingPathComponent("missing.log").path
        let partly = try BinaryRunner.run([
            "digest", "--period", "2026-11-26..2026-11-27", url.path, missing,
        ])
        #expect(partly.status == 1)
        #expect(partly.stderr.contains("missing.log"))
        #expect(Self.totals(partly.stdout)["delivery attempts"]?.0 ?? 0 > 0)
        let none = try BinaryRunner.run(["digest", "--period", "2026-11-26..2026-11-27", missing])
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
    }

    @Test func mailFormatIsAMessageWithBothParts() throws {
        let scratch = try TemporaryDirectory()
        let url = try Self.example(in: scratch.url)
        let result = try BinaryRunner.run([
            "digest", "--period", "2026-11-26..2026-11-27", "--format", "mail", "--to",
            "postmaster@example.net", "--hostname", "mx1", url.path,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Content-Type: multipart/alternative;\r\n"))
        #expect(result.stdout.contains("To: postmaster@example.net\r\n"))
        #expect(result.stdout.contains("Content-Type: text/html; charset=utf-8\r\n"))
    }
}
