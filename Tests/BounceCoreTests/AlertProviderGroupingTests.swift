import Testing

@testable import BounceCore

/// Alerts by provider and by syslog host: real-shaped Postfix lines through the parser, the
/// classifier, the provider table and the alert engine, as the daemon feeds them.
@Suite struct AlertProviderGroupingTests {
    static let start: Int64 = 1_700_000_000
    static let exchangeRelay = "tenant-com.mail.protection.outlook.com[52.101.41.3]:25"

    static let exchangeBusy =
        "451 4.7.500 Server busy. Please try again later from [203.0.113.5]. (S77719) "
        + "[DB5PEPF00014B8F.eurprd02.prod.outlook.com]"

    static func deferred(
        _ host: String, _ recipient: String, relay: String, reply: String = exchangeBusy
    ) -> String {
        "Nov 26 10:14:03 \(host) postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, "
            + "relay=\(relay), delay=1.4, delays=0.1/0/0.7/0.6, dsn=4.7.500, status=deferred "
            + "(host x said: \(reply) (in reply to RCPT TO command))"
    }

    static func sent(_ host: String, _ recipient: String, relay: String) -> String {
        "Nov 26 10:14:04 \(host) postfix/smtp[4242]: 5F2A11C0D4: to=<\(recipient)>, "
            + "relay=\(relay), delay=1.4, delays=0.1/0/0.7/0.6, dsn=2.0.0, status=sent "
            + "(250 2.6.0 Queued mail for delivery)"
    }

    /// Feeds `lines` to `engine` one second apart from `start`, deciding the provider of each
    /// delivery as the daemon does.
    static func feed(_ lines: [String], to engine: inout AlertEngine) {
        let providers = ProviderTable.standard
        ClassifiedLines.forEach(lines) { offset, event, classification, buffer in
            let provider = providers.decide(event, in: buffer).map {
                providers.providers[$0.index].name
            }
            engine.observe(
                event, classification, in: buffer, time: start + Int64(offset),
                provider: provider ?? "")
        }
    }

    /// Forty companies on Microsoft 365, each with one deferral and one delivery: no domain
    /// comes near `min_events` (50), the provider does, with half its deliveries deferred.
    static func microsoftWideDeferrals(host: String = "mx1") -> [String] {
        (0..<40).flatMap { index in
            let recipient = "user@tenant\(index).example"
            return [
                deferred(host, recipient, relay: exchangeRelay),
                sent(host, recipient, relay: exchangeRelay),
            ]
        }
    }

    static func firing(_ engine: inout AlertEngine, rule: String) -> [AlertNotice] {
        let end = start + 200
        _ = engine.evaluate(now: end)
        return engine.evaluate(now: end + 60).filter { $0.rule == rule && $0.state == .firing }
    }

    @Test func oneDeferralStormForAProviderAcrossItsDomains() {
        var engine = AlertEngine(rules: AlertRule.defaults)
        Self.feed(Self.microsoftWideDeferrals(), to: &engine)
        let storms = Self.firing(&engine, rule: "deferral-storm")
        #expect(storms.count == 1)
        guard let storm = storms.first else { return }
        #expect(storm.group == [AlertLabel("provider", "microsoft")])
        #expect(storm.count == 40)
        #expect(storm.denominator == 80)
        #expect(storm.destinationCount == 40)
        #expect(storm.destinations.count == AlertEvidence.topDestinationsOfProvider)
        #expect(storm.providers == [NamedCount("microsoft", 40)])
        #expect(storm.hosts == [NamedCount("mx1", 40)])
        #expect(AlertHeadline.what(storm) == "deferral storm at microsoft")
        let mail = ParsedAlertMail(AlertMail.compose(storm, envelope: AlertMailTests.envelope))
        #expect(mail.body.contains("Group:        provider = microsoft"))
        #expect(mail.body.contains("Provider:     microsoft 40"))
        #expect(mail.body.contains("Hosts:        mx1 40"))
        #expect(mail.body.contains("Destinations (40, the top 20):"))
        #expect(mail.body.contains("  tenant0.example "))
    }

    @Test func destinationGroupingMissesTheProviderWideStorm() {
        // Today's grouping, kept here to show what the provider grouping changes.
        var rule = AlertRule.defaults.first { $0.name == "deferral-storm" }!
        rule.groupBy = [.destination]
        var engine = AlertEngine(rules: [rule])
        Self.feed(Self.microsoftWideDeferrals(), to: &engine)
        #expect(Self.firing(&engine, rule: "deferral-storm").isEmpty)
    }

    @Test func domainsOfNoKnownProviderStillGroupByDestination() {
        let relay = "mx.small-company.example[192.0.2.7]:25"
        let lines = (0..<60).map {
            Self.deferred(
                "mx1", "a\($0)@small-company.example", relay: relay,
                reply: "451 4.3.0 Temporary failure, try again later")
        }
        var engine = AlertEngine(rules: AlertRule.defaults)
        Self.feed(lines, to: &engine)
        let storms = Self.firing(&engine, rule: "deferral-storm")
        #expect(storms.map(\.group) == [[AlertLabel("destination", "small-company.example")]])
        #expect(storms.first?.providers == [])
        #expect(AlertHeadline.what(storms[0]) == "deferral storm at small-company.example")
    }

    @Test func matchAndGroupByHostAndProvider() {
        let rule = AlertRule(
            name: "by-host", match: EventMatch(provider: ["microsoft"], host: ["*.example.net"]),
            threshold: 1, windowSeconds: 600, groupBy: [.host], groupWaitSeconds: 0)
        var engine = AlertEngine(rules: [rule])
        let gmail = "gmail-smtp-in.l.google.com[142.250.102.27]:25"
        Self.feed(
            [
                Self.deferred("mta1.example.net", "a@tenant.example", relay: Self.exchangeRelay),
                Self.deferred("mta2.example.net", "b@tenant.example", relay: Self.exchangeRelay),
                Self.deferred("mta2.example.net", "c@gmail.com", relay: gmail),
                Self.deferred("other.example.org", "d@tenant.example", relay: Self.exchangeRelay),
            ], to: &engine)
        let notices = engine.evaluate(now: Self.start + 10)
        #expect(
            notices.map(\.group) == [
                [AlertLabel("host", "mta1.example.net")], [AlertLabel("host", "mta2.example.net")],
            ])
        #expect(notices.map(\.count) == [1, 1])
        #expect(notices.allSatisfy { $0.providers == [NamedCount("microsoft", 1)] })
    }

    @Test func providersAndHostsSurviveACheckpoint() throws {
        var engine = AlertEngine(rules: AlertRule.defaults)
        Self.feed(Self.microsoftWideDeferrals(host: "mx2"), to: &engine)
        #expect(Self.firing(&engine, rule: "deferral-storm").count == 1)
        let lines = engine.checkpointLines()
        #expect(lines.contains("eprov =microsoft 40"))
        #expect(lines.contains("ehost =mx2 40"))
        var restored = try AlertEngine(rules: AlertRule.defaults, checkpointLines: lines)
        #expect(restored.checkpointLines() == lines)
        // When the storm ends, the resolved notice still names the provider and the host.
        let later = Self.start + 4 * 3600
        #expect(restored.evaluate(now: later).filter { $0.rule == "deferral-storm" }.isEmpty)
        let reminder = restored.evaluate(now: later + 60).first { $0.rule == "deferral-storm" }
        #expect(reminder?.state == .resolved)
        #expect(reminder?.providers == [NamedCount("microsoft", 40)])
        #expect(reminder?.hosts == [NamedCount("mx2", 40)])
    }

    @Test func aMatchLineOfAnOlderVersionStillLoads() throws {
        let rule = AlertFixture.ratioRule(threshold: 0.3, minEvents: 50, window: 1800)
        let lines = [
            AlertEngine.checkpointHeader,
            "rule =storm \(AlertRuleSignature.of(rule)) destination 1800",
            "group quiet =example.org",
            "slot 1700000000 1 1",
            "match 1700000000 deferred delivery outbound network =example.org - - -",
        ]
        let engine = try AlertEngine(rules: [rule], checkpointLines: lines)
        #expect(engine.checkpointLines().contains { $0.hasSuffix("=example.org - - - - -") })
    }
}
