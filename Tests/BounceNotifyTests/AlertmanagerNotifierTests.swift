import BounceCore
import BounceSystem
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

@Suite("Alertmanager notifier")
struct AlertmanagerNotifierTests {
    @Test func payloadLabelsAnnotationsAndTimes() throws {
        let notice = SampleNotices.blacklisted()
        let now = SampleNotices.startedAt + 100
        let firing = AlertmanagerPayload.alert(
            notice, hostname: "mx1", now: now, validitySeconds: 600, summary: "the subject")
        #expect(
            firing.labels == [
                "alertname": "blacklisted", "blocklist": "zen.spamhaus.org", "instance": "mx1",
                "severity": "critical",
            ])
        #expect(firing.annotations["summary"] == "the subject")
        let description = firing.annotations["description"] ?? ""
        #expect(description.hasPrefix("42 matching events in the last 15m."))
        #expect(description.contains("gmail.com (30), example.org (12), 7 domains in all"))
        #expect(description.contains("Listed IP: 203.0.113.5."))
        #expect(description.contains("Delisting: https://check.spamhaus.org/"))
        #expect(firing.startsAt == CivilTime(epochSeconds: SampleNotices.startedAt).rfc3339)
        #expect(firing.endsAt == CivilTime(epochSeconds: now + 600).rfc3339)
        let resolved = AlertmanagerPayload.alert(
            SampleNotices.blacklisted(state: .resolved), hostname: "mx1", now: now,
            validitySeconds: 600, summary: "s")
        #expect(resolved.endsAt == CivilTime(epochSeconds: now).rfc3339)
        #expect(resolved.annotations["description"]?.hasPrefix("Resolved. ") == true)
        let ratio = AlertmanagerPayload.description(SampleNotices.deferralStorm())
        #expect(ratio.hasPrefix("40 of 100 events (40.0%) matched in the last 30m."))
        #expect(AlertmanagerPayload.labelName("9bad-name") == "_9bad_name")
        var listed = SampleNotices.blacklisted()
        listed.rule = "listed"
        listed.summary = "A lookup answers 127.0.0.2."
        listed.details = [AlertLabel("Listed for", "2 h")]
        let lookup = AlertmanagerPayload.description(listed)
        #expect(lookup.hasPrefix("A lookup answers 127.0.0.2. "))
        #expect(lookup.hasSuffix("Listed for: 2 h."))
        #expect(AlertSeverity.of(rule: "listed") == .critical)
    }

    /// The summary a rule sends for groups beyond its ceiling is an alert of its own.
    @Test func aSummaryNoticeIsLabelledAsSuch() {
        var summary = SampleNotices.blacklisted(fingerprint: "summary")
        summary.group = []
        summary.overflow = AlertOverflow(
            firingGroups: 300, groupsWithoutNotice: 280, largest: [NamedCount("blocklist=x", 4)])
        let alert = AlertmanagerPayload.alert(
            summary, hostname: "mx1", now: SampleNotices.startedAt + 100, validitySeconds: 600,
            summary: "s")
        #expect(
            alert.labels == [
                "alertname": "blacklisted", "instance": "mx1", "overflow": "summary",
                "severity": "critical",
            ])
    }

    @Test func realAlertmanagerShowsThenResolvesTheAlert() throws {
        let scratch = try TemporaryDirectory()
        let server = try AlertmanagerServer(in: scratch)
        let notifier = AlertmanagerNotifier(
            config: AlertmanagerNotifierConfig(url: server.url + "/"), hostname: "mx1",
            timing: DeliveryTiming())
        let now = Clocks.wallSeconds()
        var notice = SampleNotices.blacklisted()
        notice.startedAt = now - 60
        try notifier.deliver(notice, message: nil, now: now, cancellation: nil)
        let active = try server.activeAlerts()
        #expect(active.count == 1)
        let labels = active.first?["labels"] as? [String: String] ?? [:]
        #expect(labels["alertname"] == "blacklisted")
        #expect(labels["blocklist"] == "zen.spamhaus.org")
        #expect(labels["instance"] == "mx1")
        let annotations = active.first?["annotations"] as? [String: String] ?? [:]
        #expect(annotations["summary"] == AlertMail.subject(notice, hostname: "mx1"))
        let status = active.first?["status"] as? [String: Any]
        #expect(
            status?["state"] as? String == "active" || status?["state"] as? String == "unprocessed")

        notice.state = .resolved
        try notifier.deliver(notice, message: nil, now: Clocks.wallSeconds(), cancellation: nil)
        let deadline = Date().addingTimeInterval(5)
        var remaining = try server.activeAlerts()
        while !remaining.isEmpty && Date() < deadline {
            usleep(100_000)
            remaining = try server.activeAlerts()
        }
        #expect(remaining.isEmpty)
    }

    @Test func anErrorStatusIsAFailureWithTheAnswer() throws {
        let scratch = try TemporaryDirectory()
        let server = try AlertmanagerServer(in: scratch)
        let body = Array("[{\"labels\":{}}]".utf8)
        let error = #expect(throws: DeliveryError.self) {
            try HTTPPoster(url: server.url + "/api/v2/alerts", timeoutSeconds: 5).post(json: body)
        }
        #expect(error?.message.contains("HTTP status 400") == true)
    }
}
