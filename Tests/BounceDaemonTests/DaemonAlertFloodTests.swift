import BounceCore
import Foundation
import Logging
import Testing

@testable import BounceDaemon

/// Reply text is written by strangers: 5,000 bounces whose replies each name a different
/// block list must not become thousands of alert mails.
@Suite struct DaemonAlertFloodTests {
    static let noon = DaemonClockTests.noon

    /// A Postfix bounce to gmail.com whose reply names `bl<index>.example.net`.
    static func bounce(_ index: Int, at time: Int64) -> String {
        let stamp = Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601)
            .replacingOccurrences(of: "Z", with: "+00:00")
        let queue = String(0x10000 + index, radix: 16, uppercase: true)
        return "\(stamp) mx1 postfix/smtp[4242]: \(queue): to=<u\(index)@gmail.com>, "
            + "relay=gmail-smtp-in.l.google.com[192.0.2.7]:25, delay=1.4, "
            + "delays=0.1/0/0.7/0.6, dsn=5.7.1, status=bounced (host "
            + "gmail-smtp-in.l.google.com[192.0.2.7] said: 554 5.7.1 Service unavailable; "
            + "Client host [203.0.113.5] blocked using bl\(index).example.net "
            + "(in reply to RCPT TO command))\n"
    }

    @Test func fiveThousandBlockListNamesMailTheCeilingAndOneSummary() throws {
        let harness = try DaemonHarness()
        let clock = SteppedClock(Self.noon)
        var configuration = harness.configuration([harness.fileSource("mail.log")])
        // The built-in rules, `blacklisted` among them (grouped by block list, 30 s wait).
        configuration.alerts = AlertRule.defaults
        configuration.notifiers = [.file(FileNotifierConfig(path: harness.path("alerts.mbox")))]
        configuration.hostname = "mx1"
        var text = ""
        for index in 0..<5000 {
            text += Self.bounce(index, at: Self.noon - 40 + Int64(index / 125))
        }
        try harness.append("mail.log", text: text)
        let loop = try DaemonLoop(
            options: DaemonOptions(
                configuration: configuration, version: "test",
                makeAlerts: DaemonAlerts.factory(logger: Logger(label: "test")),
                wallClock: clock.reading),
            control: LoopControl())
        // Past the group wait, evaluating every few seconds as the loop does.
        for step in stride(from: 0, through: 60, by: 5) {
            clock.now = Self.noon + Int64(step)
            loop.poll()
            loop.flush()
        }
        let textfile = loop.renderTextfile()
        loop.finish()
        #expect(loop.metrics.snapshot().deliveries.bounced == 5000)
        let firing = try #require(
            Self.value(of: "bouncewatch_alerts_firing{rule=\"blacklisted\"}", in: textfile))
        #expect(firing > 1000)
        let mails = try String(contentsOfFile: harness.path("alerts.mbox"), encoding: .utf8)
            .components(separatedBy: "\nFrom ").filter { !$0.isEmpty }
        #expect(mails.count == AlertNoticeCeiling.groupsPerRule + 1)
        let summaries = mails.filter { $0.contains("without a mail of their own") }
        #expect(summaries.count == 1)
        #expect(
            summaries.first?.contains("Subject: [bouncewatch] mx1: \(firing) groups firing") == true
        )
        let suppressed = try #require(
            Self.value(
                of: "bouncewatch_notifications_total{notifier=\"file\",result=\"suppressed\"}",
                in: textfile))
        #expect(suppressed == firing - AlertNoticeCeiling.groupsPerRule)
        #expect(
            Self.value(
                of: "bouncewatch_notifications_total{notifier=\"file\",result=\"capped\"}",
                in: textfile) == 0)
    }

    /// The value of the series `name` (with its labels) in a textfile.
    static func value(of name: String, in textfile: String) -> Int? {
        for line in textfile.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Int(line.dropFirst(name.count + 1))
        }
        return nil
    }
}
