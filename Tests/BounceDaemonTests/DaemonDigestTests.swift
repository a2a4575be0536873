import BounceCore
import Foundation
import Logging
import Testing

@testable import BounceDaemon

/// The machine's zone offset at a moment, as the daemon's `LocalZone` reads it.
private func zoneOffset(at unixSeconds: Int) -> Int {
    TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
}

/// The daemon's scheduled digest: counted from the log by event time, mailed once when its
/// period closes (also when it closed while the daemon was stopped), and byte for byte the
/// mail `bouncewatch digest` builds from the same lines.
@Suite struct DaemonDigestTests {
    /// A scheduled moment on a whole minute, about a day from the real now (the zone is the
    /// machine's, as the daemon's).
    static let due: Int64 = {
        let now = Int64(Date().timeIntervalSince1970)
        return (now / 60 + 24 * 60) * 60
    }()

    static var schedule: DigestSchedule {
        let local = Int(due) + zoneOffset(at: Int(due))
        let minutes = ((local % 86_400) + 86_400) % 86_400 / 60
        return DigestSchedule(cadence: .daily, hour: minutes / 60, minute: minutes % 60)
    }

    /// A Postfix line stamped `time` (RFC 3339, UTC) with this status and reply.
    static func line(at time: Int64, _ serial: Int, status: String, reply: String) -> String {
        let stamp = Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601)
            .replacingOccurrences(of: "Z", with: "+00:00")
        let queue = String(0xA0000 + serial, radix: 16, uppercase: true)
        return "\(stamp) mx1 postfix/smtp[77]: \(queue): to=<u\(serial)@d\(serial % 3).example>,"
            + " relay=mx.d\(serial % 3).example[192.0.2.9]:25, delay=1, delays=0/0/0/1,"
            + " dsn=5.1.1, status=\(status) (\(reply))\n"
    }

    /// Lines in the period before, in the period, and in the one after.
    static var log: String {
        var text = ""
        let day: Int64 = 86_400
        for serial in 0..<12 {
            let time = due - 3 * day / 2 + Int64(serial) * 3 * 3600
            let bounced = serial % 4 == 0
            text += line(
                at: time, serial, status: bounced ? "bounced" : "sent",
                reply: bounced
                    ? "host x said: 550 5.1.1 <script>alert(1)</script> user unknown"
                        + " (in reply to RCPT TO command)" : "250 ok")
        }
        text += line(at: due + 5, 99, status: "sent", reply: "250 ok")
        return text
    }

    private func configuration(_ harness: DaemonHarness) -> Configuration {
        var configuration = harness.configuration([harness.fileSource("mail.log")])
        configuration.notifiers = [.file(FileNotifierConfig(path: harness.path("digest.mbox")))]
        configuration.hostname = "mx1"
        configuration.digest = DigestConfig(schedule: Self.schedule)
        return configuration
    }

    private func loop(_ harness: DaemonHarness, _ clock: SteppedClock) throws -> DaemonLoop {
        try DaemonLoop(
            options: DaemonOptions(
                configuration: configuration(harness), version: "test",
                makeAlerts: DaemonAlerts.factory(logger: Logger(label: "test")),
                wallClock: clock.reading),
            control: LoopControl())
    }

    /// A daemon that starts at the clock's time, reads, checkpoints and stops, releasing its
    /// state directory.
    private func runOnce(_ harness: DaemonHarness, _ clock: SteppedClock) throws {
        let daemon = try loop(harness, clock)
        daemon.poll()
        daemon.flush()
        daemon.finish()
    }

    private func messages(_ harness: DaemonHarness) -> [String] {
        guard let text = try? String(contentsOfFile: harness.path("digest.mbox"), encoding: .utf8)
        else { return [] }
        return text.components(separatedBy: "\nFrom ").filter { !$0.isEmpty }
    }

    /// An mbox entry without its `From ` line, from its `Date:` header on.
    private func message(_ entry: String) -> String {
        guard let start = entry.range(of: "\nDate: ") else { return "" }
        return String(entry[start.lowerBound...].dropFirst())
            .trimmingCharacters(in: .newlines)
    }

    /// The mail `bouncewatch digest` composes over the same lines and period, LF line ends.
    private func expectedMail(sentAt date: Int64) -> String {
        let start = Int64(
            Self.schedule.lastDue(
                atOrBefore: Int(Self.due) - 1, utcOffset: zoneOffset(at:)))
        var current = ScanAggregator(topDestinations: Digest.rowLimit)
        var previous = ScanAggregator(topDestinations: Digest.rowLimit)
        let parser = LineParser(format: .auto)
        for line in Self.log.split(separator: "\n") {
            Array(line.utf8).withUnsafeBufferPointer { buffer in
                var event = RawEvent.unparsed()
                guard parser.parse(buffer, into: &event) == .event,
                    let stamp = event.timestamp
                else { return }
                var resolver = TimeResolver(reference: Int(date), utcOffset: zoneOffset(at:))
                let time = Int64(resolver.resolve(stamp).unixSeconds)
                let classification =
                    event.isSuccessfulDelivery
                    ? nil : Classifier.standard.classify(event, in: buffer)
                if time >= start && time < Self.due {
                    current.add(event, classification, in: buffer)
                } else if time >= start - (Self.due - start) && time < start {
                    previous.add(event, classification, in: buffer)
                }
            }
        }
        let digest = Digest(
            hostname: "mx1", start: start, end: Self.due,
            utcOffsetSeconds: zoneOffset(at: Int(start)), current: current.report(),
            previous: previous.report())
        let envelope = AlertMailEnvelope(
            hostname: "mx1", from: "bouncewatch@mx1", to: ["postmaster@mx1"], messageID: "",
            date: date, utcOffsetSeconds: zoneOffset(at: Int(date)))
        let bytes = DigestMail.compose(digest, envelope: envelope)
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .newlines)
    }

    @Test func theClosedPeriodIsMailedOnceAsTheDigestCommandComposesIt() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", text: Self.log)
        let clock = SteppedClock(Self.due - 30)
        var daemon: DaemonLoop! = try loop(harness, clock)
        daemon.poll()
        daemon.flush()
        #expect(daemon.checkpoint(at: clock.now).digest.first?.hasPrefix("digest/1 ") == true)
        clock.now = Self.due + 1
        daemon.poll()
        daemon.flush()
        clock.now = Self.due + 2
        daemon.flush()
        daemon.finish()
        #expect(daemon.checkpoint(at: clock.now).digest.count > 3)
        daemon = nil
        let mails = messages(harness)
        try #require(mails.count == 1)
        #expect(message(mails[0]) == expectedMail(sentAt: Self.due + 1))
        #expect(mails[0].contains(" - 8 attempts, 25.0% failed"))
        #expect(mails[0].contains("&lt;script&gt;"))
        // A restart after the period was sent sends nothing more.
        try runOnce(harness, clock)
        #expect(messages(harness).count == 1)
    }

    @Test func aPeriodThatClosedWhileStoppedIsSentOnceAtTheNextStart() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", text: Self.log)
        let clock = SteppedClock(Self.due - 30)
        try runOnce(harness, clock)
        #expect(messages(harness).isEmpty)
        clock.now = Self.due + 3600
        try runOnce(harness, clock)
        let mails = messages(harness)
        try #require(mails.count == 1)
        #expect(message(mails[0]) == expectedMail(sentAt: Self.due + 3600))
        try runOnce(harness, clock)
        #expect(messages(harness).count == 1)
    }

    @Test func aPreparedDigestTheCheckpointDoesNotReportIsDroppedAndMadeAgain() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", text: Self.log)
        let clock = SteppedClock(Self.due - 30)
        try runOnce(harness, clock)
        // What a crash after preparing, before the checkpoint past the period, leaves behind.
        let prepared = harness.path("state/outbox/file/digest-\(Self.due).prepared")
        try Data("stale".utf8).write(to: URL(fileURLWithPath: prepared))
        clock.now = Self.due + 10
        var second: DaemonLoop! = try loop(harness, clock)
        #expect(!FileManager.default.fileExists(atPath: prepared))
        second.poll()
        second.flush()
        second.finish()
        second = nil
        let mails = messages(harness)
        try #require(mails.count == 1)
        #expect(!mails[0].contains("stale"))
        #expect(mails[0].contains("multipart/alternative"))
    }

    @Test func withAQueueConfiguredTheDigestShowsTheLastReading() throws {
        var ledger = DigestLedger(
            schedule: Self.schedule, now: Int(Self.due) - 30, utcOffset: zoneOffset(at:))
        let closing = ledger.close(
            now: Int(Self.due) + 1, utcOffset: zoneOffset(at:), hostname: "mx1")
        let closed = try #require(closing)
        var summary = QueueSummary(mta: .postfix, now: Self.due - 60, reasons: .init())
        summary.add(
            QueuedMessage(
                queue: .deferred, id: "4AB1", arrival: Self.due - 7_320, size: 900,
                sender: "a@mx1.test",
                recipients: [
                    QueuedRecipient(
                        address: "u@example.net",
                        reason: "connect to mx.example.net[192.0.2.25]:25: Connection timed out")
                ]))
        let gauges = QueueGauges(summary, topDestinations: 10)
        var configuration = Configuration()
        configuration.digest = DigestConfig(schedule: Self.schedule)
        configuration.notifiers = [.file(FileNotifierConfig(path: "/dev/null"))]
        let without = String(
            decoding: DaemonDigest.mails(
                closed, configuration: configuration, hostname: "mx1", now: Self.due + 1,
                queue: gauges
            ).first?.message ?? [], as: UTF8.self)
        #expect(without.contains("\r\nTOTALS\r\n"))
        #expect(!without.contains("QUEUE"), "no queue section without queue:")
        configuration.queue = QueueConfig()
        let with = String(
            decoding: DaemonDigest.mails(
                closed, configuration: configuration, hostname: "mx1", now: Self.due + 1,
                queue: gauges
            ).first?.message ?? [], as: UTF8.self)
        #expect(with.contains("\r\nQUEUE\r\n  the postfix queue, read "))
        #expect(with.contains("2 h 1 min"))
        let notYet = String(
            decoding: DaemonDigest.mails(
                closed, configuration: configuration, hostname: "mx1", now: Self.due + 1
            ).first?.message ?? [], as: UTF8.self)
        #expect(notYet.contains("\r\nQUEUE\r\n  not read yet\r\n"))
    }
}
