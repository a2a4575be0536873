import BounceConfig
import BounceCore
import Testing

/// `compromised_account:` and the sender keys of alert rules (`sender_domain`,
/// `sasl_username` in `match` and `group_by`).
@Suite struct ConfigCompromisedAccountTests {
    /// Off unless asked for: it needs the message state, which costs the daemon more per line.
    @Test func theAlertIsAskedForWithItsSection() throws {
        let off = try load("")
        #expect(off.compromisedAccount == nil)
        #expect(!off.followsMessages)
        #expect(!ConfigRenderer.render(off).contains("compromised_account:\n  window"))
        let config = try load("compromised_account: {}\n")
        #expect(config.compromisedAccount == CompromisedAccountConfig())
        #expect(config.followsMessages)
        let defaults = CompromisedAccountConfig()
        #expect(defaults.windowSeconds == 900)
        #expect(defaults.floor == 100)
        #expect(defaults.jump == 5)
        #expect(defaults.failureShare == 0.5)
        #expect(defaults.minFailures == 20)
        #expect(ConfigRenderer.render(config).contains("compromised_account:\n  window: 15m\n"))
    }

    @Test func readsEveryKeyAndRoundTrips() throws {
        let config = try load(
            """
            compromised_account:
              window: 30m
              history: 12
              floor: 250
              jump: 7.5
              failure_share: 0.6
              min_failures: 40
              max_accounts: 5000
              repeat_interval: 2h
              group_wait: 1m
            """)
        var expected = CompromisedAccountConfig()
        expected.windowSeconds = 1800
        expected.historyWindows = 12
        expected.floor = 250
        expected.jump = 7.5
        expected.failureShare = 0.6
        expected.minFailures = 40
        expected.maxAccounts = 5000
        expected.repeatIntervalSeconds = 7200
        expected.groupWaitSeconds = 60
        #expect(config.compromisedAccount == expected)
        let reloaded = try load(ConfigRenderer.render(config))
        #expect(reloaded == config)
    }

    @Test func aSwitchTurnsItOffAndTheRenderingKeepsItOff() throws {
        let config = try load(
            "default_alerts: true\nalerts:\n  - {name: compromised-account, disabled: true}")
        #expect(config.compromisedAccount == nil)
        // The counting rules are still the built-in ones.
        #expect(config.alerts == AlertRule.defaults)
        let text = ConfigRenderer.render(config)
        #expect(!text.contains("compromised_account:"))
        let reloaded = try load(text)
        #expect(reloaded.compromisedAccount == nil)
        #expect(reloaded == config)
    }

    @Test func senderKeysOfARuleAreReadAndRoundTrip() throws {
        let config = try load(
            """
            alerts:
              - name: per-user-bounces
                match: {status: bounced, sasl_username: [alice, bob@example.com], sender_domain: "*.Example.com"}
                threshold: 10
                window: 15m
                group_by: [sasl_username, sender_domain]
            """)
        let rule = try #require(config.alerts.first { $0.name == "per-user-bounces" })
        #expect(rule.match.saslUsername == ["alice", "bob@example.com"])
        #expect(rule.match.senderDomain == ["*.example.com"])
        #expect(rule.groupBy == [.saslUsername, .senderDomain])
        let text = ConfigRenderer.render(config)
        #expect(text.contains("sasl_username: [alice, bob@example.com]"))
        #expect(try load(text) == config)
    }

    @Test(arguments: [
        ("compromised_account:\n  window: 90s", "out of range"),
        ("compromised_account:\n  window: 10m30s", "whole minutes"),
        ("compromised_account:\n  jump: 1", "above 1"),
        ("compromised_account:\n  failure_share: 1.5", "at most 1"),
        ("compromised_account:\n  floor: 0", "out of range"),
        ("compromised_account:\n  max_accounts: 10", "out of range"),
        ("compromised_account:\n  min_failure: 5", "did you mean \"min_failures\""),
        (
            "alerts:\n  - {name: x, match: {sasl_usrname: a}, threshold: 1, window: 1m}",
            "did you mean \"sasl_username\""
        ),
        (
            "alerts:\n  - {name: x, match: {}, threshold: 1, window: 1m, group_by: sender_domian}",
            "did you mean \"sender_domain\""
        ),
        (
            "alerts:\n  - {name: x, match: {sender_domain: 'not a domain'}, threshold: 1, window: 1m}",
            "domain"
        ),
    ])
    func rejects(_ yaml: String, _ message: String) {
        let found = problems(yaml)
        #expect(found.contains { $0.message.contains(message) }, "\(found)")
    }
}
