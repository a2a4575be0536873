/// `scan`'s message state: who sent each delivery, by sender domain and SASL user.
///
/// A piece of the log keeps its own `MessageBook` and counts the deliveries of the messages
/// it saw start (`MessageFacts.hasFirstLine`) by name number. A delivery of a message that
/// started earlier cannot be placed inside the piece: it is kept as a `MessageOrphan` and
/// placed when the piece is merged after the pieces before it, whose messages still open at
/// their ends are kept by name (`open`). So a log cut into pieces gives the counts of one pass.
public struct ScanMessages: Sendable {
    /// The piece's own state.
    var book = MessageBook(keepsAddresses: false)
    var tally = SenderTally()
    var orphans: [MessageOrphan] = []
    /// Messages removed in the piece that it did not see start: open in earlier pieces.
    var foreignRemovals: [MessageKey] = []

    /// What merged pieces counted, by name.
    public private(set) var domains: [String: SenderRow] = [:]
    public private(set) var users: [String: SenderRow] = [:]
    /// Messages still open at the end of the pieces merged so far.
    var open: [MessageKey: OpenMessage] = [:]
    /// Deliveries of messages whose sender the log never said (their first lines are before
    /// it began, or were dropped).
    public private(set) var deliveriesWithoutSender = 0
    /// Open messages dropped by the bound, and names that did not fit.
    public private(set) var evicted = 0
    public private(set) var namesOverflowed = 0

    public init() {}

    /// Takes in a message note (`LineOutcome.message`).
    @inline(__always)
    public mutating func note(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) {
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
        _ event: RawEvent, cause: Cause?, in line: UnsafeBufferPointer<UInt8>
    ) {
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

    /// Adds what a piece of later lines counted: its orphans are placed with the messages open
    /// here, then its counts and open messages join these.
    public mutating func merge(_ later: ScanMessages) {
        settleOwnPiece()
        absorb(later)
    }

    /// Moves what this value read itself into its merged counts: lines it read come before
    /// any it merges.
    private mutating func settleOwnPiece() {
        guard book.count > 0 || !tally.isEmpty || !orphans.isEmpty || !foreignRemovals.isEmpty
        else { return }
        var piece = ScanMessages()
        swap(&piece.book, &book)
        swap(&piece.tally, &tally)
        swap(&piece.orphans, &orphans)
        swap(&piece.foreignRemovals, &foreignRemovals)
        absorb(piece)
    }

    /// `merge(_:)` once this value holds no piece of its own.
    private mutating func absorb(_ later: ScanMessages) {
        var names = later.book.names
        for orphan in later.orphans {
            var message = orphan.key.isNone ? nil : open[orphan.key]
            if message == nil, orphan.facts == MessageFacts() {
                deliveriesWithoutSender += 1
                continue
            }
            var known = message ?? OpenMessage()
            known.overlay(orphan.facts, names: &names)
            message = known
            if let domain = known.domain {
                domains[domain, default: SenderRow()].add(orphan.status, cause: orphan.cause)
            }
            if let user = known.user {
                users[user, default: SenderRow()].add(orphan.status, cause: orphan.cause)
            }
            if known.domain == nil, known.user == nil { deliveriesWithoutSender += 1 }
        }
        for (name, row) in later.domains { domains[name, default: SenderRow()].add(row) }
        for (name, row) in later.users { users[name, default: SenderRow()].add(row) }
        deliveriesWithoutSender += later.deliveriesWithoutSender
        for key in later.foreignRemovals { open[key] = nil }
        later.tally.forEachDomain { number, row in
            if let name = names.string(number) { domains[name, default: SenderRow()].add(row) }
        }
        later.tally.forEachUser { number, row in
            if let name = names.string(number) { users[name, default: SenderRow()].add(row) }
        }
        for (key, message) in later.open { open[key] = message }
        later.book.forEach { key, facts in
            var message = facts.hasFirstLine ? OpenMessage() : open[key] ?? OpenMessage()
            message.overlay(facts, names: &names)
            open[key] = message
        }
        evicted += later.evicted + later.book.evictedByAge + later.book.evictedByLimit
        namesOverflowed += later.namesOverflowed + later.book.names.overflowed
        if open.count > book.limit { dropOldest() }
    }

    /// Forgets everything, keeping storage (a reused piece).
    public mutating func reset() {
        book.removeAll()
        tally.removeAll()
        orphans.removeAll(keepingCapacity: true)
        foreignRemovals.removeAll(keepingCapacity: true)
        domains.removeAll()
        users.removeAll()
        open.removeAll()
        deliveriesWithoutSender = 0
        evicted = 0
        namesOverflowed = 0
    }

    /// The counts of this state and anything not yet merged (a piece reported alone).
    public func settled() -> ScanMessages {
        var total = self
        total.settleOwnPiece()
        return total
    }

    /// Keeps the newer half of the open messages when more are open than a book holds.
    private mutating func dropOldest() {
        let arrivals = open.values.map(\.arrival).sorted()
        let keepFrom = arrivals[arrivals.count - book.limit / 2]
        let before = open.count
        open = open.filter { $0.value.arrival >= keepFrom }
        evicted += before - open.count
    }
}

/// A delivery whose message started before the piece that read it.
struct MessageOrphan: Sendable {
    var key: MessageKey
    /// What the piece knew (by its name numbers): the lines of the message it did see.
    var facts: MessageFacts
    var status: DeliveryStatus
    var cause: Cause?
}

/// A message still open at the end of the pieces merged so far, by name.
struct OpenMessage: Sendable, Equatable {
    var sender: String?
    var domain: String?
    var user: String?
    var clientIP: String?
    var arrival = MessageClock.unknown

    /// Takes every field `facts` knows (by the numbers of `names`).
    mutating func overlay(_ facts: MessageFacts, names: inout MessageNames) {
        if facts.senderDomain != MessageNames.none { domain = names.string(facts.senderDomain) }
        if facts.sender != MessageNames.none { sender = names.string(facts.sender) }
        if let user = names.string(facts.saslUser) { self.user = user }
        if let ip = names.string(facts.clientIP) { clientIP = ip }
        if arrival == MessageClock.unknown { arrival = facts.arrival }
    }
}
