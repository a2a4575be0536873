import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

/// Ready-made mails (the digest): nothing goes before `commit`, a commit sends once to the
/// mail's own recipients, and a start settles what a crash left prepared.
@Suite struct ReadyMailTests {
    static let message = Array(
        ("From: bw@mx1.test\r\nTo: digest@bouncewatch.test\r\nSubject: digest\r\n\r\n"
            + "numbers\r\n").utf8)

    static func mail(_ notifier: String, key: String = "digest-1796626800") -> ReadyMail {
        ReadyMail(
            notifier: notifier, key: key, message: message,
            recipients: ["digest@bouncewatch.test"],
            notice: AlertNotice(
                rule: "digest", state: .firing, group: [], fingerprint: key, count: 0,
                windowSeconds: 86_400, startedAt: 1_796_540_400, decidedAt: 1_796_626_800))
    }

    @Test func aCommittedMailGoesOnceToItsOwnRecipients() throws {
        let scratch = try TemporaryDirectory()
        let sink = try SMTPSink(in: scratch)
        let dispatcher = try NotificationDispatcher(
            notifiers: [
                .smtp(
                    SMTPNotifierConfig(
                        host: "127.0.0.1", port: sink.port, tls: .none, from: "bw@mx1.test",
                        to: ["ops@bouncewatch.test"]))
            ], stateDirectory: scratch.path("state"), hostname: "mx1",
            log: LogCollector().log)
        dispatcher.prepare([Self.mail("smtp")], now: 1_796_626_801)
        #expect(scratch.names(in: "state/outbox/smtp") == ["digest-1796626800.prepared"])
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try sink.messages().isEmpty, "nothing is sent before the commit")
        dispatcher.commit(key: "digest-1796626800")
        let received = try sink.waitForMessages(1, seconds: 10)
        #expect(received.first?.recipients == ["digest@bouncewatch.test"])
        #expect(received.first?.body.contains("numbers") == true)
        dispatcher.commit(key: "digest-1796626800")
        dispatcher.stop()
        #expect(try sink.messages().count == 1)
        #expect(scratch.names(in: "state/outbox/smtp").isEmpty)
    }

    @Test func aStartSendsWhatWasCommittedAndDropsTheRest() throws {
        let scratch = try TemporaryDirectory()
        let mbox = scratch.path("digest.mbox")
        let notifiers: [NotifierConfig] = [.file(FileNotifierConfig(path: mbox))]
        let first = try NotificationDispatcher(
            notifiers: notifiers, stateDirectory: scratch.path("state"), hostname: "mx1",
            log: LogCollector().log)
        first.prepare(
            [Self.mail("file", key: "digest-100"), Self.mail("file", key: "digest-200")],
            now: 300)
        first.stop()
        let logs = LogCollector()
        let settled = NotificationDispatcher.settlePrepared(
            stateDirectory: scratch.path("state"), notifiers: notifiers,
            committed: { $0 == "digest-100" }, log: logs.log)
        #expect(settled == ["digest-100"])
        #expect(
            !scratch.names(in: "state/outbox/file").contains { $0.hasSuffix(".prepared") })
        let second = try NotificationDispatcher(
            notifiers: notifiers, stateDirectory: scratch.path("state"), hostname: "mx1",
            log: LogCollector().log)
        #expect(eventually { second.counts.first { $0.result == .sent }?.count == 1 })
        second.stop()
        let text = try scratch.read("digest.mbox")
        #expect(text.components(separatedBy: "\nnumbers\n").count == 2)
    }

    @Test func aDigestNotDeliveredIsLoggedAsTheDigestOfItsPeriod() throws {
        let scratch = try TemporaryDirectory()
        let logs = LogCollector()
        let dispatcher = try NotificationDispatcher(
            notifiers: [.file(FileNotifierConfig(path: scratch.path("missing/dir/digest.mbox")))],
            stateDirectory: scratch.path("state"), hostname: "mx1",
            timing: DeliveryTiming(
                firstRetrySeconds: 0.2, maximumRetrySeconds: 0.4, repostSeconds: 3600),
            log: logs.log)
        dispatcher.prepare([Self.mail("file")], now: 1_796_626_801)
        dispatcher.commit(key: "digest-1796626800")
        #expect(eventually { dispatcher.counts.contains { $0.result == .failed && $0.count > 0 } })
        dispatcher.stop()
        let period = "2026-12-06 07:00:00 +0000 .. 2026-12-07 07:00:00 +0000"
        #expect(
            logs.lines.contains {
                $0.contains("notifier file: digest for \(period) not delivered (attempt 1")
            }, "\(logs.lines)")
        #expect(!logs.lines.contains { $0.contains("alert digest") })
    }
}
