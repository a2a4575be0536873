import BounceConfig
import BounceCore
import Testing

@Suite struct ConfigDefaultsTests {
    @Test(arguments: ["", "# nothing but a comment\n", "---\n", "{}\n", "~\n"])
    func anEmptyFileIsTheDefaultConfiguration(_ yaml: String) throws {
        let config = try load(yaml)
        #expect(config.sources == [.file(FileSourceConfig(path: "/var/log/mail.log"))])
        #expect(config.stateDirectory == "/var/lib/bouncewatch")
        #expect(config.hostname == nil)
        #expect(
            config.metrics.textfile == "/var/lib/prometheus/node-exporter/bouncewatch.prom")
        #expect(config.metrics.intervalSeconds == 15)
        #expect(config.metrics.topDestinations == 50)
        #expect(config.alerts == AlertRule.defaults)
        #expect(config.alerts.count == 8)
        #expect(
            config.notifiers == [
                .sendmail(
                    SendmailNotifierConfig(
                        path: "/usr/sbin/sendmail", arguments: ["-t", "-oi"], from: nil,
                        to: ["postmaster@localhost"], name: "sendmail"))
            ])
        #expect(config.rules.isEmpty)
    }

    @Test func anEmptyFileOnAJournalOnlyMachineReadsTheJournal() throws {
        let config = try load("", existing: [])
        #expect(
            config.sources == [
                .journal(
                    JournalSourceConfig(
                        directory: nil, files: [], identifiers: ["postfix", "exim"],
                        startAt: .end, name: "journal"))
            ])
    }

    @Test func alertsAbsentMeansTheBuiltInRulesAndAnEmptyListMeansNone() throws {
        #expect(try load("metrics: {interval: 1m}\n").alerts == AlertRule.defaults)
        #expect(try load("alerts: []\n").alerts.isEmpty)
        #expect(try load("default_alerts: false\n").alerts.isEmpty)
        #expect(try load("notifiers: []\n").notifiers.isEmpty)
    }

    @Test func anOwnRuleReplacesTheBuiltInOfTheSameNameAndOthersFollowThem() throws {
        let config = try load(
            """
            default_alerts: true
            alerts:
              - name: blacklisted
                match: {cause: blacklisted}
                threshold: 3
                window: 1h
              - name: gmail-bounces
                match: {status: bounced, destination: Gmail.com}
                threshold: 10
                window: 30m
            """)
        #expect(config.alerts.count == AlertRule.defaults.count + 1)
        #expect(config.alerts[0].name == "blacklisted")
        #expect(config.alerts[0].threshold == 3)
        #expect(config.alerts[0].windowSeconds == 3600)
        #expect(config.alerts[0].groupBy.isEmpty)
        #expect(
            Array(config.alerts[1..<AlertRule.defaults.count])
                == Array(AlertRule.defaults.dropFirst()))
        #expect(
            config.alerts.last
                == AlertRule(
                    name: "gmail-bounces",
                    match: EventMatch(status: [.bounced], destination: ["gmail.com"]),
                    threshold: 10, windowSeconds: 1800))
    }
}
