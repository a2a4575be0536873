import BounceConfig
import BounceCore
import Testing

/// `alerts: [{name: listed, disabled: true}]`: switching a built-in alert off by its name.
@Suite struct ConfigAlertSwitchTests {
    static let reputation = "reputation: {ips: [203.0.113.5], lists: [spamcop]}\n"

    @Test func theLookupAlertsAreOnUnlessSwitchedOff() throws {
        #expect(try load(Self.reputation).disabledLookupAlerts.isEmpty)
        #expect(try load(Self.reputation + "alerts: []\n").disabledLookupAlerts.isEmpty)
        let config = try load(
            Self.reputation + """
                alerts:
                  - {name: listed, disabled: true}
                  - name: dnsbl-failing
                    disabled: yes
                """)
        #expect(config.disabledLookupAlerts == ["listed", "dnsbl-failing"])
        // `alerts` is given, so the built-in counting rules are off as before.
        #expect(config.alerts.isEmpty)
    }

    @Test func switchingOneOffKeepsTheOtherAndTheCountingRules() throws {
        let config = try load(
            Self.reputation + """
                default_alerts: true
                alerts:
                  - {name: listed, disabled: true}
                  - {name: dnsbl-failing, disabled: false}
                """)
        #expect(config.disabledLookupAlerts == ["listed"])
        #expect(config.alerts == AlertRule.defaults)
    }

    @Test func aBuiltInCountingRuleIsSwitchedOffWhileTheOthersStay() throws {
        let config = try load(
            """
            default_alerts: true
            alerts:
              - {name: tls, disabled: true}
            """)
        #expect(config.alerts == AlertRule.defaults.filter { $0.name != "tls" })
        #expect(config.disabledLookupAlerts.isEmpty)
    }

    @Test func checkConfigWritesTheSwitchBackAndItLoadsTheSame() throws {
        let config = try load(
            Self.reputation + """
                default_alerts: true
                alerts:
                  - {name: dnsbl-failing, disabled: true}
                """)
        let text = ConfigRenderer.render(config)
        #expect(
            text.contains(
                "  - name: dnsbl-failing     # built-in lookup alert, switched off\n"
                    + "    disabled: true\n"))
        let reloaded = try ConfigLoader.load(
            yaml: text, origin: "rendered.yml", fileExists: { _ in true })
        #expect(reloaded == config)
    }

    @Test(arguments: [
        (
            "alerts:\n  - {name: lsted, disabled: true}\n", "alerts[0].name",
            "\"lsted\" is not a built-in alert; disabled switches off only blacklisted, "
                + "reputation, sasl-brute-force, relay-login-failed, sender-authentication, "
                + "tls, expired, deferral-storm, listed, dnsbl-failing, compromised-account"
        ),
        (
            "alerts:\n  - {name: listed, disabled: true, threshold: 2}\n", "alerts[0]",
            "disabled takes only a name (found threshold): it switches a built-in alert off; "
                + "to change one, write a rule of your own with its name instead"
        ),
        (
            "alerts:\n  - {disabled: true}\n", "alerts[0]",
            "disabled needs the name of the built-in alert it switches"
        ),
        (
            "alerts:\n  - {name: listed, disabled: maybe}\n", "alerts[0].disabled",
            "expected true or false, found \"maybe\""
        ),
        (
            "alerts:\n  - {name: listed, disabled: true}\n  - {name: listed, disabled: false}\n",
            "alerts[1]", "the name \"listed\" is already used by alerts[0]"
        ),
    ])
    func aWrongSwitchIsNamedWithItsKey(yaml: String, key: String, message: String) {
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.key == key)
        #expect(found.first?.message == message)
    }
}
