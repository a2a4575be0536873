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

    /// Counts a delivery (failures under `cause`).
    @inline(__always)
    public mutating func deliver(
        _ event: borrowing RawEvent, cause: Cause?, in line: UnsafeBufferPointer<UInt8>
    ) {
        hasOwnLines = true
        let key = MessageKey(event, in: line)
        let facts = book.facts(for: key)
        if let facts, facts.hasFirstLine {
            tally.add(facts, status: event.status, cause: cause)
            return
        }
        orphans.append(
            MessageOrphan(
                key: key, facts: facts ?? MessageFacts(), status: event.status, cause: cause))
    }

    /// Adds what a piece of later lines counted: its orphans are completed by the messages
    /// open here, its counts join these, and its open messages join or replace these.
    public mutating func merge(_ later: ScanMessages) {
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
                orphans.append(
                    MessageOrphan(
                        key: orphan.key, facts: facts!, status: orphan.status, cause: orphan.cause))
                continue
            }
            count(facts!, orphan.status, orphan.cause)
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
    /// their own lines said.
    public func report() -> SenderReport {
        var total = self
        let orphans = total.orphans
        total.orphans.removeAll()
        for orphan in orphans { total.count(orphan.facts, orphan.status, orphan.cause) }
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
}
