/// `scan`'s message state: who sent each delivery, by sender domain and SASL user.
///
/// A piece of the log keeps its own `MessageBook` and counts the deliveries of the messages it
/// saw start (`MessageFacts.hasFirstLine`) by name number. A delivery of a message that did
/// not start in the piece is kept as a `MessageOrphan` with what the piece knew, and placed
/// when the piece is merged after the pieces before it: their book, holding the messages still
/// open at their end, completes it. Every count stays a name number until the report; so a log
/// cut into pieces gives the counts of one pass, and a piece costs a few table steps a line.
public struct ScanMessages: Sendable {
    var book = MessageBook(keepsAddresses: false)
    var tally = SenderTally()
    /// Deliveries whose message did not start in the lines read or merged so far.
    var orphans: [MessageOrphan] = []
    /// Messages removed that did not start here: open in earlier pieces.
    var foreignRemovals: [MessageKey] = []
    /// Deliveries of messages whose sender the log never said (their first lines are before
    /// it began, or were dropped).
    public private(set) var deliveriesWithoutSender = 0
    /// Open messages dropped by the bound, and names that did not fit, in merged pieces.
    var evicted = 0
    var namesOverflowed = 0
    /// Whether this value read lines itself (a piece), rather than only merged pieces from the
    /// start of the log.
    private var hasOwnLines = false
    private var days = MessageDayCache()

    public init() {}

    /// Takes in a message note (`LineOutcome.message`).
    @inline(__always)
    public mutating func note(_ event: borrowing RawEvent, in line: UnsafeBufferPointer<UInt8>) {
        hasOwnLines = true
        let key = MessageKey(event, in: line)
        guard event.note == .removed else {
            book.note(event, key: key, in: line)
            return
        }
        if book.remove(key)?.hasFirstLine != true, !key.isNone { foreignRemovals.append(key) }
    }

    /// Counts a delivery (failures under `cause`); a final outcome with no delay of its own
    /// (Exim's without `QT=`, Postfix's expiry) gets one from the message's arrival, into
    /// `delays`.
    @inline(__always)
    public mutating func deliver(
        _ event: borrowing RawEvent, cause: Cause?, in line: UnsafeBufferPointer<UInt8>,
        delays: inout DeliveryDelayTally
    ) {
        hasOwnLines = true
        let key = MessageKey(event, in: line)
        let facts = book.facts(for: key)
        let status = event.status
        var time = MessageClock.unknown
        if event.delayMillis < 0, DeliveryDelay.isFinal(status), let stamp = event.timestamp {
            time = days.milliseconds(stamp)
        }
        let yearless = event.timestamp?.year == nil
        if let facts, facts.hasFirstLine {
            tally.add(facts, status: status, cause: cause)
            if time != MessageClock.unknown {
                Self.addDelay(from: facts.arrival, to: time, yearless, status, into: &delays)
            }
            return
        }
        orphans.append(
            MessageOrphan(
                key: key, facts: facts ?? MessageFacts(), status: status, cause: cause,
                time: time, yearless: yearless))
    }

    /// Adds the delay from `arrival` to `time` at `status`, when both are known.
    @inline(__always)
    static func addDelay(
        from arrival: Int64, to time: Int64, _ yearless: Bool, _ status: DeliveryStatus,
        into delays: inout DeliveryDelayTally
    ) {
        guard let delay = MessageClock.delay(from: arrival, to: time, yearless: yearless) else {
            return
        }
        delays.add(status, millis: Int32(clamping: delay))
    }

    /// Adds what a piece of later lines counted: its orphans are completed by the messages
    /// open here, its counts join these, and its open messages join or replace these.
    public mutating func merge(_ later: ScanMessages, delays: inout DeliveryDelayTally) {
        var map = [UInt32](repeating: UInt32.max, count: later.book.names.count)
        let from = later.book.names
        func number(_ name: UInt32) -> UInt32 {
            let index = Int(name)
            guard index < map.count else { return MessageNames.none }
            if map[index] == UInt32.max { map[index] = book.names.number(of: name, in: from) }
            return map[index]
        }
        for orphan in later.orphans {
            var facts = orphan.key.isNone ? nil : book.facts(for: orphan.key)
            let local = orphan.facts.renumbered(by: number)
            if facts == nil {
                facts = local
            } else {
                facts!.overlay(local)
            }
            // Not started in any lines before: a piece with lines of its own may yet be merged
            // after earlier pieces, which may complete it; the start of the log counts it.
            if hasOwnLines, facts?.hasFirstLine != true, !orphan.key.isNone {
                var kept = orphan
                kept.facts = facts!
                orphans.append(kept)
                continue
            }
            count(facts!, orphan.status, orphan.cause)
            if orphan.time != MessageClock.unknown {
                Self.addDelay(
                    from: facts!.arrival, to: orphan.time, orphan.yearless, orphan.status,
                    into: &delays)
            }
        }
        tally.add(later.tally, numbering: number)
        for key in later.foreignRemovals { book.remove(key) }
        later.book.forEach { key, facts in
            let renumbered = facts.renumbered(by: number)
            book.merge(key, renumbered)
        }
        deliveriesWithoutSender += later.deliveriesWithoutSender
        evicted += later.evicted + later.book.evictedByAge + later.book.evictedByLimit
        namesOverflowed += later.namesOverflowed + later.book.names.overflowed
    }

    /// Forgets everything, keeping storage (a reused piece).
    public mutating func reset() {
        book.removeAll()
        tally.removeAll()
        orphans.removeAll(keepingCapacity: true)
        foreignRemovals.removeAll(keepingCapacity: true)
        deliveriesWithoutSender = 0
        evicted = 0
        namesOverflowed = 0
        hasOwnLines = false
    }

    /// The report's sections: the orphans nothing earlier completed are counted with what
    /// their own lines said (their delays into `delays`).
    public func report(delays: inout DeliveryDelayTally) -> SenderReport {
        var total = self
        let orphans = total.orphans
        total.orphans.removeAll()
        for orphan in orphans {
            total.count(orphan.facts, orphan.status, orphan.cause)
            if orphan.time != MessageClock.unknown {
                Self.addDelay(
                    from: orphan.facts.arrival, to: orphan.time, orphan.yearless, orphan.status,
                    into: &delays)
            }
        }
        var names = total.book.names
        var domains: [String: SenderRow] = [:]
        var users: [String: SenderRow] = [:]
        total.tally.forEachDomain { number, row in
            if let name = names.string(number) { domains[name, default: SenderRow()].add(row) }
        }
        total.tally.forEachUser { number, row in
            if let name = names.string(number) { users[name, default: SenderRow()].add(row) }
        }
        var report = SenderReport()
        (report.domains, report.otherDomains) = SenderSummary.top(
            domains, limit: SenderReport.limit)
        (report.users, report.otherUsers) = SenderSummary.top(users, limit: SenderReport.limit)
        report.deliveriesWithoutSender = total.deliveriesWithoutSender
        report.evictedMessages =
            total.evicted + total.book.evictedByAge + total.book.evictedByLimit
        report.namesOverflowed = total.namesOverflowed + total.book.names.overflowed
        return report
    }

    /// Counts one delivery of a message with `facts`.
    private mutating func count(_ facts: MessageFacts, _ status: DeliveryStatus, _ cause: Cause?) {
        if facts.senderDomain == MessageNames.none, facts.saslUser == MessageNames.none {
            deliveriesWithoutSender += 1
        } else {
            tally.add(facts, status: status, cause: cause)
        }
    }
}

/// A delivery whose message did not start in the lines that read it.
struct MessageOrphan: Sendable {
    var key: MessageKey
    /// What those lines knew (by their book's name numbers).
    var facts: MessageFacts
    var status: DeliveryStatus
    var cause: Cause?
    /// When a final outcome without a delay of its own happened, to take its delay from the
    /// arrival once known; `MessageClock.unknown` otherwise.
    var time = MessageClock.unknown
    var yearless = false
}
