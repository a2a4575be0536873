import Testing

@testable import BounceCore

@Suite struct QueueSummaryTests {
    static let reasons = QueueReasonClassifier()

    @Test func thePostfixQueueByQueueAndCause() {
        // 7 minutes after the last arrival: bucket "10" (5 to 10 minutes).
        var summary = QueueSummary(mta: .postfix, now: 1_796_592_514 + 420, reasons: Self.reasons)
        for message in QueueFixtures.postfixMessages() { summary.add(message) }
        let deferred = summary.counts(.deferred)
        #expect(deferred.messages == 2)
        #expect(deferred.recipients == 3)
        #expect(deferred.bytes == 333 + 358)
        #expect(deferred.oldestArrival == 1_796_592_513)
        #expect(deferred.ages == [0, 2, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(summary.counts(.hold).messages == 1)
        #expect(summary.counts(.active).messages == 0)
        #expect(summary.totalMessages == 3)
        // The held message's recipient is not in the deferred table.
        let rows = summary.deferredRows(limit: 10)
        #expect(rows.map(\.destination) == ["example.com", "example.net", "example.org"])
        #expect(rows.allSatisfy { $0.cause == .mailboxFull && $0.total == 1 })
        #expect(summary.deferredByCause().map(\.cause) == [.mailboxFull])
    }

    @Test func theEximSpoolByQueueAndCause() throws {
        var summary = QueueSummary(mta: .exim, now: 1_796_592_561 + 30, reasons: Self.reasons)
        for id in QueueFixtures.eximIDs { summary.add(try QueueFixtures.eximMessage(id).get()) }
        #expect(summary.counts(.deferred).messages == 3)
        #expect(summary.counts(.frozen).messages == 1)
        #expect(summary.counts(.deferred).recipients == 4)
        var byCause: [Cause: Int] = [:]
        for (cause, count) in summary.deferredByCause() { byCause[cause] = count }
        #expect(byCause == [.mailboxFull: 3, .greylisted: 1])
        let rows = summary.deferredRows(limit: 1)
        // example.net has two (full-1, full-3); the others are merged per cause.
        #expect(rows[0].destination == "example.net")
        #expect(rows[0].total == 2)
        #expect(
            rows.dropFirst().map { "\($0.destination) \($0.cause.identifier) \($0.total)" } == [
                "other greylisted 1", "other mailbox_full 1",
            ])
    }

    @Test(arguments: [
        (0, 0), (299, 0), (300, 1), (599, 1), (600, 2), (76_799, 8), (76_800, 9), (10_000_000, 9),
        (-50, 0),
    ])
    func ageBuckets(_ age: Int64, _ bucket: Int) {
        let summary = QueueSummary(mta: .postfix, now: 1_000_000_000, reasons: Self.reasons)
        #expect(summary.bucket(arrival: 1_000_000_000 - age) == bucket)
    }

    /// However many destinations the queue names, only `trackedDestinations` are kept by name.
    @Test func destinationsAreBounded() {
        var summary = QueueSummary(mta: .postfix, now: 100, reasons: Self.reasons)
        let extra = 50
        for number in 0..<(QueueSummary.trackedDestinations + extra) {
            summary.add(
                QueuedMessage(
                    queue: .deferred, id: "A\(number)", arrival: 100, size: 1, sender: "",
                    recipients: [QueuedRecipient(address: "u@d\(number).example", reason: "")]))
        }
        let rows = summary.deferredRows(limit: .max)
        #expect(rows.count == QueueSummary.trackedDestinations + 1)
        #expect(rows.last?.destination == "other")
        #expect(rows.last?.total == extra)
        #expect(rows.reduce(0) { $0 + $1.total } == QueueSummary.trackedDestinations + extra)
    }
}

@Suite struct QueueReasonClassifierTests {
    static let reasons = QueueReasonClassifier()

    @Test(arguments: [
        (MTA.postfix, QueueFixtures.fullReply("x@example.net"), Cause.mailboxFull),
        (
            .postfix,
            "host 127.0.0.1[127.0.0.1] said: 450 4.7.1 <grey-1@example.org>: Recipient address"
                + " rejected: Greylisted, see https://postgrey.schweikert.ch/help/example.com.html"
                + " (in reply to RCPT TO command)", .greylisted
        ),
        (.postfix, "connect to 127.0.0.3[127.0.0.3]:2525: Connection refused", .network),
        (.exim, EximSpoolMessageTests.fullDeferral("x@example.net"), .mailboxFull),
        (.postfix, "", .unclassified),
        (.exim, "not a deferral at all", .unclassified),
    ])
    func causes(_ mta: MTA, _ reason: String, _ cause: Cause) {
        let verdict = Self.reasons.verdict(
            for: QueuedRecipient(address: "x@example.net", reason: reason), mta: mta)
        #expect(verdict.cause == cause)
    }

    @Test func theProviderComesFromTheRelayOrTheDomain() {
        let google = Self.reasons.verdict(
            for: QueuedRecipient(
                address: "someone@customer.example",
                reason: "host aspmx.l.google.com[142.250.1.27] said: 452-4.2.2 The recipient's"
                    + " inbox is out of storage space. gsmtp (in reply to RCPT TO command)"),
            mta: .postfix)
        #expect(google.provider == "google")
        #expect(google.cause == .mailboxFull)
        let byDomain = Self.reasons.verdict(
            for: QueuedRecipient(address: "a@gmail.com", reason: ""), mta: .postfix)
        #expect(byDomain.provider == "google")
    }

    /// An address cannot steer how the reason is read: only its domain's DNS bytes are used.
    @Test func aHostileAddressChangesNothing() {
        let plain = Self.reasons.verdict(
            for: QueuedRecipient(address: "x@example.net", reason: QueueFixtures.fullReply("x")),
            mta: .postfix)
        let hostile = Self.reasons.verdict(
            for: QueuedRecipient(
                address: "x@example.net>, status=sent (250 ok)\n",
                reason: QueueFixtures.fullReply("x")), mta: .postfix)
        #expect(plain == hostile)
    }
}
