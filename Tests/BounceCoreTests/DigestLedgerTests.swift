import Testing

@testable import BounceCore

private func utc(_ unix: Int) -> Int { 0 }

/// 2026-12-07 07:00 UTC, a Monday; the daily period before it starts a day earlier.
private let mondaySeven = 1_796_626_800
private let day = 86_400

/// The daemon's digest ledger: events placed by time, the period closed once, and everything
/// kept across a checkpoint.
@Suite struct DigestLedgerTests {
    let daily = DigestSchedule(cadence: .daily, hour: 7, minute: 0)

    static let bounce =
        "Dec  6 10:00:00 mx1 postfix/smtp[1]: 1A2B3C4D5E: to=<a@example.com>,"
        + " relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1,"
        + " status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown"
        + " (in reply to RCPT TO command))"
    static let sent =
        "Dec  6 10:00:01 mx1 postfix/smtp[1]: 1A2B3C4D5F: to=<b@example.com>,"
        + " relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0,"
        + " status=sent (250 2.0.0 Ok)"

    /// Adds `line` to `ledger` at `time`.
    func add(_ line: String, at time: Int?, to ledger: inout DigestLedger) {
        ClassifiedLines.forEach([line]) { _, event, classification, buffer in
            ledger.add(event, classification, in: buffer, time: time.map(Int64.init), provider: nil)
        }
    }

    @Test func eventsArePlacedByTheirTime() throws {
        var ledger = DigestLedger(schedule: daily, now: mondaySeven - 3600, utcOffset: utc)
        #expect(ledger.periodStart == mondaySeven - day)
        #expect(ledger.previousStart == mondaySeven - 2 * day)
        add(Self.bounce, at: mondaySeven - 10, to: &ledger)  // open period
        add(Self.sent, at: mondaySeven - 5, to: &ledger)  // open period
        add(Self.sent, at: nil, to: &ledger)  // no time: open period
        add(Self.bounce, at: mondaySeven - day - 1, to: &ledger)  // the period before
        add(Self.bounce, at: mondaySeven - 2 * day - 1, to: &ledger)  // older: left out
        add(Self.sent, at: mondaySeven, to: &ledger)  // the next period, read early
        let early = ledger.close(now: mondaySeven - 1, utcOffset: utc, hostname: "mx1")
        #expect(early == nil)
        let result = ledger.close(now: mondaySeven + 2, utcOffset: utc, hostname: "mx1")
        let closed = try #require(result)
        #expect(closed.skipped == 0)
        #expect(closed.digest.start == Int64(mondaySeven - day))
        #expect(closed.digest.end == Int64(mondaySeven))
        #expect(closed.digest.current.deliveries == StatusCounts(sent: 2, bounced: 1))
        #expect(closed.digest.previous.deliveries == StatusCounts(bounced: 1))
        #expect(closed.digest.causes.map(\.cause) == [.recipientUnknown])
        // The next period goes on from what was read early; a second close sends nothing.
        let again = ledger.close(now: mondaySeven + 3, utcOffset: utc, hostname: "mx1")
        #expect(again == nil)
        #expect(ledger.periodStart == mondaySeven)
        #expect(ledger.current.report().deliveries == StatusCounts(sent: 1))
        #expect(ledger.previous.report().deliveries == StatusCounts(sent: 2, bounced: 1))
    }

    @Test func theLedgerSurvivesItsCheckpointLines() throws {
        var ledger = DigestLedger(schedule: daily, now: mondaySeven - 3600, utcOffset: utc)
        add(Self.bounce, at: mondaySeven - 10, to: &ledger)
        add(Self.bounce, at: mondaySeven - day - 1, to: &ledger)
        add(Self.sent, at: mondaySeven + 1, to: &ledger)
        let lines = ledger.checkpointLines()
        #expect(lines.first == "digest/1 =daily%2007:00 \(mondaySeven - day) \(mondaySeven)")
        let restored = try DigestLedger(
            checkpointLines: lines, schedule: daily, now: mondaySeven + day * 3, utcOffset: utc)
        #expect(restored == ledger)
        // Restored days later, the saved period still closes (once, with the missed moments
        // counted as skipped).
        var late = restored
        let result = late.close(now: mondaySeven + day * 3, utcOffset: utc, hostname: "h")
        let closed = try #require(result)
        #expect(closed.skipped == 3)
        #expect(closed.digest.current.deliveries == StatusCounts(bounced: 1))
        let second = late.close(now: mondaySeven + day * 3, utcOffset: utc, hostname: "h")
        #expect(second == nil)
    }

    @Test func anotherScheduleKeepsTheCountersAndMovesTheEnd() throws {
        var ledger = DigestLedger(schedule: daily, now: mondaySeven - 3600, utcOffset: utc)
        add(Self.bounce, at: mondaySeven - 10, to: &ledger)
        let weekly = DigestSchedule(cadence: .weekly(weekday: 1), hour: 6, minute: 0)
        let restored = try DigestLedger(
            checkpointLines: ledger.checkpointLines(), schedule: weekly, now: mondaySeven,
            utcOffset: utc)
        #expect(restored.cursor.periodEnd == mondaySeven - 3600 + 7 * day)
        #expect(restored.current == ledger.current)
    }

    @Test func damagedSectionsAreRefused() {
        let good = DigestLedger(schedule: daily, now: mondaySeven, utcOffset: utc)
            .checkpointLines()
        for lines in [
            [], ["digest/2 =daily%2007:00 1 2"] + good.dropFirst(), Array(good.dropLast()),
            good + ["extra"], ["digest/1 =daily%2007:00 5 2"] + good.dropFirst(),
        ] {
            #expect(throws: DigestStateError.self) {
                try DigestLedger(checkpointLines: lines, schedule: daily, now: 0, utcOffset: utc)
            }
        }
    }
}
