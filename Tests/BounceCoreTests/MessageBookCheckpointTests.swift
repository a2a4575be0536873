import Testing

@testable import BounceCore

/// The message state saved in checkpoint lines and read back: exact, bounded, and a restart in
/// the middle of a message hands its later deliveries what one uninterrupted run would.
@Suite struct MessageBookCheckpointTests {
    /// What a book knows of a delivery's message, with the names as their bytes.
    struct Resolved: Equatable, CustomStringConvertible {
        var sender: [UInt8]?
        var domain: [UInt8]?
        var user: [UInt8]?
        var clientIP: [UInt8]?
        var arrival: Int64
        var hasFirstLine: Bool

        init(_ facts: MessageFacts, _ names: MessageNames) {
            func name(_ number: UInt32) -> [UInt8]? {
                switch number {
                case MessageNames.none: nil
                case MessageNames.overflow: Array("(overflow)".utf8)
                default: names.withBytes(number) { Array($0) }
                }
            }
            sender = name(facts.sender)
            domain = name(facts.senderDomain)
            user = name(facts.saslUser)
            clientIP = name(facts.clientIP)
            arrival = facts.arrival
            hasFirstLine = facts.hasFirstLine
        }

        var description: String {
            func text(_ bytes: [UInt8]?) -> String {
                bytes.map { String(decoding: $0, as: UTF8.self) } ?? "-"
            }
            return "\(text(sender)) \(text(domain)) \(text(user)) \(text(clientIP)) \(arrival)"
                + " \(hasFirstLine)"
        }
    }

    /// Feeds `lines` to `book` as the daemon does; the facts each delivery finds, in order.
    static func feed(_ lines: [[UInt8]], into book: inout MessageBook) -> [Resolved?] {
        var found: [Resolved?] = []
        for bytes in lines {
            bytes.withUnsafeBufferPointer { line in
                var event = RawEvent.unparsed()
                switch LineParser().parse(line, into: &event) {
                case .message: book.note(event, in: line)
                case .event where event.kind == .delivery:
                    found.append(book.facts(for: event, in: line).map { Resolved($0, book.names) })
                default: break
                }
            }
        }
        return found
    }

    /// The book's lines through a whole checkpoint's text, and a book read back from them.
    static func saveAndRestore(_ book: MessageBook) throws -> MessageBook {
        var checkpoint = Checkpoint(writtenAt: 1, metrics: ["m"])
        checkpoint.messages = book.checkpointLines()
        let read = try Checkpoint(decoding: checkpoint.encoded)
        return try MessageBook(
            limit: book.limit, maxAge: book.maxAge, checkpointLines: read.messages)
    }

    static func stamp(day: Int, second: Int) -> String {
        let minute = second / 60 % 60
        let hour = second / 3600 % 24
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "Nov \(two(day)) \(two(hour)):\(two(minute)):\(two(second % 60))"
    }

    /// A log of many messages on two hosts and two Postfix instances and from Exim: senders
    /// with odd bytes (not UTF-8, `%`, the null sender), some removed, more than the book holds
    /// and some past its age limit, with a few names that do not fit.
    static func busyLog() -> (notes: [[UInt8]], deliveries: [[UInt8]]) {
        var random = SplitMix64(state: 42)
        var notes: [[UInt8]] = []
        var deliveries: [[UInt8]] = []
        let senders: [[UInt8]] = [
            Array("alice@Shop.Example".utf8), [], Array("b%20@x.example".utf8),
            Array("caf".utf8) + [0xE9, 0xFF] + Array("@latin.example".utf8),
            Array("\"a@b\"@Quoted.example".utf8), Array("bounce+x=y@lists.example".utf8),
        ]
        for index in 0..<1500 {
            let day = index < 200 ? 10 : 26
            let when = stamp(day: day, second: index)
            let host = random.next() % 2 == 0 ? "mx1" : "mx2"
            if index % 5 == 4 {
                let id = "1xWMuA-\(String(60_466_176 + index, radix: 36))-Ai"
                let sender = senders[Int(random.next() % UInt64(senders.count))]
                let from = sender.isEmpty ? Array("<>".utf8) : sender
                notes.append(
                    Array("2026-11-\(day) \(when.suffix(8)) \(id) <= ".utf8) + from
                        + Array(
                            " H=([192.0.2.1]) [198.18.\(index % 250).1] P=esmtpa A=login:u\(index % 7) S=10"
                                .utf8))
                deliveries.append(
                    Array("2026-11-26 23:59:59 \(id) ** x@c.example: retry timeout exceeded".utf8))
                continue
            }
            let id = String(0x4F_0000_0000 + index * 7919, radix: 16, uppercase: true)
            let program = random.next() % 3 == 0 ? "postfix-out" : "postfix"
            let prefix = "\(when) \(host) \(program)"
            if random.next() % 2 == 0 {
                notes.append(
                    Array(
                        "\(prefix)/smtpd[1]: \(id): client=x[192.0.2.\(index % 250)], sasl_method=PLAIN, sasl_username=User\(index % 11)"
                            .utf8))
            }
            let sender = senders[Int(random.next() % UInt64(senders.count))]
            notes.append(
                Array("\(prefix)/qmgr[2]: \(id): from=<".utf8) + sender
                    + Array(">, size=10, nrcpt=1 (queue active)".utf8))
            if random.next() % 4 == 0 {
                notes.append(Array("\(prefix)/qmgr[2]: \(id): removed".utf8))
            }
            deliveries.append(
                Array(
                    "Nov 26 23:59:59 \(host) \(program)/smtp[3]: \(id): to=<b@c.example>, relay=none, delay=3, dsn=4.4.1, status=deferred (connect refused)"
                        .utf8))
        }
        return (notes, deliveries)
    }

    @Test func aBusyBookRoundTripsExactly() throws {
        var book = MessageBook(limit: 128, maxAge: 86_400_000)
        book.names = MessageNames(limit: 200, byteLimit: 1 << 20)
        let log = Self.busyLog()
        _ = Self.feed(log.notes, into: &book)
        // The log reaches every part of the state.
        #expect(book.count > 50)
        #expect(book.evictedByAge > 0 && book.evictedByLimit > 0)
        #expect(book.names.overflowed > 0)
        let lines = book.checkpointLines()
        #expect(lines.contains { $0.hasPrefix("name =caf%E9%FF@") })
        #expect(lines.contains { $0.hasPrefix("name =b%2520@") })

        var restored = try Self.saveAndRestore(book)
        #expect(restored.count == book.count)
        #expect(restored.evictedByAge == book.evictedByAge)
        #expect(restored.evictedByLimit == book.evictedByLimit)
        #expect(restored.names.overflowed == book.names.overflowed)
        #expect(restored.newest == book.newest)
        // Every delivery finds the same facts in both, message held or not.
        var original = book
        let expected = Self.feed(log.deliveries, into: &original)
        let found = Self.feed(log.deliveries, into: &restored)
        #expect(expected.compactMap { $0 }.count == book.count)
        #expect(found == expected)
        // Saved again, the same lines (in the order of another table).
        #expect(Set(try Self.saveAndRestore(book).checkpointLines()) == Set(lines))
        // Only the names still referred to are kept.
        #expect(restored.names.count < book.names.count)
    }

    /// Cut anywhere, saved and read back, a log gives each delivery the facts of one pass.
    @Test func aRestartMidMessageLosesNothing() throws {
        let text = [
            "Nov 26 10:00:00 mx1 postfix/submission/smtpd[1]: 4F2A81C0A1: client=x[192.0.2.5], sasl_method=PLAIN, sasl_username=alice@example.com",
            "Nov 26 10:00:01 mx1 postfix/smtpd[1]: 5B3B92D1B2: client=y[192.0.2.6]",
            "Nov 26 10:00:01 mx1 postfix/qmgr[2]: 4F2A81C0A1: from=<alice@Shop.Example>, size=10, nrcpt=2 (queue active)",
            "2026-11-26 10:00:02 1xWMuA-00012i-Ai <= leon@shop.example H=([192.168.1.83]) [198.18.147.229] P=esmtpsa A=dovecot_plain:leon@shop.example S=8501",
            "Nov 26 10:00:02 mx1 postfix/qmgr[2]: 5B3B92D1B2: from=<>, size=10, nrcpt=1 (queue active)",
            "Nov 26 10:00:03 mx1 postfix/smtp[3]: 4F2A81C0A1: to=<b@c.example>, relay=c.example[192.0.2.9]:25, delay=3, delays=0/0/1/2, dsn=5.1.1, status=bounced (host c.example[192.0.2.9] said: 550 5.1.1 no such user (in reply to RCPT TO command))",
            "2026-11-26 10:00:04 1xWMuA-00012i-Ai ** x@c.example: retry timeout exceeded",
            "Nov 26 10:00:05 mx1 postfix/smtp[3]: 5B3B92D1B2: to=<d@e.example>, relay=none, delay=3, dsn=4.4.1, status=deferred (connect to e.example[192.0.2.10]:25: Connection refused)",
            "Nov 26 10:00:06 mx1 postfix/smtp[3]: 4F2A81C0A1: to=<d@c.example>, relay=c.example[192.0.2.9]:25, delay=6, delays=0/0/1/5, dsn=2.0.0, status=sent (250 ok)",
            "Nov 26 10:00:06 mx1 postfix/qmgr[2]: 4F2A81C0A1: removed",
            "2026-11-26 10:00:07 1xWMuA-00012i-Ai Completed",
            "Nov 26 10:00:08 mx1 postfix/smtp[3]: 4F2A81C0A1: to=<late@c.example>, relay=none, delay=8, dsn=4.4.1, status=deferred (x)",
            "Nov 26 10:30:05 mx1 postfix/smtp[3]: 5B3B92D1B2: to=<d@e.example>, relay=none, delay=1803, dsn=4.4.1, status=deferred (connect to e.example[192.0.2.10]:25: Connection refused)",
        ]
        let lines = text.map { Array($0.utf8) }
        var whole = MessageBook()
        let expected = Self.feed(lines, into: &whole)
        // Each message's deliveries know its sender, until it is removed.
        #expect(expected.map { $0 != nil } == [true, true, true, true, false, true])
        for cut in 0...lines.count {
            var before = MessageBook()
            var found = Self.feed(Array(lines[..<cut]), into: &before)
            var after = try Self.saveAndRestore(before)
            found += Self.feed(Array(lines[cut...]), into: &after)
            #expect(found == expected, "cut before line \(cut + 1)")
            #expect(after.count == whole.count)
        }
    }

    @Test func anEmptyBookSavesNothingAndReadsBackEmpty() throws {
        #expect(MessageBook().checkpointLines() == [])
        let book = try MessageBook(checkpointLines: [])
        #expect(book.count == 0 && book.evictedByAge == 0 && book.evictedByLimit == 0)
        // Evictions alone are saved.
        var evicting = MessageBook(limit: 16)
        let notes = (0..<40).map {
            Array(
                "Nov 26 10:00:\($0 < 10 ? "0" : "")\($0) mx1 postfix/qmgr[2]: 4F\(100 + $0)AB: from=<a@b.example>, size=1, nrcpt=1 (queue active)"
                    .utf8)
        }
        _ = Self.feed(notes, into: &evicting)
        #expect(evicting.evictedByLimit > 0)
        let restored = try Self.saveAndRestore(evicting)
        #expect(restored.evictedByLimit == evicting.evictedByLimit)
    }

    /// A book with a smaller bound keeps the newest messages and counts the others.
    @Test func aSmallerBoundKeepsTheNewest() throws {
        var book = MessageBook(limit: 1000)
        let notes = (0..<100).map {
            Array(
                "Nov 26 10:\($0 / 60 < 10 ? "0" : "")\($0 / 60):\($0 % 60 < 10 ? "0" : "")\($0 % 60) mx1 postfix/qmgr[2]: 4F\(100 + $0)AB: from=<a\($0)@b.example>, size=1, nrcpt=1 (queue active)"
                    .utf8)
        }
        _ = Self.feed(notes, into: &book)
        let restored = try MessageBook(limit: 40, checkpointLines: book.checkpointLines())
        #expect(restored.count == 40)
        #expect(restored.evictedByLimit == 60)
        var oldest = Int64.max
        restored.forEach { _, facts in oldest = min(oldest, facts.arrival) }
        var arrivals: [Int64] = []
        book.forEach { _, facts in arrivals.append(facts.arrival) }
        #expect(oldest == arrivals.sorted()[60])
        #expect(restored.names.count == 3 + 40 + 1)
    }

    static let good = [
        "messages/1 1000 0 0 0", "name =a@b.example", "name =b.example",
        "message 4141414141414134 4141 0 1 3 4 0 0 900 1",
    ]

    @Test func theGoodLinesAreGood() throws {
        let book = try MessageBook(checkpointLines: Self.good)
        #expect(book.count == 1)
    }

    /// Hostile or damaged lines are refused with a reason, never trapped on.
    @Test(arguments: [
        (0, "messages/2 1000 0 0 0"),
        (0, "messages/1 1000 0 0"),
        (0, "messages/1 1000 -1 0 0"),
        (0, "messages/1 +5 0 0 0"),
        (0, "messages/1 99999999999999999999 0 0 0"),
        (1, "name a@b.example"),
        (1, "name =a%2"),
        (1, "name =a%ZZb"),
        (1, "name =a b"),
        (1, "name =caf\u{E9}"),
        (3, "message 4141414141414134 4141 0 1 3 5 0 0 900 1"),
        (3, "message 0 4141 0 1 3 4 0 0 900 1"),
        (3, "message 4141414141414134 4141 0 1 3 4 0 0 900 2"),
        (3, "message 41414141414141341 4141 0 1 3 4 0 0 900 1"),
        (3, "message 4141414141414134 41G1 0 1 3 4 0 0 900 1"),
        (3, "message 4141414141414134 4141 0 1 3 4 0 0 9x 1"),
        (3, "message 4141414141414134 4141 0 1 -3 4 0 0 900 1"),
        (3, "message 4141414141414134 4141 0 1 3 4 0 0 900"),
        (3, "mess 4141414141414134 4141 0 1 3 4 0 0 900 1"),
    ])
    func aBadLineIsRefused(index: Int, line: String) {
        var lines = Self.good
        lines[index] = line
        #expect(throws: MessageBookRestoreError.self) {
            try MessageBook(checkpointLines: lines)
        }
    }

    @Test func aMessageGivenTwiceIsRefused() {
        #expect(throws: MessageBookRestoreError(line: 5, reason: "a message given twice")) {
            try MessageBook(checkpointLines: Self.good + [Self.good[3]])
        }
        #expect(throws: MessageBookRestoreError.self) {
            try MessageBook(checkpointLines: Self.good + ["name =late"])
        }
    }

    @Test func namesPastTheBoundsAreRefused() {
        let long = String(repeating: "%FF", count: 70_000)
        #expect(throws: MessageBookRestoreError.self) {
            try MessageBook(checkpointLines: ["messages/1 - 0 0 0", "name =" + long])
        }
        let many = (0..<(1 << 18)).map { "name =n\($0)" }
        #expect(throws: MessageBookRestoreError.self) {
            try MessageBook(checkpointLines: ["messages/1 - 0 0 0"] + many)
        }
    }
}
