import BounceConfig
import BounceCore
import Testing

/// Snippets that must load, each checked against the value it must produce.
@Suite struct ConfigAcceptanceTests {
    @Test func theIssuesExampleLoadsAsWritten() throws {
        let config = try load(
            """
            sources:
              - type: file            # follows one file or a glob
                path: /var/log/mail.log
                start_at: end
              - type: journal
                directory: /var/log/journal
            state_directory: /var/lib/bouncewatch
            metrics:
              textfile: /var/lib/prometheus/node-exporter/bouncewatch.prom
              interval: 15s
              top_destinations: 50
            alerts:
              - name: blacklisted
                match: { cause: [blacklisted] }
                threshold: 1          # events within the window
                window: 15m
                group_by: [blocklist]
              - name: sasl-brute-force
                match: { kind: [auth_failure] }
                threshold: 30
                window: 10m
              - name: deferral-storm
                match: { status: [deferred] }
                ratio_of: { status: [sent, deferred, bounced] }
                threshold: 0.3
                min_events: 50
                window: 30m
                group_by: [destination]
            notifiers:
              - type: sendmail
                to: [postmaster@localhost]
              - type: smtp
                server: relay.example.net:587
                tls: starttls
                ca_file: /etc/ssl/certs/ca-certificates.crt
                username: bouncewatch
                password_file: /etc/bouncewatch/smtp-password
                from: bouncewatch@mx1.example.net
                to: [ops@example.net]
              - type: alertmanager
                url: http://127.0.0.1:9093
              - type: file
                path: /var/lib/bouncewatch/alerts.mbox
            """)
        #expect(
            config.sources == [
                .file(FileSourceConfig(path: "/var/log/mail.log")),
                .journal(JournalSourceConfig(directory: "/var/log/journal")),
            ])
        #expect(config.alerts.map(\.name) == ["blacklisted", "sasl-brute-force", "deferral-storm"])
        // As the issue wrote it: without `direction`, unlike the built-in rule, which only
        // counts outbound mail.
        var blacklisted = AlertRule.defaults[0]
        blacklisted.match.direction = []
        #expect(config.alerts[0] == blacklisted)
        // The issue's rule groups by destination; the built-in one now by provider or
        // destination.
        var storm = AlertRule.defaults.last!
        storm.groupBy = [.destination]
        #expect(config.alerts[2] == storm)
        #expect(
            config.alerts[1]
                == AlertRule(
                    name: "sasl-brute-force", match: EventMatch(kind: [.authFailure]),
                    threshold: 30, windowSeconds: 600))
        #expect(
            config.notifiers == [
                .sendmail(SendmailNotifierConfig()),
                .smtp(
                    SMTPNotifierConfig(
                        host: "relay.example.net", port: 587, tls: .starttls,
                        caFile: "/etc/ssl/certs/ca-certificates.crt", username: "bouncewatch",
                        passwordFile: "/etc/bouncewatch/smtp-password",
                        from: "bouncewatch@mx1.example.net", to: ["ops@example.net"])),
                .alertmanager(AlertmanagerNotifierConfig(url: "http://127.0.0.1:9093")),
                .file(FileNotifierConfig(path: "/var/lib/bouncewatch/alerts.mbox")),
            ])
    }

    @Test(arguments: [
        ("30s", 30), ("15m", 900), ("4h", 14_400), ("1d", 86_400), ("1h30m", 5_400),
        ("0d1h0m1s", 3_601), ("45", 45), ("'120'", 120),
    ])
    func durations(_ text: String, _ seconds: Int) throws {
        let config = try load("alerts:\n  - {name: x, match: {}, threshold: 1, window: \(text)}\n")
        #expect(config.alerts.first?.windowSeconds == seconds)
    }

    @Test(arguments: [
        ("server: relay.example.net", "relay.example.net", 587, SMTPTLSMode.starttls),
        ("server: relay.example.net\n    tls: implicit", "relay.example.net", 465, .implicit),
        ("server: 127.0.0.1\n    tls: none", "127.0.0.1", 25, .none),
        ("server: 127.0.0.1:2525\n    tls: none", "127.0.0.1", 2525, .none),
        ("server: '[::1]:2525'", "[::1]", 2525, .starttls),
        ("server: '[::1]'\n    tls: implicit", "[::1]", 465, .implicit),
    ])
    func smtpPortFollowsTheTLSMode(
        _ lines: String, _ host: String, _ port: Int, _ tls: SMTPTLSMode
    ) throws {
        let config = try load(
            "notifiers:\n  - type: smtp\n    \(lines)\n    from: a@b.example\n    to: c@d.example\n"
        )
        guard case .smtp(let smtp) = config.notifiers.first else {
            Issue.record("no smtp notifier")
            return
        }
        #expect(smtp.host == host)
        #expect(smtp.port == port)
        #expect(smtp.tls == tls)
    }

    @Test func singleValuesStandForListsOfOne() throws {
        let config = try load(
            """
            alerts:
              - name: one
                match: {cause: tls, mta: exim, direction: outbound, blocklist: zen.spamhaus.org}
                threshold: 2
                window: 5m
                group_by: destination
            notifiers:
              - type: sendmail
                to: ops@example.net
                from: bouncewatch@mx1.example.net
            """)
        #expect(
            config.alerts
                == [
                    AlertRule(
                        name: "one",
                        match: EventMatch(
                            mta: [.exim], cause: [.tls], blocklist: ["zen.spamhaus.org"],
                            direction: [.outbound]),
                        threshold: 2, windowSeconds: 300, groupBy: [.destination])
                ])
        #expect(
            config.notifiers == [
                .sendmail(
                    SendmailNotifierConfig(
                        from: "bouncewatch@mx1.example.net", to: ["ops@example.net"]))
            ])
    }

    @Test func repeatIntervalZeroMeansNoReminders() throws {
        let config = try load(
            "alerts:\n  - {name: x, match: {}, threshold: 1, window: 5m, repeat_interval: 0}\n")
        #expect(config.alerts.first?.repeatIntervalSeconds == 0)
    }

    @Test func namedNotifiersOfOneTypeLiveSideBySide() throws {
        let config = try load(
            """
            notifiers:
              - {type: file, path: /tmp/a.mbox}
              - {type: file, path: /tmp/b.mbox, name: second}
            """)
        #expect(config.notifiers.map(\.name) == ["file", "second"])
    }

    @Test func textfileNullOrFalseWritesNone() throws {
        #expect(try load("metrics: {textfile: null}\n").metrics.textfile == nil)
        #expect(try load("metrics: {textfile: false}\n").metrics.textfile == nil)
        #expect(try load("metrics: {textfile: ~}\n").metrics.textfile == nil)
    }

    @Test func userRulesKeepTheirLine() throws {
        let config = try load(
            """
            # our provider says 554 for a full mailbox
            rules:
              - id: user.acme-full
                cause: mailbox_full
                phrases: "quota exceeded for"
                codes: [554, 5.2.x]
                destinations: [Acme.example]
                temporary: yes
                sample: "554 5.2.2 quota exceeded for bob@acme.example"

              - id: user.no-greylist
                replaces: greylist.phrase
                disabled: true
            """)
        #expect(
            config.rules == [
                UserRuleSpec(
                    id: "user.acme-full", cause: .mailboxFull, phrases: ["quota exceeded for"],
                    codes: ["554", "5.2.x"], destinations: ["acme.example"], temporary: true,
                    sample: "554 5.2.2 quota exceeded for bob@acme.example", line: 3),
                UserRuleSpec(
                    id: "user.no-greylist", cause: nil, replaces: "greylist.phrase",
                    disabled: true, line: 11),
            ])
    }

    @Test func hostnameAndStateDirectory() throws {
        let config = try load("hostname: mx1\nstate_directory: /srv/bouncewatch\n")
        #expect(config.hostname == "mx1")
        #expect(config.stateDirectory == "/srv/bouncewatch")
        #expect(try load("hostname: null\n").hostname == nil)
    }
}
