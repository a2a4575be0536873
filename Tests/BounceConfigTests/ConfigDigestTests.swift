import BounceConfig
import BounceCore
import Testing

/// `digest:`: the scheduled digest mail.
@Suite struct ConfigDigestTests {
    static let twoNotifiers = """
        notifiers:
          - type: sendmail
            to: [root@localhost]
          - type: smtp
            server: relay.example.net
            from: bouncewatch@example.net
            to: [ops@example.net]
          - type: alertmanager
            url: http://127.0.0.1:9093
        """

    @Test func absentSendsNone() throws {
        #expect(try load("").digest == nil)
        #expect(try load("digest: false").digest == nil)
        #expect(!ConfigRenderer.render(try load("")).contains("digest:"))
    }

    @Test func scheduleAloneGoesThroughEveryMailNotifier() throws {
        let config = try load(Self.twoNotifiers + "\ndigest:\n  schedule: daily 07:00\n")
        let digest = try #require(config.digest)
        #expect(
            digest == DigestConfig(schedule: DigestSchedule(cadence: .daily, hour: 7, minute: 0)))
        #expect(digest.carriers(among: config.notifiers).map(\.name) == ["sendmail", "smtp"])
        // With no notifiers key, the default sendmail notifier carries it.
        let alone = try load("digest:\n  schedule: weekly mon 07:00\n")
        #expect(alone.digest?.carriers(among: alone.notifiers).map(\.name) == ["sendmail"])
    }

    @Test func readsEveryKeyAndRoundTrips() throws {
        let config = try load(
            Self.twoNotifiers + """

                digest:
                  schedule: weekly Monday 06:30
                  to: [postmaster@example.net, ops@example.net]
                  notifiers: [smtp]
                """)
        #expect(
            config.digest
                == DigestConfig(
                    schedule: DigestSchedule(cadence: .weekly(weekday: 1), hour: 6, minute: 30),
                    to: ["postmaster@example.net", "ops@example.net"], notifiers: ["smtp"]))
        #expect(config.digest?.carriers(among: config.notifiers).map(\.name) == ["smtp"])
        let text = ConfigRenderer.render(config)
        #expect(text.contains("digest:\n  schedule: weekly mon 06:30\n"))
        let reloaded = try ConfigLoader.load(
            yaml: text, origin: "rendered.yml", fileExists: { _ in true })
        #expect(reloaded.digest == config.digest)
    }

    @Test(arguments: [
        ("digest:\n  to: [a@example.net]", "needs a schedule"),
        ("digest:\n  schedule: hourly", "'daily HH:MM' or 'weekly DAY HH:MM'"),
        ("digest:\n  schedule: daily 25:00", "no such time of day"),
        ("digest:\n  schedule: daily 07:00\n  to: [not an address]", "address"),
        ("digest:\n  schedule: daily 07:00\n  notifiers: [smtp]", "not a configured notifier"),
        ("digest:\n  schedule: daily 07:00\n  notifiers: []", "at least one"),
        ("digest:\n  schedule: daily 07:00\n  shedule: x", "unknown key"),
        ("digest: [daily]", "expected a mapping"),
    ])
    func rejects(_ yaml: String, _ message: String) {
        let found = problems(yaml)
        #expect(found.contains { $0.message.contains(message) }, "\(found)")
        #expect(found.allSatisfy { $0.key.hasPrefix("digest") }, "\(found)")
    }

    @Test func refusesANotifierThatCannotSendMail() {
        let onlyAlertmanager = """
            notifiers:
              - type: alertmanager
                url: http://127.0.0.1:9093
            """
        let named = problems(
            onlyAlertmanager + "\ndigest:\n  schedule: daily 07:00\n  notifiers: [alertmanager]\n")
        #expect(named.contains { $0.message.contains("cannot send mail") }, "\(named)")
        let unnamed = problems(onlyAlertmanager + "\ndigest:\n  schedule: daily 07:00\n")
        #expect(unnamed.contains { $0.message.contains("no notifier sends mail") }, "\(unnamed)")
    }
}
