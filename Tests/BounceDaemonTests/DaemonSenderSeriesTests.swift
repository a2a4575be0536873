import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// The daemon's message state and sender series: a planned log's deliveries by sender domain
/// and SASL user come out of the textfile exactly, and continue across a restart.
@Suite struct DaemonSenderSeriesTests {
    /// One message: smtpd `client=` (a login when `user` is given), qmgr `from=`, `sent`
    /// deliveries, and qmgr `removed` when `removed`.
    static func message(
        _ queue: String, sender: String, user: String?, deliveries: Int, removed: Bool = true
    ) -> String {
        let login = user.map { ", sasl_method=PLAIN, sasl_username=\($0)" } ?? ""
        var text =
            "Nov 26 10:00:00 mx1 postfix/smtpd[10]: \(queue): client=c.example[192.0.2.9]\(login)\n"
            + "Nov 26 10:00:00 mx1 postfix/qmgr[11]: \(queue): from=<\(sender)>, size=100,"
            + " nrcpt=\(deliveries) (queue active)\n"
        for index in 0..<deliveries {
            text +=
                "Nov 26 10:00:01 mx1 postfix/smtp[12]: \(queue): to=<u\(index)@d.example>,"
                + " relay=mx.example[192.0.2.1]:25, delay=1, delays=0/0/0/0, dsn=2.0.0,"
                + " status=sent (250 2.0.0 ok)\n"
        }
        if removed { text += "Nov 26 10:00:02 mx1 postfix/qmgr[11]: \(queue): removed\n" }
        return text
    }

    /// `family label` → the sum of its samples in the textfile.
    static func sums(_ textfile: String, _ family: String, by label: String) throws -> [String: Int]
    {
        let text = try String(contentsOfFile: textfile, encoding: .utf8)
        var sums: [String: Int] = [:]
        for sample in text.split(separator: "\n") where sample.hasPrefix(family + "{") {
            guard let start = sample.range(of: "\(label)=\"") else { continue }
            let value = String(sample[start.upperBound...].prefix { $0 != "\"" })
            sums[value, default: 0] += Int(sample.split(separator: " ").last ?? "") ?? -1
        }
        return sums
    }

    static func sample(_ textfile: String, _ name: String) throws -> Int? {
        let text = try String(contentsOfFile: textfile, encoding: .utf8)
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") }
    }

    var configuration: (DaemonHarness) -> Configuration = { harness in
        var configuration = harness.mailLogConfiguration
        configuration.metrics.topSenderDomains = 10
        configuration.metrics.topSASLUsers = 10
        return configuration
    }

    @Test func senderSeriesEqualThePlannedCountsAndSurviveARestart() throws {
        let harness = try DaemonHarness()
        try harness.append(
            "mail.log",
            text: Self.message(
                "4F2A81C0A1", sender: "alice@Sender.example", user: "alice", deliveries: 3)
                + Self.message("4F2A81C0A2", sender: "bob@other.example", user: nil, deliveries: 2)
                + Self.message(
                    "4F2A81C0A3", sender: "", user: "robot", deliveries: 1, removed: false))
        let configuration = configuration(harness)
        let loop = try harness.restart(
            configuration,
            whileRunning: { _ in
                let domains = try Self.sums(
                    harness.textfile, "bouncewatch_sender_deliveries_total", by: "sender_domain")
                #expect(domains == ["sender.example": 3, "other.example": 2, "<>": 1])
                let users = try Self.sums(
                    harness.textfile, "bouncewatch_sasl_user_deliveries_total", by: "sasl_username")
                #expect(users == ["alice": 3, "robot": 1])
                // Two messages left the queue; the third is still held.
                #expect(
                    try Self.sample(harness.textfile, "bouncewatch_message_state_messages") == 1)
            },
            whileStopped: {
                try harness.append(
                    "mail.log",
                    text: Self.message(
                        "4F2A81C0B1", sender: "carol@sender.example", user: "alice", deliveries: 2))
            })
        loop.flush()
        #expect(
            try Self.sums(
                harness.textfile, "bouncewatch_sender_deliveries_total", by: "sender_domain")
                == ["sender.example": 5, "other.example": 2, "<>": 1])
        #expect(
            try Self.sums(
                harness.textfile, "bouncewatch_sasl_user_deliveries_total", by: "sasl_username")
                == ["alice": 5, "robot": 1])
        // Message lines still count as ignored lines: 6 + 4 + 2 + 5 (client, from, removed).
        let lines = try Self.sums(harness.textfile, "bouncewatch_lines_total", by: "result")
        #expect(lines == ["event": 8, "ignored": 11, "unrecognized": 0])
    }

    @Test func offByDefault() throws {
        let harness = try DaemonHarness()
        try harness.append(
            "mail.log",
            text: Self.message("4F2A81C0A1", sender: "a@b.example", user: "a", deliveries: 1))
        try harness.runOnce(harness.mailLogConfiguration)
        #expect(
            try Self.sums(
                harness.textfile, "bouncewatch_sender_deliveries_total", by: "sender_domain"
            )
            .isEmpty)
        #expect(try Self.sample(harness.textfile, "bouncewatch_message_state_messages") == 0)
    }

    @Test func theSenderOfADeliveryIsReadyForTheAlertHook() throws {
        let lines = Self.message(
            "4F2A81C0A1", sender: "alice@Sender.example", user: "alice", deliveries: 1
        )
        .split(separator: "\n").map(String.init)
        let metrics = MetricsStore(topDestinations: 10)
        var found: MessageSender?
        var pipeline = EventPipeline(
            metrics: metrics, classifier: .standard, alerts: NoAlertHook())
        pipeline.followsMessages = true
        pipeline.take(lines: lines) { state, outcome, event, line in
            if outcome == .event { found = state.sender(for: event, in: line, time: 1000) }
        }
        #expect(found?.address == "alice@Sender.example")
        #expect(found?.domain == "sender.example")
        #expect(found?.saslUser == "alice")
        #expect(found?.clientIP == "192.0.2.9")
        #expect(found?.arrival == 999)
    }
}
