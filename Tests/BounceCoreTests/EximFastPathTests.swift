import Testing

@testable import BounceCore

/// The Exim parser's faster readings give the answers of the general ones: the phrase search
/// against `ByteScan.find`, the `H=` host against a byte-by-byte reading written from its
/// definition, over generated texts, every cut of them and every search range.
@Suite struct EximFastPathTests {
    private static let phrases: [(EximPhrase, StaticString)] = [
        (.smtpError, "SMTP error from remote mail server after "),
        (.lmtpError, "LMTP error after "), (.timeoutAfter, "MTP timeout after "),
        (.inResponseTo, "in response to "), (.retryTimeNot, "etry time not "),
        (.retryTimeoutExceeded, "retry timeout exceeded"),
        (.authenticatorFailed, "authenticator failed"), (.setID, "(set_id="),
    ]

    /// Texts around one phrase: the phrase itself, near misses (cut short, one byte changed,
    /// its prefix repeated), twice, at the start, the end and in between, and text made of the
    /// phrase's own bytes, which moves the search least.
    private static func texts(around phrase: String) -> [[UInt8]] {
        let bytes = Array(phrase.utf8)
        var changed = bytes
        changed[bytes.count / 2] ^= 0x20
        var lastChanged = bytes
        lastChanged[bytes.count - 1] = UInt8(ascii: "#")
        let half = Array(bytes[0..<(bytes.count / 2)])
        let shuffled = Array(bytes.reversed())
        let pieces: [[UInt8]] = [
            bytes, Array(bytes.dropLast()), Array(bytes.dropFirst()), changed, lastChanged,
            half + bytes, bytes + bytes, half + half + bytes + half, shuffled + bytes,
            Array("550 5.1.1 <a@b.example>: ".utf8) + bytes + Array("RCPT TO:<a@b>".utf8),
            Array("x".utf8) + changed + shuffled + lastChanged + Array("y".utf8),
            shuffled + shuffled, [0xFF, 0x00] + bytes + [0xC3],
        ]
        return pieces
    }

    /// Every phrase, on every text, from every start to every end, answers as `ByteScan.find`.
    @Test func phraseSearchAgreesWithTheLiteralSearch() {
        var found = 0
        var missed = 0
        for (phrase, literal) in Self.phrases {
            let text = String(
                decoding: UnsafeBufferPointer(
                    start: literal.utf8Start, count: literal.utf8CodeUnitCount), as: UTF8.self)
            #expect(phrase.text.utf8CodeUnitCount == literal.utf8CodeUnitCount)
            for bytes in Self.texts(around: text) {
                bytes.withUnsafeBufferPointer { line in
                    for from in 0...line.count {
                        for to in from...line.count + 2 {
                            let fast = phrase.find(in: line, from: from, to: to)
                            let general = ByteScan.find(literal, in: line, from: from, to: to)
                            #expect(fast == general, "\(text) in \(Array(line)) \(from)..<\(to)")
                            if general == nil { missed += 1 } else { found += 1 }
                        }
                    }
                }
            }
        }
        #expect(found > 1000)
        #expect(missed > 1000)
    }

    /// Random texts over a phrase's own bytes (a fixed seed), searched whole.
    @Test func phraseSearchOnRandomTexts() {
        var generator = SplitMix64(state: 19)
        var found = 0
        for (phrase, literal) in Self.phrases {
            let alphabet = Array(
                UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            for _ in 0..<400 {
                let length = Int(generator.next() % 200)
                var bytes = (0..<length).map { _ in
                    alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
                // Half of them get the phrase somewhere.
                if generator.next() % 2 == 0 {
                    let at = Int(generator.next() % UInt64(bytes.count + 1))
                    bytes.insert(contentsOf: alphabet, at: at)
                }
                bytes.withUnsafeBufferPointer { line in
                    let fast = phrase.find(in: line, from: 0, to: line.count)
                    let general = ByteScan.find(literal, in: line, from: 0, to: line.count)
                    #expect(fast == general, "\(Array(line))")
                    if general != nil { found += 1 }
                }
            }
        }
        #expect(found > 800)
    }

    /// The host's name as Exim's field syntax defines it: up to a space, or to a colon that
    /// a space follows or that ends the fields (`limit`).
    private static func referenceNameEnd(_ line: [UInt8], from index: Int, limit: Int) -> Int {
        var cursor = index
        while cursor < limit {
            let byte = line[cursor]
            if byte == 0x20 { return cursor }
            if byte == 0x3A, cursor + 1 == limit || line[cursor + 1] == 0x20 { return cursor }
            cursor += 1
        }
        return limit
    }

    /// `EximHost.parse` ends the name where the definition does, for names with colons
    /// (IPv6, ports) and spaces at every place, every cut and every limit.
    @Test func hostNameEndsWhereTheDefinitionSays() {
        let names = [
            "mx.example.com [192.0.2.1]:25 X=TLS", "2001:db8::1 [2001:db8::1]", "a: b", "a:",
            ":", ": x", "mx:25 ", "mx::", "host-with-many-bytes.example.net:", " [1.2.3.4]",
            "a:b:c: d", "verylongname.with.more.than.eight.bytes:x y:", "x",
        ]
        var checked = 0
        for name in names {
            let bytes = Array(name.utf8)
            bytes.withUnsafeBufferPointer { line in
                for limit in 0...line.count {
                    guard limit > 0, line[0] != UInt8(ascii: "("), line[0] != UInt8(ascii: "[")
                    else { continue }
                    let host = EximHost.parse(line, at: 0, limit: limit)
                    let expected = Self.referenceNameEnd(bytes, from: 0, limit: limit)
                    // Without a helo or bracket after it, the text is the name alone.
                    let after = expected + (expected < limit && bytes[expected] == 0x20 ? 1 : 0)
                    if after >= limit || (bytes[after] != 0x28 && bytes[after] != 0x5B) {
                        #expect(host.text == ByteRange(0, expected), "\(name) limit \(limit)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 100)
    }
}

/// `EximFlagSearch` answers as `DeliveryMarker.containsEximFlag`.
@Suite struct EximFlagSearchTests {
    @Test(
        arguments: [
            ("x ** y", true), ("x == y", true), (" ** ", true), (" == ", true), ("** ", false),
            (" **", false), (" *= ", false), (" =* ", false), ("a **b", false), ("a** b", false),
            ("", false), (" ", false), ("  **  ", true), ("=== == ", true), ("*** ***", false),
            ("D=35s H=(x) [1.2.3.4]", false), ("1xWibd-0006fP-1P == a@b R=r", true),
            ("x  ==  y", true), ("x = = y", false), ("x *** y", false), ("   *", false),
        ])
    func table(_ text: String, _ expected: Bool) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { line in
            #expect(EximFlagSearch.contains(line) == expected, "\(text)")
            #expect(DeliveryMarker.containsEximFlag(line) == expected, "\(text)")
        }
    }

    /// Every cut of texts dense in spaces, `*` and `=`, at every start, as the general search.
    @Test func agreesWithTheGeneralSearch() {
        let texts = [
            "a ** b == c", " * * = = ** == ", "x=y z==w ** ", "==  ** =*= *=* ===  **",
            "unexpected disconnection while reading SMTP command from (x) [1.2.3.4] D=35s",
            " =  = ** *", "****  ==== ", "ab== cd **ef ==", "\u{0} ** \u{FF} == ",
        ]
        var found = 0
        var checked = 0
        for text in texts {
            let bytes = Array(text.utf8)
            for start in 0...bytes.count {
                for end in start...bytes.count {
                    let cut = Array(bytes[start..<end])
                    cut.withUnsafeBufferPointer { line in
                        let general = DeliveryMarker.containsEximFlag(line)
                        #expect(EximFlagSearch.contains(line) == general, "\(cut)")
                        if general { found += 1 }
                        checked += 1
                    }
                }
            }
        }
        #expect(found > 100)
        #expect(checked > 1000)
    }
}
