import Testing

@testable import BounceCore

/// The message state by queue id: what it keeps, apart by queue, bounded, counted.
@Suite struct MessageBookTests {
    /// Feeds `lines` to `book` as the scan does (notes only), returning each delivery's facts.
    static func run(_ lines: [String], into book: inout MessageBook) -> [MessageFacts?] {
        var facts: [MessageFacts?] = []
        for text in lines {
            Array(text.utf8).withUnsafeBufferPointer { line in
                var event = RawEvent.unparsed()
                switch LineParser().parse(line, into: &event) {
                case .message: book.note(event, in: line)
                case .event where event.kind == .delivery:
                    facts.append(book.facts(for: event, in: line))
                default: break
                }
            }
        }
        return facts
    }

    static func postfix(
        _ program: String, _ id: String, _ text: String, host: String = "mx1", second: Int = 1
    )
        -> String
    {
        "Nov 26 10:00:\(second < 10 ? "0" : "")\(second) \(host) \(program)[1]: \(id): \(text)"
    }

    @Test func postfixMessageJoinsItsLines() {
        var book = MessageBook()
        let facts = Self.run(
            [
                Self.postfix(
                    "postfix/submission/smtpd", "4F2A81C0A1",
                    "client=x[192.0.2.5], sasl_method=PLAIN, sasl_username=Alice@Example.com"),
                Self.postfix(
                    "postfix/qmgr", "4F2A81C0A1",
                    "from=<alice@Shop.Example>, size=10, nrcpt=1 (queue active)"),
                Self.postfix(
                    "postfix/smtp", "4F2A81C0A1",
                    "to=<b@c.example>, relay=c.example[192.0.2.9]:25, delay=3, delays=0/0/1/2, dsn=5.1.1, status=bounced (host c.example[192.0.2.9] said: 550 5.1.1 no such user (in reply to RCPT TO command))",
                    second: 4),
                Self.postfix("postfix/qmgr", "4F2A81C0A1", "removed", second: 4),
                Self.postfix(
                    "postfix/smtp", "4F2A81C0A1",
                    "to=<d@c.example>, relay=c.example[192.0.2.9]:25, delay=3, delays=0/0/1/2, dsn=2.0.0, status=sent (250 ok)",
                    second: 5),
            ], into: &book)
        #expect(facts.count == 2)
        let first = facts[0]
        var names = book.names
        #expect(first.flatMap { names.string($0.sender) } == "alice@Shop.Example")
        #expect(first.flatMap { names.string($0.senderDomain) } == "shop.example")
        #expect(first.flatMap { names.string($0.saslUser) } == "Alice@Example.com")
        #expect(first.flatMap { names.string($0.clientIP) } == "192.0.2.5")
        #expect(first?.hasFirstLine == true)
        #expect(
            first?.arrival
                == MessageClock.milliseconds(
                    LogTimestamp(year: nil, month: 11, day: 26, hour: 10, minute: 0, second: 1)))
        // Removed: the later delivery of the same id knows nothing.
        #expect(facts[1] == nil)
        #expect(book.count == 0)
    }

    /// The same queue id on another host or Postfix instance is another message.
    @Test func queuesAreApart() {
        var book = MessageBook()
        let facts = Self.run(
            [
                Self.postfix(
                    "postfix/qmgr", "4F2A81C0A1",
                    "from=<a@one.example>, size=10, nrcpt=1 (queue active)"),
                Self.postfix(
                    "postfix-out/qmgr", "4F2A81C0A1",
                    "from=<a@two.example>, size=10, nrcpt=1 (queue active)"),
                Self.postfix(
                    "postfix/qmgr", "4F2A81C0A1",
                    "from=<a@three.example>, size=10, nrcpt=1 (queue active)", host: "mx2"),
                Self.postfix(
                    "postfix/smtp", "4F2A81C0A1",
                    "to=<b@c.example>, relay=none, delay=3, dsn=4.4.1, status=deferred (connect to c.example[192.0.2.9]:25: Connection refused)"
                ),
                Self.postfix(
                    "postfix-out/smtp", "4F2A81C0A1",
                    "to=<b@c.example>, relay=none, delay=3, dsn=4.4.1, status=deferred (connect to c.example[192.0.2.9]:25: Connection refused)"
                ),
                Self.postfix(
                    "postfix/smtp", "4F2A81C0A1",
                    "to=<b@c.example>, relay=none, delay=3, dsn=4.4.1, status=deferred (connect to c.example[192.0.2.9]:25: Connection refused)",
                    host: "mx2"),
            ], into: &book)
        var names = book.names
        #expect(
            facts.map { $0.flatMap { names.string($0.senderDomain) } } == [
                "one.example", "two.example", "three.example",
            ])
        #expect(book.count == 3)
    }

    /// Random notes, lookups and removals agree with a dictionary, through growth and the
    /// backward shifts of removal.
    @Test func agreesWithADictionary() {
        var book = MessageBook(limit: 1 << 20)
        var model: [String: String] = [:]
        var random = SplitMix64(state: 7)
        for step in 0..<30_000 {
            let id = format6(random.next() % 3000)
            let roll = random.next() % 10
            if roll < 5 {
                let sender = "s\(random.next() % 50)@d\(step % 7).example"
                _ = Self.run(
                    [
                        Self.postfix(
                            "postfix/qmgr", id, "from=<\(sender)>, size=1, nrcpt=1 (queue active)")
                    ], into: &book)
                model[id] = sender
            } else if roll < 7 {
                _ = Self.run([Self.postfix("postfix/qmgr", id, "removed")], into: &book)
                model[id] = nil
            } else {
                let found = Self.run(
                    [
                        Self.postfix(
                            "postfix/smtp", id,
                            "to=<b@c.example>, relay=none, delay=3, dsn=4.4.1, status=deferred (x)")
                    ], into: &book)[0]
                var names = book.names
                #expect(found.flatMap { names.string($0.sender) } == model[id], "step \(step)")
            }
            #expect(book.count == model.count)
        }
    }

    /// A full book drops the messages past the age limit first, then the oldest, and counts both.
    @Test func boundedAndCounted() {
        var book = MessageBook(limit: 64, maxAge: 3_600_000)
        var lines: [String] = []
        // 40 messages on day 20, then 200 on day 26 (an hour apart is past `maxAge`).
        for index in 0..<40 {
            lines.append(
                "Nov 20 10:00:00 mx1 postfix/qmgr[1]: A\(format6(index))A: from=<a@old.example>, size=1, nrcpt=1 (queue active)"
            )
        }
        for index in 0..<200 {
            lines.append(
                "Nov 26 10:00:\(index % 50 < 10 ? "0" : "")\(index % 50) mx1 postfix/qmgr[1]: B\(format6(index))B: from=<a@new.example>, size=1, nrcpt=1 (queue active)"
            )
        }
        _ = Self.run(lines, into: &book)
        #expect(book.count <= 64)
        #expect(book.evictedByAge == 40)
        #expect(book.evictedByLimit + book.count + book.evictedByAge == 240)
        #expect(book.evictedByLimit > 0)
        // The newest message is always kept.
        let last = Self.run(
            [
                "Nov 26 10:00:59 mx1 postfix/smtp[1]: B\(format6(199))B: to=<b@c.example>, relay=none, delay=3, dsn=4.4.1, status=deferred (x)"
            ], into: &book)
        #expect(last[0] != nil)
    }
}

/// Six upper-case hex digits: a queue id's middle.
private func format6(_ value: UInt64) -> String {
    let digits = Array("0123456789ABCDEF")
    var text = ""
    var rest = value
    for _ in 0..<6 {
        text.append(digits[Int(rest % 16)])
        rest /= 16
    }
    return "4F" + text
}

private func format6(_ value: Int) -> String { format6(UInt64(value)) }
