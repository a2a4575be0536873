import BounceTestSupport
import Testing

@testable import BounceCore

/// The sender families of the metrics store (`metrics.senders`, `metrics.sasl_users`): fed
/// from the message state, exact, bounded, and kept across a checkpoint.
@Suite struct MetricsStoreSenderTests {
    /// Postfix lines of one message: smtpd `client=` (with a SASL login when `user` is given),
    /// qmgr `from=`, then one delivery per status.
    static func message(
        _ queue: String, sender: String, user: String?, statuses: [String]
    ) -> [String] {
        let login = user.map { ", sasl_method=PLAIN, sasl_username=\($0)" } ?? ""
        var lines = [
            "Nov 26 10:00:00 mx1 postfix/smtpd[10]: \(queue): client=c.example[192.0.2.9]\(login)",
            "Nov 26 10:00:00 mx1 postfix/qmgr[11]: \(queue): from=<\(sender)>, size=100, nrcpt=1"
                + " (queue active)",
        ]
        for (index, status) in statuses.enumerated() {
            let reply =
                status == "sent"
                ? "dsn=2.0.0, status=sent (250 2.0.0 ok)"
                : "dsn=4.2.0, status=deferred (host mx.example[192.0.2.1] said: 450 4.2.0 try"
                    + " again later (in reply to RCPT TO command))"
            lines.append(
                "Nov 26 10:00:0\(index + 1) mx1 postfix/smtp[12]: \(queue): to=<u\(index)@d.example>,"
                    + " relay=mx.example[192.0.2.1]:25, delay=1, delays=0/0/0/0, \(reply)")
        }
        return lines
    }

    /// Feeds `lines` to `store` as the daemon does: notes to `book`, deliveries counted by
    /// destination and by sender.
    static func feed(
        _ lines: [String], into store: inout MetricsStore, book: inout MessageBook,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let unread = DaemonLineFeed.feed(lines, into: &store, book: &book)
        #expect(unread.isEmpty, "not read: \(unread)", sourceLocation: sourceLocation)
    }

    /// `name status` → deliveries, from a family of the snapshot.
    static func totals(_ rows: [MetricsSnapshot.Destination]) -> [String: Int] {
        var result: [String: Int] = [:]
        for row in rows {
            for cell in row.cells {
                result["\(row.name) \(cell.status.identifier)", default: 0] += cell.count
            }
        }
        return result
    }

    static let log =
        message(
            "4F2A81C0A1", sender: "alice@Sender.example", user: "alice",
            statuses: ["sent", "sent", "deferred"])
        + message("4F2A81C0A2", sender: "bob@other.example", user: nil, statuses: ["sent"])
        + message("4F2A81C0A3", sender: "", user: "robot", statuses: ["deferred"])

    /// A store keeping the top `domains` sender domains and `users` SASL users, fed `log` and
    /// rebalanced, with the book that followed its messages.
    static func storeFedTheLog(
        domains: Int?, users: Int?, sourceLocation: SourceLocation = #_sourceLocation
    ) -> (MetricsStore, MessageBook) {
        var store = MetricsStore(topDestinations: 10)
        store.setSenderSeries(domains: domains, users: users)
        var book = MessageBook()
        feed(log, into: &store, book: &book, sourceLocation: sourceLocation)
        store.rebalance()
        return (store, book)
    }

    @Test func deliveriesCountBySenderDomainAndSASLUser() {
        let (store, _) = Self.storeFedTheLog(domains: 10, users: 10)
        let snapshot = store.snapshot()
        #expect(
            Self.totals(snapshot.senderDomains) == [
                "sender.example sent": 2, "sender.example deferred": 1, "other.example sent": 1,
                "<> deferred": 1,
            ])
        #expect(
            Self.totals(snapshot.saslUsers) == [
                "alice sent": 2, "alice deferred": 1, "robot deferred": 1,
            ])
    }

    @Test func offCountsNothingAndATopOfOneLeavesTheRestInOther() {
        var off = MetricsStore(topDestinations: 10)
        var book = MessageBook()
        Self.feed(Self.log, into: &off, book: &book)
        #expect(off.snapshot().senderDomains.isEmpty && off.snapshot().saslUsers.isEmpty)
        let (one, _) = Self.storeFedTheLog(domains: 1, users: nil)
        #expect(
            Self.totals(one.snapshot().senderDomains) == [
                "sender.example sent": 2, "sender.example deferred": 1, "other sent": 1,
                "other deferred": 1,
            ])
        #expect(one.snapshot().saslUsers.isEmpty)
    }

    @Test func theSenderSeriesSurviveACheckpointAndCountOn() throws {
        var (store, book) = Self.storeFedTheLog(domains: 10, users: 10)
        let lines = store.checkpointLines()
        #expect(lines.contains { $0.hasPrefix("sender domain ") })
        #expect(lines.contains { $0.hasPrefix("scell user ") })
        var restored = try MetricsStore(topDestinations: 10, checkpointLines: lines)
        restored.setSenderSeries(domains: 10, users: 10)
        #expect(restored.snapshot() == store.snapshot())
        #expect(restored.checkpointLines() == lines)
        let more = Self.message(
            "4F2A81C0B1", sender: "carol@sender.example", user: "alice", statuses: ["sent"])
        Self.feed(more, into: &store, book: &book)
        Self.feed(more, into: &restored, book: &book)
        store.rebalance()
        restored.rebalance()
        #expect(restored.snapshot() == store.snapshot())
        #expect(Self.totals(restored.snapshot().saslUsers)["alice sent"] == 3)
    }

    @Test func aDamagedSenderRecordIsRefused() {
        let forged = [
            ["bouncewatch-metrics 1", "epoch 1", "sender nobody x.example 0 0 0 0", "end 3"],
            [
                "bouncewatch-metrics 1", "epoch 1", "scell domain s:x.example postfix sent - 1",
                "end 3",
            ],
            ["bouncewatch-metrics 1", "epoch 1", "sender user s:Bob 0 0 1 0", "end 3"],
        ]
        for lines in forged {
            #expect(throws: MetricsRestoreError.self) {
                try MetricsStore(topDestinations: 10, checkpointLines: lines)
            }
        }
    }
}
