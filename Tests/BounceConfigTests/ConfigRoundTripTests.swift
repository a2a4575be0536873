import BounceConfig
import BounceCore
import Testing

/// `ConfigRenderer` output loads back to the same configuration.
@Suite struct ConfigRoundTripTests {
    func reload(_ config: Configuration) throws -> Configuration {
        let text = ConfigRenderer.render(config)
        do {
            // Nothing exists: a `type: auto` left in the output would turn into the journal.
            return try ConfigLoader.load(
                yaml: text, origin: "rendered.yml", fileExists: { _ in false })
        } catch {
            Issue.record("rendered configuration does not load:\n\(error)\n\(text)")
            throw error
        }
    }

    @Test func theDefaultsIncludingEveryBuiltInAlertRule() throws {
        let config = try load("")
        let reloaded = try reload(config)
        #expect(reloaded == config)
        #expect(reloaded.alerts == AlertRule.defaults)
        let text = ConfigRenderer.render(config)
        #expect(text.contains("default_alerts: false"))
        #expect(text.contains("  - name: deferral-storm    # built in\n"))
        #expect(text.contains("    ratio_of:\n      status: [sent, deferred, bounced]\n"))
        #expect(text.contains("  textfile: /var/lib/prometheus/node-exporter/bouncewatch.prom\n"))
    }

    @Test func noAlertsNoNotifiersNoTextfile() throws {
        var config = Configuration()
        config.alerts = []
        config.notifiers = []
        config.metrics.textfile = nil
        config.sources = [.journal(JournalSourceConfig(files: ["/a b/x.journal"]))]
        #expect(try reload(config) == config)
    }

    @Test func senderSeriesOnAndOff() throws {
        let config = try load("metrics:\n  senders: { top: 7 }\n  sasl_users: {}\n")
        #expect(config.metrics.topSenderDomains == 7)
        #expect(config.metrics.topSASLUsers == MetricsConfig.defaultSenderTop)
        #expect(try reload(config) == config)
        let off = try load("metrics:\n  senders: false\n  sasl_users: null\n")
        #expect(off.metrics.topSenderDomains == nil && off.metrics.topSASLUsers == nil)
        #expect(try reload(off) == off)
        #expect(throws: (any Error).self) { try load("metrics:\n  senders: { top: 501 }\n") }
        #expect(throws: (any Error).self) { try load("metrics:\n  senders: { tpo: 5 }\n") }
    }

    /// Strings a YAML writer must quote: indicators, reserved words, numbers, escapes.
    static let hostile = [
        "yes", "No", "null", "~", "123", "0x1F", "1e3", "5.7.1", "- dash", "a: b", "a #b",
        "#hash", "'single'", "\"double\"", "back\\slash", "tab\there", "trailing ",
        " leading", "[list]", "{map}", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick",
        "|pipe", ">fold", "ünïcødé ✉︎", "zero\u{200B}width", "c1\u{9B}", "bell\u{7}",
        "",
    ]

    @Test func hostileStringsSurviveQuoting() throws {
        // Names, paths and addresses refuse control characters; the others are for phrases.
        let lines = Self.hostile.enumerated().filter { _, value in
            !value.isEmpty
                && value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
                && !value.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }
        }
        #expect(lines.count == Self.hostile.count - 4)
        for (index, value) in lines {
            var config = Configuration()
            config.hostname = value
            config.sources = [.file(FileSourceConfig(path: "/log/\(value)", name: value))]
            config.notifiers = [
                .file(FileNotifierConfig(path: "/x/\(value)", name: value)),
                .smtp(
                    SMTPNotifierConfig(
                        host: "relay", port: 25, tls: .none, username: value,
                        passwordFile: "/pw", from: "a@b", to: ["c@d"], name: "n\(index)")),
            ]
            config.alerts = [
                AlertRule(
                    name: "r", match: EventMatch(blocklist: [value]), threshold: 1,
                    windowSeconds: 60)
            ]
            #expect(try reload(config) == config, "value \(index): \(value.debugDescription)")
        }
    }

    /// Phrases hold any text but line breaks; one rule carries them all, since
    /// every load with rules builds a classifier.
    @Test func hostilePhrasesSurviveQuoting() throws {
        let phrases = Self.hostile.filter { !$0.isEmpty }
        var config = Configuration()
        config.rules = [
            UserRuleSpec(id: "user.hostile", cause: .spam, phrases: phrases, line: 3)
        ]
        var reloaded = try reload(config)
        // The line is where the rule stands in the rendered text, not in the original.
        reloaded.rules[0].line = 3
        #expect(reloaded == config)
    }

    @Test func everyKindOfSourceNotifierRuleAndMatch() throws {
        let config = Configuration(
            sources: [
                .file(FileSourceConfig(path: "/var/log/mail*.log", format: .postfix)),
                .file(FileSourceConfig(path: "/var/log/exim4/mainlog", format: .exim, name: "x")),
                .journal(
                    JournalSourceConfig(
                        directory: "/var/log/journal", identifiers: ["postfix/smtp"],
                        startAt: .beginning, name: "j")),
            ],
            stateDirectory: "/srv/state",
            metrics: MetricsConfig(
                textfile: "/srv/node/bw.prom", intervalSeconds: 90, topDestinations: 500),
            alerts: AlertRule.defaults + [
                AlertRule(
                    name: "everything",
                    match: EventMatch(
                        mta: [.postfix, .exim], kind: [.delivery, .reject, .authFailure],
                        status: DeliveryStatus.allCases, cause: Cause.allCases,
                        destination: ["*.example.com", "gmail.com"],
                        blocklist: ["Microsoft S3150"], direction: [.inbound, .outbound]),
                    ratioOf: EventMatch(), threshold: 0.125, minEvents: 0, windowSeconds: 86_400,
                    groupBy: AlertDimension.allCases, repeatIntervalSeconds: 60,
                    groupWaitSeconds: 0)
            ],
            notifiers: [
                .sendmail(
                    SendmailNotifierConfig(
                        path: "/usr/lib/sendmail", arguments: [], from: "bw@mx1.example",
                        to: ["a@example.net", "b@example.net"], name: "local")),
                .smtp(
                    SMTPNotifierConfig(
                        host: "[2001:db8::1]", port: 465, tls: .implicit,
                        caFile: "/etc/ca.pem", from: "bw@mx1.example", to: ["ops@example.net"],
                        timeoutSeconds: 5)),
                .alertmanager(
                    AlertmanagerNotifierConfig(
                        url: "https://am.example.net:9093/", timeoutSeconds: 3_600, name: "am")),
            ],
            rules: [
                UserRuleSpec(
                    id: "user.a", cause: .blacklisted, phrases: ["listed at our rbl"],
                    codes: ["550", "5.7.1", "x.7.x"], destinations: ["example.org"],
                    replaces: "greylist.phrase", disabled: false, temporary: true, line: 1)
            ],
            hostname: "mx1.example.net")
        var reloaded = try reload(config)
        reloaded.rules[0].line = 1
        #expect(reloaded == config)
    }
}
