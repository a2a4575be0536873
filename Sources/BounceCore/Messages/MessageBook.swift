/// The message state: what earlier lines said of each message still in the queue, by queue
/// id, so that each delivery knows who sent it and since when it waited.
///
/// Bounded whatever the log holds: at most `limit` messages. A message is forgotten when the
/// log says it left the queue (Postfix `removed`, Exim `Completed`); when the book is full,
/// the messages older than `maxAge` (past any MTA's queue lifetime) go first, then the oldest
/// half, each counted (`evictedByAge`, `evictedByLimit`).
///
/// One flat open-addressing table of `MessageSlot`s, found by linear probing and emptied by
/// backward shifts: no allocation per message, a lookup is a hash and a compare or two.
public struct MessageBook: Sendable {
    /// The default bound: 65,536 messages in about 7 MB of table (twice that while it is
    /// rebuilt), so that the whole daemon stays under its 64 MB however many messages never
    /// complete (`scripts/integration/message-state-memory.sh`).
    public static let defaultLimit = 1 << 16
    /// Seven days: Postfix's `maximal_queue_lifetime` and Exim's usual retry limit are five.
    public static let defaultMaxAge: Int64 = 7 * 86_400_000

    public let limit: Int
    /// In `MessageClock` milliseconds.
    public let maxAge: Int64
    /// Whether the sender's address and the client's IP are kept: `scan` counts by sender
    /// domain and SASL user only, and saves two names per message without them.
    public let keepsAddresses: Bool
    public internal(set) var names = MessageNames()
    private var slots: [MessageSlot]
    private var mask: Int
    public private(set) var count = 0
    /// Messages dropped because they were older than `maxAge` when the book was full.
    public internal(set) var evictedByAge = 0
    /// Messages dropped, newest kept, because the book was still full.
    public internal(set) var evictedByLimit = 0
    /// The latest stamp seen on a message note.
    var newest = MessageClock.unknown
    private var days = MessageDayCache()

    public init(
        limit: Int = MessageBook.defaultLimit, maxAge: Int64 = MessageBook.defaultMaxAge,
        keepsAddresses: Bool = true
    ) {
        self.limit = max(16, limit)
        self.maxAge = maxAge
        self.keepsAddresses = keepsAddresses
        slots = Array(repeating: MessageSlot(), count: 1024)
        mask = 1023
    }

    /// Takes in a message note (`LineOutcome.message`) whose ranges point into `line`.
    @inline(__always)
    public mutating func note(_ event: borrowing RawEvent, in line: UnsafeBufferPointer<UInt8>) {
        note(event, key: MessageKey(event, in: line), in: line)
    }

    /// As `note(_:in:)` with the event's key already made.
    @inline(__always)
    public mutating func note(
        _ event: borrowing RawEvent, key: MessageKey, in line: UnsafeBufferPointer<UInt8>
    ) {
        guard !key.isNone else { return }
        let note = event.note
        if note == .removed {
            remove(key)
            return
        }
        var time = MessageClock.unknown
        if let stamp = event.timestamp { time = days.milliseconds(stamp) }
        let (slot, isNew) = slotForWriting(key, time: time)
        if isNew, note == .client || note == .arrival {
            slots[slot].facts.hasFirstLine = true
        }
        let clientIP = keepsAddresses ? event.clientIP : ByteRange.none
        let user = event.saslUsername
        switch note {
        case .client:
            if !clientIP.isEmpty {
                slots[slot].facts.clientIP = names.number(of: clientIP, in: line)
            }
            if !user.isEmpty { slots[slot].facts.saslUser = names.number(of: user, in: line) }
        case .sender:
            noteSender(event.sender, slot: slot, in: line)
        case .arrival:
            noteSender(event.sender, slot: slot, in: line)
            slots[slot].facts.clientIP =
                clientIP.isEmpty ? MessageNames.none : names.number(of: clientIP, in: line)
            slots[slot].facts.saslUser =
                user.isEmpty ? MessageNames.none : names.number(of: user, in: line)
        case .none, .removed:
            break
        }
    }

    /// What is known of the message of `event` (a delivery), nil when nothing is.
    @inline(__always)
    public func facts(for event: borrowing RawEvent, in line: UnsafeBufferPointer<UInt8>)
        -> MessageFacts?
    {
        facts(for: MessageKey(event, in: line))
    }

    /// What is known of the message with `key`, nil when nothing is.
    @inline(__always)
    public func facts(for key: MessageKey) -> MessageFacts? {
        guard !key.isNone else { return nil }
        return slots.withUnsafeBufferPointer { table in
            var slot = Int(truncatingIfNeeded: key.hash) & mask
            while true {
                let held = table[slot].key
                if held.first == 0 { return nil }
                if held == key { return table[slot].facts }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Takes in what another book knew of a message (its facts by this book's numbers): a
    /// message that started there (`hasFirstLine`) replaces any held under its key, one that
    /// did not adds what it knows to it. How `scan` joins the pieces of a log.
    public mutating func merge(_ key: MessageKey, _ facts: MessageFacts) {
        let (slot, isNew) = slotForWriting(key, time: facts.arrival)
        if isNew || facts.hasFirstLine {
            slots[slot].facts = facts
            return
        }
        slots[slot].facts.overlay(facts)
    }

    /// Every message held, in no order.
    public func forEach(_ body: (MessageKey, MessageFacts) -> Void) {
        for slot in slots where slot.key.first != 0 { body(slot.key, slot.facts) }
    }

    /// Forgets every message and name (a reused scan piece).
    public mutating func removeAll() {
        for index in slots.indices { slots[index] = MessageSlot() }
        count = 0
        names.removeAll()
        evictedByAge = 0
        evictedByLimit = 0
        newest = MessageClock.unknown
    }

    @inline(__always)
    private mutating func noteSender(
        _ sender: ByteRange, slot: Int, in line: UnsafeBufferPointer<UInt8>
    ) {
        if keepsAddresses { slots[slot].facts.sender = names.number(of: sender, in: line) }
        var domain = sender.isEmpty ? MessageNames.nullSender : MessageNames.none
        // The last `@` is the domain's (a quoted local part may hold one): from the end, as
        // domains are shorter than local parts.
        let start = max(0, sender.start)
        var at = min(line.count, sender.end)
        while at > start, line[at &- 1] != UInt8(ascii: "@") { at &-= 1 }
        if at > start, at < sender.end {
            domain = names.number(of: ByteRange(at, sender.end), in: line, lowercased: true)
        }
        slots[slot].facts.senderDomain = domain
    }

    /// The slot of `key`, added (stamped `time`) when new.
    @inline(__always)
    private mutating func slotForWriting(_ key: MessageKey, time: Int64) -> (Int, Bool) {
        if time != MessageClock.unknown, time > newest || newest == MessageClock.unknown {
            newest = time
        }
        var slot = Int(truncatingIfNeeded: key.hash) & mask
        while true {
            let held = slots[slot].key
            if held.first == 0 { break }
            if held == key {
                if slots[slot].facts.arrival == MessageClock.unknown {
                    slots[slot].facts.arrival = time
                }
                return (slot, false)
            }
            slot = (slot &+ 1) & mask
        }
        if count >= limit {
            makeRoom()
            return slotForWriting(key, time: time)
        }
        if (count &+ 1) &* 2 > mask &+ 1 {
            rebuild(capacity: (mask &+ 1) &* 2, keepingFrom: MessageClock.unknown, atMost: limit)
            return slotForWriting(key, time: time)
        }
        slots[slot] = MessageSlot(key: key, facts: MessageFacts())
        slots[slot].facts.arrival = time
        count &+= 1
        return (slot, true)
    }

    /// Puts a message read back from a checkpoint in the table; false when its key is there
    /// already. The caller keeps the book within `limit`.
    mutating func restore(_ key: MessageKey, _ facts: MessageFacts) -> Bool {
        if (count &+ 1) &* 2 > mask &+ 1 {
            rebuild(capacity: (mask &+ 1) &* 2, keepingFrom: MessageClock.unknown, atMost: limit)
        }
        var slot = Int(truncatingIfNeeded: key.hash) & mask
        while slots[slot].key.first != 0 {
            if slots[slot].key == key { return false }
            slot = (slot &+ 1) & mask
        }
        slots[slot] = MessageSlot(key: key, facts: facts)
        count &+= 1
        return true
    }

    /// Forgets the message with `key` (it left the queue), handing back what was known of it.
    @discardableResult
    public mutating func remove(_ key: MessageKey) -> MessageFacts? {
        guard !key.isNone else { return nil }
        var slot = Int(truncatingIfNeeded: key.hash) & mask
        while true {
            let held = slots[slot].key
            if held.first == 0 { return nil }
            if held == key { break }
            slot = (slot &+ 1) & mask
        }
        let removed = slots[slot].facts
        // Backward shift: no probe chain is broken.
        var hole = slot
        var next = (hole &+ 1) & mask
        while slots[next].key.first != 0 {
            let home = Int(truncatingIfNeeded: slots[next].key.hash) & mask
            // Move the entry back when its home is not within (hole, next].
            if (next &- home) & mask >= (next &- hole) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next &+ 1) & mask
        }
        slots[hole] = MessageSlot()
        count &-= 1
        return removed
    }

    /// Drops the messages past `maxAge`, then, when still three quarters full, all but the
    /// newest half.
    private mutating func makeRoom() {
        var arrivals: [Int64] = []
        arrivals.reserveCapacity(count)
        var aged = 0
        for slot in slots where slot.key.first != 0 {
            if isAged(slot.facts.arrival) {
                aged &+= 1
            } else {
                arrivals.append(slot.facts.arrival)
            }
        }
        var keepFrom = MessageClock.unknown
        var keepAtMost = limit &* 3 / 4
        if arrivals.count > keepAtMost {
            arrivals.sort()
            keepFrom = arrivals[arrivals.count &- limit / 2]
            keepAtMost = limit / 2
        }
        let before = count
        rebuild(capacity: mask &+ 1, keepingFrom: keepFrom, atMost: keepAtMost)
        evictedByAge &+= aged
        evictedByLimit &+= before &- count &- aged
    }

    private func isAged(_ arrival: Int64) -> Bool {
        guard arrival != MessageClock.unknown, newest != MessageClock.unknown else { return false }
        let age = newest &- arrival
        // A year-less log past New Year makes old stamps look newer than the newest.
        return age > maxAge || age < -MessageClock.halfYear
    }

    /// The table again at `capacity` slots; when full, without the aged messages, those that
    /// arrived before `keepingFrom` (`unknown`: none) and any past the first `atMost` (which
    /// only messages without stamps reach).
    private mutating func rebuild(capacity: Int, keepingFrom: Int64, atMost: Int) {
        let old = slots
        let pruning = count >= limit
        slots = Array(repeating: MessageSlot(), count: capacity)
        mask = capacity &- 1
        count = 0
        for entry in old where entry.key.first != 0 {
            if pruning {
                if isAged(entry.facts.arrival) { continue }
                if keepingFrom != MessageClock.unknown, entry.facts.arrival < keepingFrom {
                    continue
                }
                if count >= atMost { continue }
            }
            var slot = Int(truncatingIfNeeded: entry.key.hash) & mask
            while slots[slot].key.first != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = entry
            count &+= 1
        }
    }
}

/// One message of `MessageBook`: its key and what is known of it.
struct MessageSlot: Sendable {
    var key = MessageKey.none
    var facts = MessageFacts()
}
