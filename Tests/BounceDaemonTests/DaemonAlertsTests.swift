import BounceCore
import Foundation
import Logging
import Testing

@testable import BounceDaemon

/// The daemon with alerting wired in: events read from the log reach the alert engine, its
/// notices reach the notifiers, and the alert state lives in the checkpoint.
@Suite struct DaemonAlertsTests {
    static let rule = AlertRule(
        name: "blacklisted", match: EventMatch(cause: [.blacklisted]), threshold: 1,
        windowSeconds: 15 * 60, groupBy: [.blocklist], groupWaitSeconds: 0)

    /// A Postfix bounce naming Spamhaus ZEN, stamped `time` (RFC 3339, UTC).
    static func blacklisting(at time: Int64, to domain: String = "gmail.com") -> String {
        let stamp = Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601)
            .replacingOccurrences(of: "Z", with: "+00:00")
        return "\(stamp) mx1 postfix/smtp[4242]: 4F2A11C0D3: to=<bob@\(domain)>, "
            + "relay=mx.\(domain)[192.0.2.7]:25, delay=1.4, delays=0.1/0/0.7/0.6, dsn=5.7.1, "
            + "status=bounced (host mx.\(domain)[192.0.2.7] said: 554 5.7.1 Service unavailable;"
            + " Client host [203.0.113.5] blocked using zen.spamhaus.org;"
            + " https://www.spamhaus.org/query/ip/203.0.113.5 (in reply to RCPT TO command))\n"
    }

    private func configuration(_ harness: DaemonHarness) -> Configuration {
        var configuration = harness.configuration([harness.fileSource("mail.log")])
        configuration.alerts = [Self.rule]
        configuration.notifiers = [.file(FileNotifierConfig(path: harness.path("alerts.mbox")))]
        configuration.hostname = "mx1"
        return configuration
    }

    private func loop(_ harness: DaemonHarness, _ configuration: Configuration) throws -> DaemonLoop
    {
        try DaemonLoop(
            options: DaemonOptions(
                configuration: configuration, version: "test",
                makeAlerts: DaemonAlerts.factory(logger: Logger(label: "test"))),
            control: LoopControl())
    }

    private func write(_ harness: DaemonHarness, _ text: String) throws {
        try harness.append("mail.log", text: text)
    }

    /// The messages in the mbox, split at their `From ` lines.
    private func messages(_ harness: DaemonHarness) -> [String] {
        guard let text = try? String(contentsOfFile: harness.path("alerts.mbox"), encoding: .utf8)
        else { return [] }
        return text.components(separatedBy: "\nFrom ").filter { !$0.isEmpty }
    }

    @Test func blacklistingInTheLogIsMailedAndCounted() throws {
        let harness = try DaemonHarness()
        let now = Int64(Date().timeIntervalSince1970)
        try write(harness, Self.blacklisting(at: now - 20) + Self.blacklisting(at: now - 10))
        let loop = try loop(harness, configuration(harness))
        loop.finish()
        let mails = messages(harness)
        try #require(mails.count == 1)
        let mail = mails[0]
        #expect(mail.contains("Subject: [bouncewatch] mx1: blacklisted"))
        #expect(mail.contains("blacklisted by Spamhaus ZEN (203.0.113.5)"))
        #expect(mail.contains("zen.spamhaus.org"))
        #expect(mail.contains("203.0.113.5"))
        #expect(mail.contains("Auto-Submitted: auto-generated"))
        let text = loop.renderTextfile()
        #expect(text.contains("bouncewatch_alerts_firing{rule=\"blacklisted\"} 1"))
        #expect(
            text.contains(
                "bouncewatch_notifications_total{notifier=\"file\",result=\"sent\"} 1"))
    }

    @Test func aRestartKeepsTheAlertFiringWithoutMailingAgain() throws {
        let harness = try DaemonHarness()
        let now = Int64(Date().timeIntervalSince1970)
        try write(harness, Self.blacklisting(at: now - 5))
        let config = configuration(harness)
        var first: DaemonLoop! = try loop(harness, config)
        first.finish()
        first = nil
        try #require(messages(harness).count == 1)
        let second = try loop(harness, config)
        second.finish()
        #expect(messages(harness).count == 1)
        #expect(
            second.renderTextfile().contains("bouncewatch_alerts_firing{rule=\"blacklisted\"} 1"))
    }

    @Test func aFiringAlertAloneDoesNotRewriteTheCheckpoint() throws {
        let harness = try DaemonHarness()
        let now = Int64(Date().timeIntervalSince1970)
        try write(harness, Self.blacklisting(at: now - 5))
        let loop = try loop(harness, configuration(harness))
        loop.poll()
        loop.flush()
        var info = stat()
        try #require(stat(harness.path("state/checkpoint"), &info) == 0)
        let first = info.st_ino
        loop.poll()
        loop.flush()
        loop.finish()
        try #require(stat(harness.path("state/checkpoint"), &info) == 0)
        #expect(info.st_ino == first)
        #expect(messages(harness).count == 1)
    }

    @Test func aReloadKeepsFiringAlertsAndMovesToTheNewNotifiers() throws {
        let harness = try DaemonHarness()
        let now = Int64(Date().timeIntervalSince1970)
        try write(harness, Self.blacklisting(at: now - 5))
        let config = configuration(harness)
        let loop = try loop(harness, config)
        loop.poll()
        loop.flush()
        var next = config
        next.notifiers = [.file(FileNotifierConfig(path: harness.path("second.mbox")))]
        next.alerts = [Self.rule, Self.namedRule("blacklisted-too")]
        loop.apply(next)
        try write(harness, Self.blacklisting(at: now - 1, to: "yahoo.com"))
        loop.finish()
        // The first rule was firing before the reload: nothing new to send for it. The new
        // rule fires for the first time and goes to the new notifier only.
        #expect(messages(harness).count == 1)
        let second = try String(contentsOfFile: harness.path("second.mbox"), encoding: .utf8)
        #expect(second.contains("X-Bouncewatch-Rule: blacklisted-too"))
        #expect(!second.contains("X-Bouncewatch-Rule: blacklisted\n"))
        let text = loop.renderTextfile()
        #expect(text.contains("bouncewatch_alerts_firing{rule=\"blacklisted\"} 1"))
        #expect(text.contains("bouncewatch_alerts_firing{rule=\"blacklisted-too\"} 1"))
    }

    static func namedRule(_ name: String) -> AlertRule {
        var rule = Self.rule
        rule.name = name
        return rule
    }

    @Test func lastWeeksBlacklistingIsReadButNotMailed() throws {
        let harness = try DaemonHarness()
        let weekAgo = Int64(Date().timeIntervalSince1970) - 7 * 86_400
        try write(harness, Self.blacklisting(at: weekAgo) + Self.blacklisting(at: weekAgo + 60))
        let loop = try loop(harness, configuration(harness))
        loop.finish()
        #expect(loop.metrics.snapshot().deliveries.bounced == 2)
        #expect(messages(harness).isEmpty)
        #expect(loop.renderTextfile().contains("bouncewatch_alerts_firing{rule=\"blacklisted\"} 0"))
    }

    @Test func withoutTheAlertHookNothingIsSent() throws {
        let harness = try DaemonHarness()
        let now = Int64(Date().timeIntervalSince1970)
        try write(harness, Self.blacklisting(at: now - 5))
        let loop = try DaemonLoop(
            options: DaemonOptions(configuration: configuration(harness), version: "test"),
            control: LoopControl())
        loop.finish()
        #expect(messages(harness).isEmpty)
    }
}
