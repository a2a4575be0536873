import Testing

@testable import BounceCore

/// The shape of `bytes`, written into a buffer of `capacity` bytes.
private func shape(_ bytes: [UInt8], capacity: Int = ShapeTally.shapeLimit) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: capacity)
    let length = bytes.withUnsafeBufferPointer { reply in
        output.withUnsafeMutableBufferPointer {
            ReplyShape.write(reply, into: $0.baseAddress!, capacity: capacity)
        }
    }
    return Array(output[0..<length])
}

private func shape(_ text: String) -> String {
    String(decoding: shape(Array(text.utf8)), as: UTF8.self)
}

@Suite struct ReplyShapeTests {
    @Test func masksAddressesHostsIPsIdsAndDigits() {
        #expect(
            shape("550 5.1.1 <jane.doe@example.net>: Recipient address rejected")
                == "550 5.1.1 <<addr>>: Recipient address rejected")
        #expect(
            shape("451 4.7.1 Client host [192.0.2.25] blocked, try again in 300 seconds")
                == "451 4.7.1 Client host [<ip>] blocked, try again in # seconds")
        #expect(
            shape("421 mx3.mail.example.org busy, queue 4F2A81C0B3 held")
                == "421 <host> busy, queue <id> held")
        #expect(shape("554 IPv6 2001:db8::25 not allowed") == "554 IPv# <ip> not allowed")
        #expect(
            shape("550 Message 1rABCd-000ABC-12 refused (session a1b2c3d4e5f6)")
                == "550 Message <id> refused (session <id>)")
    }

    @Test func differentHostsAndCountsGiveOneShape() {
        let first = shape("452 Too many connections from 192.0.2.1 to mx1.example.net, 12 open")
        let second = shape("452 Too many connections from 198.51.100.7 to mx9.example.com, 3 open")
        #expect(first == second)
        #expect(first == "452 Too many connections from <ip> to <host>, # open")
    }

    @Test func keepsTheReplyCodeAndProviderWords() {
        #expect(shape("550 Computer says no") == "550 Computer says no")
        #expect(shape("450 Computer says no") == "450 Computer says no")
        #expect(shape("550-5.7.26 Unauthenticated email.") == "550-5.7.26 Unauthenticated email.")
        // A version-like word and a short provider code are not ids.
        #expect(shape("554 S3150 blocked") == "554 S# blocked")
    }

    @Test func controlBytesAndSpaceRunsBecomeOneSpace() {
        #expect(shape("  550\r\n  no\t\tthanks\u{0}  ") == "550 no thanks")
        #expect(shape("\r\n\r\n") == "")
        #expect(shape("") == "")
    }

    @Test func invalidUTF8IsCopiedAndNeverBreaksTheShape() {
        let bytes: [UInt8] = Array("550 bad ".utf8) + [0xFF, 0xC3, 0x28, 0x80] + Array(" 42".utf8)
        let result = shape(bytes)
        #expect(result == Array("550 bad ".utf8) + [0xFF, 0xC3, 0x28, 0x80] + Array(" #".utf8))
    }

    @Test func veryLongRepliesAreBounded() {
        let long = Array("550 ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5_000_000)
        #expect(shape(long).count == ShapeTally.shapeLimit)
        // A tiny output buffer is never overrun.
        #expect(
            shape(Array("550 5.1.1 no such user here".utf8), capacity: 5) == Array("550 5".utf8))
        // Only the first bytes are read: what follows them never changes the shape.
        let tail = long + Array(" user@example.net".utf8)
        #expect(shape(tail) == shape(long))
    }
}

@Suite struct ShapeTallyTests {
    private func add(_ text: String, to tally: inout ShapeTally) {
        var copy = text
        copy.withUTF8 { tally.add($0) }
    }

    @Test func countsByShapeWithTheEarliestExample() {
        var tally = ShapeTally()
        add("550 No thanks from mx1.example.net", to: &tally)
        add("451 Busy, 10 queued", to: &tally)
        add("550 No thanks from mx2.example.org", to: &tally)
        let top = tally.top(10)
        #expect(tally.total == 3)
        #expect(
            top == [
                ShapeCount(
                    shape: "550 no thanks from <host>", count: 2,
                    example: "550 No thanks from mx1.example.net"),
                ShapeCount(shape: "451 busy, # queued", count: 1, example: "451 Busy, 10 queued"),
            ])
        #expect(!tally.isApproximate)
    }

    @Test func thousandsOfDistinctShapesStayBounded() {
        var tally = ShapeTally(capacity: 64)
        var random = SplitMix64(state: 7)
        for index in 0..<20_000 {
            // Words, not digits, so that every reply is its own shape; one frequent shape.
            let word = String(random.next() % 1_000_000, radix: 26).map {
                Character(UnicodeScalar(UInt8(ascii: "a") + (UInt8(String($0), radix: 26) ?? 0)))
            }
            add(index % 4 == 0 ? "550 frequent refusal" : "550 rare \(String(word))", to: &tally)
        }
        #expect(tally.total == 20_000)
        #expect(tally.distinctShapes == 64)
        #expect(tally.isApproximate)
        let top = tally.top(3)
        #expect(top.first?.shape == "550 frequent refusal")
        #expect(top.first?.example == "550 frequent refusal")
        #expect((top.first?.count ?? 0) <= 5000)
        #expect((top.first?.count ?? 0) > 4000)
    }
}
