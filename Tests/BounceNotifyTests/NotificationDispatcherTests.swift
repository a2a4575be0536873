import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

@Suite("Notification dispatcher")
struct NotificationDispatcherTests {
    static let fastTiming = DeliveryTiming(
        firstRetrySeconds: 0.2, maximumRetrySeconds: 0.4, repostSeconds: 3600)

    private func count(
        _ dispatcher: NotificationDispatcher, _ notifier: String, _ result: NotificationResult
    ) -> Int {
        dispatcher.counts.first { $0.notifier == notifier && $0.result == result }?.count ?? -1
    }

    @Test func mboxDeliveryLogsCountsAndEmptiesTheOutbox() throws {
        let scratch = try TemporaryDirectory()
        let logs = LogCollector()
        let dispatcher = try NotificationDispatcher(
            notifiers: [.file(FileNotifierConfig(path: scratch.path("alerts.mbox")))],
            stateDirectory: scratch.path("state"), hostname: "mx1", timing: Self.fastTiming,
            log: logs.log)
        #expect(dispatcher.counts.map(\.count) == [0, 0, 0, 0, 0])
        dispatcher.submit([SampleNotices.blacklisted()])
        #expect(eventually { count(dispatcher, "file", .sent) == 1 })
        dispatcher.stop()
        let mbox = try scratch.read("alerts.mbox")
        #expect(mbox.hasPrefix("From bouncewatch@mx1 "))
        #expect(mbox.contains("Subject: [bouncewatch] mx1: blacklisted"))
        #expect(mbox.contains("Auto-Submitted: auto-generated"))
        #expect(scratch.names(in: "state/outbox/file").isEmpty)
        #expect(
            logs.lines.contains {
                $0.hasPrefix("alert rule=blacklisted state=firing blocklist=zen.spamhaus.org ")
            })
        #expect(dispatcher.pending["file"] == 0)
    }

    /// However many notices the engine decides, a notifier sends at most
    /// `NotificationBudget.perHour` in any hour; the rest are counted and logged once.
    /// Suppressed notices are only counted.
    @Test func aNotifierSendsAtMostItsHourlyBudget() throws {
        let scratch = try TemporaryDirectory()
        let logs = LogCollector()
        let dispatcher = try NotificationDispatcher(
            notifiers: [.file(FileNotifierConfig(path: scratch.path("alerts.mbox")))],
            stateDirectory: scratch.path("state"), hostname: "mx1", timing: Self.fastTiming,
            log: logs.log)
        let start = SampleNotices.startedAt + 60
        let burst = (0..<150).map { index in
            SampleNotices.blacklisted(fingerprint: "f\(index)", decidedAt: start + Int64(index))
        }
        var held = SampleNotices.blacklisted(fingerprint: "held", decidedAt: start + 200)
        held.isSuppressed = true
        dispatcher.submit(burst + [held])
        let budget = NotificationBudget.perHour
        #expect(eventually { count(dispatcher, "file", .sent) == budget })
        #expect(count(dispatcher, "file", .capped) == 150 - budget)
        #expect(count(dispatcher, "file", .suppressed) == 1)
        // An hour after the first notice let through, there is room for one more.
        dispatcher.submit([SampleNotices.blacklisted(fingerprint: "later", decidedAt: start + 3600)]
        )
        #expect(eventually { count(dispatcher, "file", .sent) == budget + 1 })
        dispatcher.stop()
        let mbox = try scratch.read("alerts.mbox")
        #expect(mbox.components(separatedBy: "\nFrom bouncewatch@").count == budget + 1)
        #expect(
            logs.lines.filter { $0.contains("notices in the last hour already") }.count == 1)
        #expect(
            logs.lines.contains(
                "1 alert notice(s) not sent: their rules already have "
                    + "\(AlertNoticeCeiling.groupsPerRule) groups with mails of their own"))
        // Every notice decided gets its log line, capped or not; a suppressed one does not.
        #expect(logs.lines.filter { $0.hasPrefix("alert ") }.count == 151)
    }

    @Test func relayDownThenRestartDeliversExactlyOnce() throws {
        let scratch = try TemporaryDirectory()
        let port = LoopbackPort.free()
        let smtp = NotifierConfig.smtp(
            SMTPNotifierConfig(
                host: "127.0.0.1", port: port, tls: .none, from: "bouncewatch@mx1.test",
                to: ["ops@bouncewatch.test"], timeoutSeconds: 5))
        let state = scratch.path("state")
        let first = try NotificationDispatcher(
            notifiers: [smtp], stateDirectory: state, hostname: "mx1", timing: Self.fastTiming,
            log: LogCollector().log)
        first.submit([SampleNotices.blacklisted()])
        #expect(eventually { count(first, "smtp", .failed) >= 2 })
        #expect(count(first, "smtp", .sent) == 0)
        first.stop(drainSeconds: 0.5)
        #expect(scratch.names(in: "state/outbox/smtp").count == 1)

        let sink = try SMTPSink(port: port, in: scratch)
        let logs = LogCollector()
        let second = try NotificationDispatcher(
            notifiers: [smtp], stateDirectory: state, hostname: "mx1", timing: Self.fastTiming,
            log: logs.log)
        #expect(eventually { count(second, "smtp", .sent) == 1 })
        usleep(500_000)
        second.stop()
        let received = try sink.messages()
        #expect(received.count == 1)
        #expect(
            received.first?.header("Subject")?.hasPrefix("[bouncewatch] mx1: blacklisted") == true)
        #expect(scratch.names(in: "state/outbox/smtp").isEmpty)
        #expect(logs.lines.contains("notifier smtp: 1 pending alert(s) from before the restart"))
    }

    @Test func aHangingSendmailDoesNotDelayTheSMTPNotifier() throws {
        let scratch = try TemporaryDirectory()
        let sink = try SMTPSink(in: scratch)
        let script = try scratch.write("sendmail", "#!/bin/sh\nexec sleep 60\n", mode: 0o700)
        let dispatcher = try NotificationDispatcher(
            notifiers: [
                .sendmail(SendmailNotifierConfig(path: script)),
                .smtp(
                    SMTPNotifierConfig(
                        host: "127.0.0.1", port: sink.port, tls: .none, from: "bw@mx1.test",
                        to: ["ops@bouncewatch.test"])),
            ], stateDirectory: scratch.path("state"), hostname: "mx1", timing: Self.fastTiming,
            log: LogCollector().log)
        dispatcher.submit([SampleNotices.blacklisted(), SampleNotices.deferralStorm()])
        #expect(try sink.waitForMessages(2, seconds: 10).count == 2)
        let started = Date()
        dispatcher.stop(drainSeconds: 0.5)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(count(dispatcher, "smtp", .sent) == 2)
        #expect(count(dispatcher, "sendmail", .sent) == 0)
        // Both stay pending for the next start.
        #expect(scratch.names(in: "state/outbox/sendmail").count == 2)
    }

    @Test func resolvedNeverOvertakesFiringOfTheSameIncident() throws {
        let scratch = try TemporaryDirectory()
        // Fails once per distinct message, then accepts: the firing notice fails first.
        let script = try scratch.write(
            "sendmail",
            """
            #!/bin/sh
            body=$(cat)
            state=$(printf '%s\\n' "$body" | grep '^X-Bouncewatch-State:' | cut -d' ' -f2)
            if [ ! -e "\(scratch.path("failed-"))$state" ]; then
              touch "\(scratch.path("failed-"))$state"; echo "temporary failure" >&2; exit 75
            fi
            printf '%s\\n' "$state" >> "\(scratch.path("order"))"
            """, mode: 0o700)
        let dispatcher = try NotificationDispatcher(
            notifiers: [.sendmail(SendmailNotifierConfig(path: script))],
            stateDirectory: scratch.path("state"), hostname: "mx1", timing: Self.fastTiming,
            log: LogCollector().log)
        dispatcher.submit([
            SampleNotices.blacklisted(), SampleNotices.blacklisted(state: .resolved),
        ])
        #expect(eventually { count(dispatcher, "sendmail", .sent) == 2 })
        dispatcher.stop()
        #expect(try scratch.read("order") == "firing\nresolved\n")
        #expect(count(dispatcher, "sendmail", .failed) == 2)
    }

    @Test func anAlertTooOldIsDroppedAndLogged() throws {
        let scratch = try TemporaryDirectory()
        let logs = LogCollector()
        var timing = Self.fastTiming
        timing.maximumAgeSeconds = 0
        let dispatcher = try NotificationDispatcher(
            notifiers: [.file(FileNotifierConfig(path: scratch.path("missing/dir/alerts.mbox")))],
            stateDirectory: scratch.path("state"), hostname: "mx1", timing: timing,
            log: logs.log)
        dispatcher.submit([SampleNotices.blacklisted()])
        #expect(eventually { count(dispatcher, "file", .dropped) == 1 })
        dispatcher.stop()
        #expect(count(dispatcher, "file", .failed) == 1)
        #expect(scratch.names(in: "state/outbox/file").isEmpty)
        #expect(logs.lines.contains { $0.contains("dropped after 1 failed attempts") })
    }

    @Test(arguments: [(1, 30.0), (2, 60.0), (3, 120.0), (6, 960.0), (7, 1800.0), (60, 1800.0)])
    func backoffDoublesToTheCap(failures: Int, delay: Double) {
        #expect(DeliveryTiming().retryDelay(afterFailures: failures) == delay)
    }
}
