import Testing

@testable import BounceCore

/// The word-at-a-time readings of a delivery line give the answers of the byte-wise walk they
/// replaced (kept below as the reference): the whole delivery parse over field orders,
/// spacings and values, every cut of them and random damage; the enhanced code reading against
/// `EnhancedStatusCode.scan`; the space search against a byte loop; the daemon roles against
/// `PostfixDaemon.name`, `isInbound` and `isKnown`; the vector `status=` search against a byte
/// search.
@Suite struct DeliveryFastPathTests {
    // MARK: The delivery walk

    /// Messages after the queue id: Postfix's field orders and the shapes the walk must read
    /// as the reference does (spaces, bare and quoted addresses, unknown keys, statuses).
    private static let deliveries = [
        "to=<lea1195@northwind.example>, relay=mail.example.net[private/dovecot-lmtp], "
            + "delay=0.46, delays=0.34/0.03/0/0.09, dsn=2.0.0, status=sent (250 2.0.0 "
            + "<lea1195@northwind.example> 6nIpcq5GZ7TOFTOeAqiW1l Saved)",
        "to=<a@example.com>, orig_to=<b@example.org>, relay=mx.example.com[192.0.2.1]:25, "
            + "conn_use=2, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host "
            + "mx.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>: User unknown (in "
            + "reply to RCPT TO command))",
        "to=<a@example.com>, relay=none, delay=3, delays=0/0/3/0, dsn=4.4.1, status=deferred "
            + "(connect to mx.example.com[192.0.2.1]:25: Connection timed out)",
        "from=<a@example.com>, status=expired, returned to sender",
        "from=<a@example.com>, size=1234, nrcpt=1 (queue active)",
        "from=<>, size=1, nrcpt=1 (queue active)",
        "to=<\"a>, b\"@example.com>, relay=mx, dsn=5.0.0, status=bounced (x)",
        "to=<\"a\\\"b\"@example.com>, relay=mx, dsn=5.0.0, status=bounced (x)",
        "to=a@example.com, relay=mx[1.2.3.4]:25, delay=1, dsn=5.0.0, status=bounced",
        "to=<a@example.com>,  relay=mx,   delay=1,dsn=5.1.10, status=SOFTBOUNCE (x)",
        "to=<a@example.com>, relay=mx, dsn=5.1.1.1, status=force-expired (550 5.1.1.1 x)",
        "to=<a@example.com>, relay=mx, dsn=4.12.345, status=deliverable (250 2.1.5 Ok)",
        "to=<a@example.com>, relay=mx, dsn=2.0.0, status=undeliverable (x)",
        "to=<>, relay=mx, dsn=2.0.0, status=sent(250 2.0.0 x)",
        "to=<a@b@c>, relay=mx, dsn=2.0.0, status=sent,x",
        "to=<a@example.com>, relay=mx, dsn=2.0.0, status=unknown (x)",
        "to=<a@example.com>, relay=mx, dsn=7.0.0, status=sent (x)",
        "relay=mx, dsn=2.0.0, status=sent (x)",
        "to=<a@example.com>, relay=mx, status=bounced (host mx[1.2.3.4] said: 550-5.7.1 no)",
        "to=<a@example.com> relay=mx dsn=2.0.0 status=sent (x)",
        "to=<a@example.com, relay=mx, status=sent (x)",
        "status=sent", "to=", "to=<", "dsn=", "x=y, status=bounced", "size=1, from=<a@b>",
    ]

    /// Every prefix of each text (at least one byte), at the start of a buffer and after a
    /// queue-id prefix, so that the word reads meet the end of the line everywhere.
    private static func cuts(_ texts: [String]) -> [(bytes: [UInt8], index: Int)] {
        let prefix = Array("Nov 26 10:00:01 mx1 postfix/smtp[1]: 4F2A81C0A1: ".utf8)
        return texts.flatMap { text -> [([UInt8], Int)] in
            let bytes = Array(text.utf8)
            return (1...bytes.count).flatMap { length in
                [(Array(bytes[0..<length]), 0), (prefix + bytes[0..<length], prefix.count)]
            }
        }
    }

    /// The same messages damaged at random: bytes replaced by separators, digits and bytes
    /// above 0x7F, spaces inserted.
    private static func damaged(_ texts: [String], count: Int) -> [String] {
        var random = SplitMix64(state: 19)
        let replacements = Array(" ,=<>\"()@.:0259x\u{7F}".utf8) + [0x80, 0xC3, 0xFF, 0x00]
        return (0..<count).map { _ in
            var bytes = Array(texts[Int(random.next() % UInt64(texts.count))].utf8)
            for _ in 0..<(1 + random.next() % 4) where !bytes.isEmpty {
                let at = Int(random.next() % UInt64(bytes.count))
                if random.next() % 4 == 0 {
                    bytes.insert(0x20, at: at)
                } else {
                    bytes[at] = replacements[Int(random.next() % UInt64(replacements.count))]
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Everything the parse writes or answers, for comparison.
    private static func summary(
        _ outcome: PostfixDelivery.Outcome, _ branch: PostfixBranch, _ event: RawEvent
    ) -> String {
        "\(outcome) \(branch) st=\(event.status) rcpt=\(event.recipient) orig=\(event.originalRecipient) "
            + "dom=\(event.domain) relay=\(event.relay) mta=\(String(describing: event.mtaDSN)) "
            + "reply=\(event.reply) code=\(event.replyCode) "
            + "dsn=\(String(describing: event.replyDSN)) stage=\(event.stage) "
            + "remote=\(event.replyIsRemote)"
    }

    @Test func walkAgreesWithTheByteWalk() {
        var events = 0
        let texts = Self.deliveries + Self.damaged(Self.deliveries, count: 1200)
        for (bytes, index) in Self.cuts(texts) {
            bytes.withUnsafeBufferPointer { line in
                var fastEvent = RawEvent(
                    mta: .postfix, kind: .delivery, status: .sent, timestamp: nil)
                var fastBranch = PostfixBranch.garbled
                let fast = PostfixDelivery.parse(
                    line, at: index, into: &fastEvent, branch: &fastBranch)
                var slowEvent = RawEvent(
                    mta: .postfix, kind: .delivery, status: .sent, timestamp: nil)
                var slowBranch = PostfixBranch.garbled
                let slow = ReferenceWalk.parse(
                    line, at: index, into: &slowEvent, branch: &slowBranch)
                let text = String(decoding: line, as: UTF8.self)
                // A non-event leaves the event meaningless: only the outcome must agree.
                if case .event = slow {
                    events += 1
                    #expect(
                        Self.summary(fast, fastBranch, fastEvent)
                            == Self.summary(slow, slowBranch, slowEvent), "\(text)")
                } else {
                    #expect("\(fast) \(fastBranch)" == "\(slow) \(slowBranch)", "\(text)")
                }
            }
        }
        #expect(events > 2000)
    }

    /// Where the parser skips qmgr's `from=<...>, size=` notes before the walk, the walk
    /// would have answered the same.
    @Test func queueActiveShortcutAgreesWithTheWalk() {
        var opened = 0
        let texts = Self.deliveries + Self.damaged(Self.deliveries, count: 1200)
        for (bytes, index) in Self.cuts(texts) {
            bytes.withUnsafeBufferPointer { line in
                guard PostfixDelivery.opensQueueActive(line, at: index) else { return }
                opened += 1
                var event = RawEvent(mta: .postfix, kind: .delivery, status: .sent, timestamp: nil)
                var branch = PostfixBranch.garbled
                let outcome = PostfixDelivery.parse(line, at: index, into: &event, branch: &branch)
                #expect(
                    "\(outcome) \(branch)" == "ignored queueActive",
                    "\(String(decoding: line, as: UTF8.self))")
            }
        }
        #expect(opened > 100)
    }

    // MARK: Recipient domains

    /// The domain after the last `@` (none after a quote), against a byte loop from the end,
    /// for addresses at every offset of a line, so that the vector reads meet its start.
    @Test func domainAgreesWithAByteLoop() {
        var random = SplitMix64(state: 23)
        let alphabet = Array("ab@\".x-".utf8)
        var domains = 0
        for _ in 0..<3000 {
            let count = Int(random.next() % 48)
            let bytes: [UInt8] = (0..<count).map { _ in alphabet[Int(random.next() % 7)] }
            bytes.withUnsafeBufferPointer { line in
                for start in stride(from: 0, through: count, by: 3) {
                    for end in stride(from: start, through: count, by: 2) {
                        var expected = ByteRange.none
                        var cursor = end - 1
                        while cursor >= start {
                            if line[cursor] == UInt8(ascii: "\"") { break }
                            if line[cursor] == UInt8(ascii: "@") {
                                if cursor + 1 < end { expected = ByteRange(cursor + 1, end) }
                                break
                            }
                            cursor -= 1
                        }
                        let found = PostfixScan.domain(of: ByteRange(start, end), in: line)
                        #expect(
                            found == expected,
                            "\(String(decoding: line, as: UTF8.self)) \(start)..<\(end)")
                        if !expected.isEmpty { domains += 1 }
                    }
                }
            }
        }
        #expect(domains > 5000)
    }

    // MARK: Vector searches

    @Test func vectorSearchesAgreeWithByteLoops() {
        var random = SplitMix64(state: 29)
        for _ in 0..<3000 {
            let count = Int(random.next() % 70)
            let bytes: [UInt8] = (0..<count).map { _ in
                switch random.next() % 9 {
                case 0: 0x20
                case 1: 0x2C
                case 2: 0x00
                default: 0x61
                }
            }
            bytes.withUnsafeBufferPointer { line in
                guard let base = line.baseAddress else { return }
                for from in 0...count {
                    let space = (from..<count).first { line[$0] == 0x20 }
                    let either = (from..<count).first { line[$0] == 0x20 || line[$0] == 0x2C }
                    let zero = (from..<count).first { line[$0] == 0x00 || line[$0] == 0x2C }
                    #expect(
                        ByteVector.firstIndex(of: 0x20, in: base, count: count, from: from) == space
                    )
                    #expect(
                        ByteVector.firstIndex(
                            of: 0x2C, or: 0x20, in: base, count: count, from: from)
                            == either)
                    #expect(
                        ByteVector.firstIndex(
                            of: 0x00, or: 0x2C, in: base, count: count, from: from)
                            == zero)
                }
            }
        }
    }

    // MARK: Enhanced status codes

    @Test func enhancedCodeAgreesWithScan() {
        var random = SplitMix64(state: 7)
        let alphabet = Array("245019.. ,x".utf8)
        var texts: [[UInt8]] = [
            "2.0.0", "5.1.1,", "4.4.1 (", "5.1.10", "5.1.1.1", "5.1.1.x", "2.0.0.", "3.0.0 ",
            "5.12.1 ", "5.1.123 ", "5..1.1", "5.1.1234", "25.1.1",
        ].map { Array($0.utf8) }
        for _ in 0..<5000 {
            texts.append((0..<(random.next() % 12)).map { _ in alphabet[Int(random.next() % 11)] })
        }
        var codes = 0
        for text in texts {
            // Every start and end inside a buffer with bytes on both sides.
            let bytes = Array("x".utf8) + text + Array("5.1.1".utf8)
            bytes.withUnsafeBufferPointer { line in
                for start in 0...line.count {
                    for end in start...line.count {
                        var offset = 0
                        let expected = EnhancedStatusCode.scan(
                            ByteRange(start, end).slice(of: line), at: &offset)
                        let found = PostfixScan.enhancedCode(line, at: start, end: end)
                        #expect(
                            found == expected,
                            "\(String(decoding: line, as: UTF8.self)) \(start)..<\(end)")
                        if expected != nil { codes += 1 }
                    }
                }
            }
        }
        #expect(codes > 2000)
    }

    // MARK: Spaces

    @Test func nextSpaceAgreesWithAByteLoop() {
        var random = SplitMix64(state: 11)
        for _ in 0..<3000 {
            let count = Int(random.next() % 40)
            let bytes: [UInt8] = (0..<count).map { _ in random.next() % 5 == 0 ? 0x20 : 0x61 }
            bytes.withUnsafeBufferPointer { line in
                guard let base = line.baseAddress else { return }
                for from in 0...count {
                    let expected = (from..<count).first { line[$0] == 0x20 }
                    #expect(PostfixScan.nextSpace(base, count: count, from: from) == expected)
                }
            }
        }
    }

    // MARK: The last occurrence

    /// `lastFind` searches backwards; the reference is every forward hit, the last one kept.
    @Test func lastFindAgreesWithTheLastForwardHit() {
        var random = SplitMix64(state: 31)
        let pieces = [" (in reply to ", " from ", "aa", "a", " ", "(", "x"]
        var hits = 0
        for _ in 0..<1500 {
            var text = ""
            while text.utf8.count < Int(random.next() % 60) {
                text += pieces[Int(random.next() % UInt64(pieces.count))]
            }
            Array(text.utf8).withUnsafeBufferPointer { line in
                for from in -1...line.count {
                    for to in stride(from: from, through: line.count + 1, by: 3) {
                        func last(_ literal: StaticString) -> Int? {
                            var found: Int?
                            var cursor = from
                            while let hit = ByteScan.find(literal, in: line, from: cursor, to: to) {
                                found = hit
                                cursor = hit + 1
                            }
                            return found
                        }
                        #expect(
                            PostfixScan.lastFind(" (in reply to ", in: line, from: from, to: to)
                                == last(" (in reply to "))
                        #expect(
                            PostfixScan.lastFind(" from ", in: line, from: from, to: to)
                                == last(" from "))
                        let found = PostfixScan.lastFind("aa", in: line, from: from, to: to)
                        #expect(found == last("aa"), "\(text) \(from)..<\(to)")
                        if found != nil { hits += 1 }
                    }
                }
            }
        }
        #expect(hits > 1000)
    }

    // MARK: Daemon roles

    @Test func commonRoleAgreesWithTheDaemonName() {
        let programs = [
            "postfix/smtpd", "postfix/submission/smtpd", "postfix/smtps/smtpd", "smtpd",
            "postfix/xsmtpd", "postfix/smtp", "postfix-out/smtp", "postfix/xsmtp", "smtp",
            "postfix/postscreen", "postfix/xpostscreen", "/postscreen", "postfix/lmtp",
            "postfix/qmgr", "postfix/smtpdx", "postfix/smtp/x", "postfix/anvil",
        ]
        var answered = 0
        for program in programs {
            let bytes = Array(program.utf8)
            bytes.withUnsafeBufferPointer { line in
                for start in 0...line.count {
                    for end in start...line.count {
                        let range = ByteRange(start, end)
                        guard let role = PostfixDaemon.commonRole(range, in: line) else { continue }
                        answered += 1
                        let daemon = PostfixDaemon.name(in: line, program: range)
                        let inbound = PostfixDaemon.isInbound(daemon, in: line)
                        let known = PostfixDaemon.isKnown(daemon, in: line)
                        switch role {
                        case .inbound: #expect(inbound, "\(program) \(start)..<\(end)")
                        case .delivering: #expect(!inbound && known, "\(program) \(start)..<\(end)")
                        }
                    }
                }
            }
        }
        #expect(answered >= 15)
    }

    // MARK: The status marker

    @Test func containsStatusAgreesWithAByteSearch() {
        var random = SplitMix64(state: 5)
        let pieces = ["status=", "=", "status", " ", "x", "tatus=", "sstatus=", "a=b"]
        for _ in 0..<5000 {
            var text = ""
            while text.utf8.count < Int(random.next() % 120) {
                text += pieces[Int(random.next() % UInt64(pieces.count))]
            }
            let bytes = Array(text.utf8)
            let expected =
                bytes.count >= 7
                && (0...(bytes.count - 7)).contains { at in
                    Array(bytes[at..<(at + 7)]) == Array("status=".utf8)
                }
            let found = bytes.withUnsafeBufferPointer { DeliveryMarker.containsStatus($0) }
            #expect(found == expected, "\(text)")
        }
    }
}

/// The delivery walk as it was before the word readings: a literal compare per candidate key,
/// a byte loop per status word. The reference the fast walk is held to.
private enum ReferenceWalk {
    static func parse(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent,
        branch: inout PostfixBranch
    ) -> PostfixDelivery.Outcome {
        let limit = line.count
        var cursor = index
        var statusAt = -1
        var named = false
        while cursor < limit {
            switch line[cursor] {
            case UInt8(ascii: "t") where PostfixScan.starts(line, at: cursor, "to="):
                guard let found = PostfixScan.address(line, at: cursor + 3, limit: limit) else {
                    return .missing
                }
                event.recipient = found.range
                named = true
                cursor = found.next
            case UInt8(ascii: "o") where PostfixScan.starts(line, at: cursor, "orig_to="):
                guard let found = PostfixScan.address(line, at: cursor + 8, limit: limit) else {
                    return .missing
                }
                event.originalRecipient = found.range
                cursor = found.next
            case UInt8(ascii: "f") where PostfixScan.starts(line, at: cursor, "from="):
                guard let found = PostfixScan.address(line, at: cursor + 5, limit: limit) else {
                    return .missing
                }
                cursor = found.next
                if PostfixScan.starts(line, at: cursor, ", size=") {
                    branch = .queueActive
                    return .ignored
                }
            case UInt8(ascii: "r") where PostfixScan.starts(line, at: cursor, "relay="):
                let start = cursor + 6
                cursor = start
                while cursor < limit, line[cursor] != PostfixScan.comma,
                    line[cursor] != PostfixScan.space
                {
                    cursor += 1
                }
                event.relay = ByteRange(start, cursor)
            case UInt8(ascii: "d") where PostfixScan.starts(line, at: cursor, "dsn="):
                var offset = 0
                let rest = ByteRange(cursor + 4, limit).slice(of: line)
                event.mtaDSN = EnhancedStatusCode.scan(rest, at: &offset)
            case UInt8(ascii: "s") where PostfixScan.starts(line, at: cursor, "status="):
                statusAt = cursor + 7
            default:
                break
            }
            if statusAt >= 0 { break }
            while cursor < limit, line[cursor] != PostfixScan.space { cursor += 1 }
            while cursor < limit, line[cursor] == PostfixScan.space { cursor += 1 }
        }
        guard statusAt >= 0 else { return .missing }
        event.domain = PostfixScan.domain(of: event.recipient, in: line)
        return status(line, at: statusAt, named: named, into: &event, branch: &branch)
    }

    private static func status(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, named: Bool,
        into event: inout RawEvent, branch: inout PostfixBranch
    ) -> PostfixDelivery.Outcome {
        let limit = line.count
        var wordEnd = index
        while wordEnd < limit, line[wordEnd] != PostfixScan.space,
            line[wordEnd] != PostfixScan.comma, line[wordEnd] != UInt8(ascii: "(")
        {
            wordEnd += 1
        }
        let word = Array(ByteRange(index, wordEnd).slice(of: line))
        let softBounce: Bool
        switch word {
        case Array("sent".utf8): (event.status, softBounce) = (.sent, false)
        case Array("bounced".utf8): (event.status, softBounce) = (.bounced, false)
        case Array("deferred".utf8): (event.status, softBounce) = (.deferred, false)
        case Array("SOFTBOUNCE".utf8): (event.status, softBounce) = (.deferred, true)
        case Array("expired".utf8), Array("force-expired".utf8):
            event.status = .expired
            event.recipient = .none
            event.domain = .none
            branch = .expired
            return .event
        default:
            if word.starts(with: "deliverable".utf8) || word.starts(with: "undeliverable".utf8) {
                branch = .addressProbe
                return .ignored
            }
            return .missing
        }
        // The reason: `(...)` up to the last `)`, or the bare text; trailing spaces trimmed.
        var start = wordEnd
        while start < limit, line[start] == PostfixScan.space { start += 1 }
        var reason: ByteRange
        if start < limit, line[start] == UInt8(ascii: "(") {
            start += 1
            var end = limit
            while end > start, line[end - 1] != UInt8(ascii: ")") { end -= 1 }
            reason = end > start ? ByteRange(start, end - 1) : ByteRange(start, limit)
        } else {
            reason = ByteRange(start, limit)
        }
        while reason.end > reason.start, line[reason.end - 1] == PostfixScan.space {
            reason = ByteRange(reason.start, reason.end - 1)
        }
        var replyEvent = event
        let remote = referenceReason(line, reason: reason, status: event.status, into: &replyEvent)
        event = replyEvent
        if !named {
            branch = .deliveryWithoutRecipient
        } else if softBounce {
            branch = .deliverySoftBounce
        } else if event.status == .sent {
            branch = .deliverySent
        } else {
            branch = remote ? .deliveryRemoteReply : .deliveryMTAReason
        }
        return .event
    }

    /// `PostfixReason.analyze` with the reply's enhanced code read by `EnhancedStatusCode.scan`.
    private static func referenceReason(
        _ line: UnsafeBufferPointer<UInt8>, reason: ByteRange, status: DeliveryStatus,
        into event: inout RawEvent
    ) -> Bool {
        let remote = PostfixReason.analyze(line, reason: reason, status: status, into: &event)
        // Read the reply's codes again the slow way and require the same answer.
        let reply = event.reply
        guard !reply.isEmpty else { return remote }
        var cursor = reply.start
        if line[cursor] &- UInt8(ascii: "2") < 4,
            ByteScan.isDigit(ByteScan.byte(line, cursor + 1)),
            ByteScan.isDigit(ByteScan.byte(line, cursor + 2)),
            cursor + 3 == reply.end || line[cursor + 3] == PostfixScan.space
                || line[cursor + 3] == UInt8(ascii: "-")
        {
            cursor += 4
        }
        if cursor < reply.end {
            var offset = 0
            event.replyDSN = EnhancedStatusCode.scan(
                ByteRange(cursor, reply.end).slice(of: line), at: &offset)
        }
        return remote
    }
}
