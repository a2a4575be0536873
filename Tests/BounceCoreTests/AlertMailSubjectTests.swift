import Testing

@testable import BounceCore

/// The subject of the first alert each default rule sends, driven through the engine.
@Suite struct AlertMailSubjectTests {
    struct SubjectCase: Sendable, CustomTestStringConvertible {
        var rule: String
        var events: [AlertEvent]
        var subject: String
        var testDescription: String { rule }
    }

    static let now: Int64 = 1_800_000_000

    static func times(_ count: Int) -> [Int64] {
        (0..<count).map { now - 300 + Int64($0) }
    }

    static let cases: [SubjectCase] = [
        SubjectCase(
            rule: "blacklisted",
            events: times(42).enumerated().map { index, time in
                AlertFixture.blacklisted(time, to: "d\(index % 7).example")
            },
            subject:
                "[bouncewatch] mx1: blacklisted by Spamhaus ZEN (203.0.113.5) - 42 deferrals"
                + " to 7 domains"),
        SubjectCase(
            rule: "deferral-storm",
            events: times(230).enumerated().map { index, time in
                index < 104
                    ? AlertFixture.event(time, cause: .reputation, to: "gmail.com")
                    : AlertFixture.event(time, status: .sent, cause: nil, to: "gmail.com")
            },
            subject:
                "[bouncewatch] mx1: deferral storm at gmail.com - 45% of 230 deliveries deferred"),
        SubjectCase(
            rule: "sasl-brute-force",
            events: times(31).map {
                AlertFixture.event(
                    $0, status: .rejected, cause: .authFailure, to: "", kind: .authFailure,
                    direction: .inbound)
            },
            subject:
                "[bouncewatch] mx1: SASL login failures against this server - 31 failed logins"),
        SubjectCase(
            rule: "relay-login-failed",
            events: times(1).map {
                AlertFixture.event(
                    $0, status: .deferred, cause: .authFailure, to: "", kind: .authFailure,
                    direction: .outbound)
            },
            subject: "[bouncewatch] mx1: login to the relay failed - 1 failed login"),
        SubjectCase(
            rule: "sender-authentication",
            events: times(5).map {
                AlertFixture.event(
                    $0, status: .bounced, cause: .senderAuthentication, to: "gmail.com")
            },
            subject: "[bouncewatch] mx1: SPF/DKIM/DMARC failures at gmail.com - 5 bounces"),
        SubjectCase(
            rule: "tls",
            events: times(6).map { AlertFixture.event($0, cause: .tls, to: "example.org") },
            subject: "[bouncewatch] mx1: TLS failures at example.org - 6 deferrals"),
        SubjectCase(
            rule: "reputation",
            events: times(5).map { AlertFixture.event($0, cause: .reputation, to: "yahoo.com") },
            subject: "[bouncewatch] mx1: reputation throttling at yahoo.com - 5 deferrals"),
        SubjectCase(
            rule: "expired",
            events: times(3).enumerated().map { index, time in
                AlertFixture.event(
                    time, status: .expired, cause: .expired,
                    to: index == 0 ? "a.example" : "b.example")
            },
            subject: "[bouncewatch] mx1: mail expired in the queue - 3 messages to 2 domains"),
    ]

    @Test(arguments: cases)
    func firstAlertOfEachDefaultRule(_ test: SubjectCase) throws {
        var engine = AlertEngine(rules: AlertRule.defaults)
        for event in test.events { engine.observe(event) }
        let notices = engine.evaluate(now: Self.now) + engine.evaluate(now: Self.now + 30)
        let notice = try #require(notices.first { $0.rule == test.rule })
        #expect(AlertMail.subject(notice, hostname: "mx1") == test.subject)
        // One incident is one mail for its rule.
        #expect(notices.filter { $0.rule == test.rule }.count == 1)
        let mail = ParsedAlertMail(
            AlertMail.compose(
                notice,
                envelope: AlertMailEnvelope(
                    hostname: "mx1", from: "bw@mx1", to: ["root@mx1"], messageID: "a@mx1",
                    date: Self.now)))
        #expect(mail.problems == [])
        #expect(mail.subject == test.subject)
    }

    @Test func everyDefaultRuleHasASubjectCase() {
        #expect(Set(Self.cases.map(\.rule)) == Set(AlertRule.defaults.map(\.name)))
    }

    @Test func resolvedSubjectsNameTheIncidentWithoutNumbers() throws {
        var engine = AlertEngine(rules: AlertRule.defaults)
        for time in Self.times(5) {
            engine.observe(AlertFixture.event(time, cause: .tls, to: "example.org"))
        }
        _ = engine.evaluate(now: Self.now) + engine.evaluate(now: Self.now + 30)
        let later = Self.now + 3600
        let resolved = engine.evaluate(now: later) + engine.evaluate(now: later + 30)
        let notice = try #require(resolved.first)
        #expect(notice.state == .resolved)
        #expect(
            AlertMail.subject(notice, hostname: "mx1")
                == "[bouncewatch] mx1: RESOLVED TLS failures at example.org")
    }

    @Test func customRulesFallBackToTheirName() {
        let notice = AlertNotice(
            rule: "my-rule", state: .firing, group: [AlertLabel("mta", "exim")], fingerprint: "f",
            count: 2, windowSeconds: 60, startedAt: 0, decidedAt: 0)
        #expect(
            AlertMail.subject(notice, hostname: "")
                == "[bouncewatch] localhost: my-rule (mta=exim) - 2 events")
    }
}

@Suite struct AlertRemediationTests {
    @Test(arguments: Cause.allCases)
    func everyCauseHasPracticalAdvice(_ cause: Cause) {
        let advice = Remediation.advice(for: cause)
        #expect(advice.count > 150)
        #expect(!advice.contains("\n"))
        #expect(!advice.contains("  "))
        #expect(advice.hasSuffix("."))
    }

    @Test func adviceDiffersPerCause() {
        #expect(Set(Cause.allCases.map(Remediation.advice)).count == Cause.allCases.count)
    }

    struct KeywordCase: Sendable {
        var cause: Cause
        var words: [String]
    }

    @Test(arguments: [
        KeywordCase(cause: .senderAuthentication, words: ["SPF", "DKIM", "DMARC"]),
        KeywordCase(cause: .blacklisted, words: ["delisting"]),
        KeywordCase(cause: .recipientUnknown, words: ["lists"]),
        KeywordCase(cause: .tls, words: ["STARTTLS", "certificates"]),
        KeywordCase(cause: .rateLimited, words: ["Slow down"]),
        KeywordCase(cause: .reverseDNS, words: ["PTR"]),
    ])
    func adviceNamesTheUsualFix(_ test: KeywordCase) {
        let advice = Remediation.advice(for: test.cause)
        for word in test.words { #expect(advice.contains(word)) }
    }
}
