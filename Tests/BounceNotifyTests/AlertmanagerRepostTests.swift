import BounceCore
import BounceSystem
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

/// Through the dispatcher, against a real Alertmanager: a firing alert stays active past its
/// `endsAt` because it is posted again, also after a restart, until the resolved notice.
@Suite("Alertmanager re-post")
struct AlertmanagerRepostTests {
    @Test func firingAlertsArePostedAgainUntilResolved() throws {
        let scratch = try TemporaryDirectory()
        let server = try AlertmanagerServer(in: scratch)
        let timing = DeliveryTiming(
            firstRetrySeconds: 0.2, maximumRetrySeconds: 0.4, repostSeconds: 0.5,
            firingValiditySeconds: 2)
        let notifiers = [NotifierConfig.alertmanager(AlertmanagerNotifierConfig(url: server.url))]
        let state = scratch.path("state")
        var notice = SampleNotices.blacklisted()
        notice.startedAt = Clocks.wallSeconds() - 10
        let first = try NotificationDispatcher(
            notifiers: notifiers, stateDirectory: state, hostname: "mx1", timing: timing,
            log: LogCollector().log)
        first.submit([notice])
        #expect(try eventually { try server.activeAlerts().count == 1 })
        // Past the 2 s validity of the first post: only re-posts keep it active.
        usleep(3_500_000)
        #expect(try server.activeAlerts().count == 1)
        first.stop()
        #expect(scratch.names(in: "state/alertmanager") == ["alertmanager.json"])

        let second = try NotificationDispatcher(
            notifiers: notifiers, stateDirectory: state, hostname: "mx1", timing: timing,
            log: LogCollector().log)
        usleep(3_500_000)
        #expect(try server.activeAlerts().count == 1)
        notice.state = .resolved
        second.submit([notice])
        #expect(try eventually { try server.activeAlerts().isEmpty })
        // Resolved alerts are no longer re-posted: it stays resolved.
        usleep(1_500_000)
        #expect(try server.activeAlerts().isEmpty)
        second.stop()
        #expect(try scratch.read("state/alertmanager/alertmanager.json") == "[]")
    }
}
