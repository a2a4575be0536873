import Testing

@testable import BounceCore

/// `ReplyAddressMask`: which bytes of a reply are an address the verdict memory may leave out of
/// its key, and which phrases forbid it.
@Suite struct ReplyAddressMaskTests {
    static func masked(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { reply in
            guard let first = ReplyAddressMask.nextToken(in: reply, from: 0) else { return text }
            var output = [UInt8](repeating: 0, count: bytes.count)
            let count = output.withUnsafeMutableBufferPointer { buffer in
                ReplyAddressMask.write(reply, first: first, to: buffer.baseAddress!)
            }
            return String(decoding: output[..<count], as: UTF8.self)
        }
    }

    @Test(arguments: [
        (
            "198.51.100.7 is listed at zen.spamhaus.org (127.0.0.4: https://x/198.51.100.7)",
            "0.0.0.0 is listed at zen.spamhaus.org (0.0.0.0: https://x/0.0.0.0)"
        ),
        (
            "Client host [192.0.2.10] blocked using bl.spamcop.net",
            "Client host [0.0.0.0] blocked using bl.spamcop.net"
        ),
        ("mx[203.0.113.5]:25 said: 550 5.7.1 no", "mx[0.0.0.0]:25 said: 550 5.7.1 no"),
        ("1.2.3.4", "0.0.0.0"),
        ("ip=01.002.3.4;", "ip=0.0.0.0;"),
        ("(1.2.3.4)\\n550 5.7.1 x", "(0.0.0.0)\\n550 5.7.1 x"),
        // Not addresses: five parts, a part over 255, a letter, `-`, `_` or a dot beside it.
        (
            "1.2.3.4.5 v1.2.3.4 1.2.3.256 1.2.3.4-x x_1.2.3.4 .1.2.3.4 1.2.3.4. 1.2.3 1.2.3.4x",
            "1.2.3.4.5 v1.2.3.4 1.2.3.256 1.2.3.4-x x_1.2.3.4 .1.2.3.4 1.2.3.4. 1.2.3 1.2.3.4x"
        ),
        (
            "\\n1.2.3.4 and 5.7.1 and 550 and 1234.1.1.1",
            "\\n1.2.3.4 and 5.7.1 and 550 and 1234.1.1.1"
        ),
        ("no dots at all", "no dots at all"),
    ])
    func writesAddressesAsZeros(_ reply: String, _ expected: String) {
        #expect(Self.masked(reply) == expected)
    }

    /// The key form of a key form is itself: its tokens are exactly the zeros.
    @Test func theKeyFormIsStable() {
        let replies = [
            "10.0.0.1 is listed at b.barracudacentral.org (127.0.0.2: https://b/?ip=10.0.0.1)",
            "0.0.0.0 and 255.255.255.255, 1.2.3.4",
        ]
        for reply in replies {
            let once = Self.masked(reply)
            #expect(Self.masked(once) == once)
        }
    }

    @Test(
        arguments: [
            // A whole address inside a phrase, an address's start after a boundary byte, its end
            // before one, a piece of one: the phrase's longest word guards it; without a word,
            // nothing can.
            (["from 192.0.2.1 "], ["from"]),
            (["client 10.", "at client 10.1"], ["client"]),
            ([".4 is listed"], ["listed"]),
            (["5.7.1"], nil),
            (["99"], nil),
            (["255"], nil),
            ([" 1.2.3.4 "], nil),
            (["(1.2"], nil),
            // Next to a letter, `-`, `_` or a dot no address stands; runs no address holds.
            (["ib101", "8-bit", "dy-001", "ofr_416", "(s3140)", "#bl00000", "s5h.net"], []),
            (["rfc 2822", "no=1000722", "exceeded 50 hops", "mailbox full.", "(300.1)"], []),
            (["1.2.3.4.5", "256"], []),
        ] as [([String], [String]?)])
    func phrasesDecideWhetherAddressesMayBeMasked(_ phrases: [String], _ guards: [String]?) {
        let words = ReplyAddressMask.guardWords(phrases)
        #expect(words?.map { String(decoding: $0, as: UTF8.self) } == guards, "\(phrases)")
        #expect(ReplyAddressMask.phrasesAllowMasking(phrases) == (guards != nil))
    }

    /// The built-in rules allow masking; `uceprotect level 1` (a block list's level) is the
    /// one phrase that could lie on an address.
    @Test func theBuiltInRulesAllowMasking() {
        #expect(
            Classifier.standard.addressGuards()?.map { String(decoding: $0, as: UTF8.self) } == [
                "uceprotect"
            ])
    }

    /// A reply holding a guard word is not remembered under its masked key: the level read
    /// from the address's first digit would otherwise be replayed for another address.
    @Test func aGuardWordKeepsAReplyFromBeingRememberedMasked() {
        var cache = CachingClassifier(.standard)
        var names: Set<String> = []
        for address in ["1.2.3.4", "2.2.3.4", "3.2.3.4", "1.2.3.4", "9.9.9.9"] {
            let line = SampleLine.postfixReject(
                client: "unknown[\(address)]",
                reply: "554 5.7.1 Service unavailable; Client host [\(address)] blocked using "
                    + "UCEPROTECT Level \(address)")
            CachingClassifierTests.forEachFailure(line) { event, buffer in
                let fresh = Classifier.standard.classify(event, in: buffer)
                CachingClassifierTests.expectSame(cache.classify(event, in: buffer), fresh, line)
                names.insert(fresh.blocklist?.name ?? "none")
            }
        }
        // The check could fail: the address changes the verdict.
        #expect(names.count > 1, "\(names)")
        #expect(cache.maskedHits == 0)
    }

    /// With a rule whose phrase holds an address, the address decides a verdict: the memory
    /// must key the whole reply, or the second line would be given the first line's verdict.
    @Test func aPhraseOnAnAddressKeepsAddressesInTheKey() {
        let rule = Rule(
            "local.partner", .policy, summary: "The partner's own relay.",
            any: ["[192.0.2.99]"], sample: "")
        let classifier = Classifier(rules: Rule.standard + [rule])
        #expect(classifier.addressGuards() == nil)
        var cache = CachingClassifier(classifier)
        var verdicts: [String] = []
        for address in ["192.0.2.99", "192.0.2.98", "192.0.2.99", "192.0.2.98"] {
            let line = SampleLine.postfixReject(reply: "550 zzz [\(address)] qqq")
            CachingClassifierTests.forEachFailure(line) { event, buffer in
                let fresh = classifier.classify(event, in: buffer)
                CachingClassifierTests.expectSame(cache.classify(event, in: buffer), fresh, line)
                verdicts.append(fresh.ruleID)
            }
        }
        #expect(verdicts.count == 4)
        #expect(verdicts[0] == "local.partner")
        #expect(verdicts[1] != "local.partner")
        #expect(cache.maskedHits == 0)
    }

    /// Every fixture failure line with each IPv4 address in it replaced by others of every
    /// length and shape (beside markers, codes and URLs as the fixtures place them): each
    /// verdict through the memory is the one `classify` gives, and the memory answers lines
    /// that differ only in their addresses.
    @Test func answersAsTheClassifierDoesForEveryAddress() {
        let classifier = Classifier.standard
        var cache = CachingClassifier(classifier)
        let replacements = [
            "0.0.0.0", "9.9.9.9", "250.1.1.1", "5.7.1.1", "4.4.4.4", "255.255.255.255",
            "198.51.100.123", "45.1.2.3", "101.8.0.1",
        ]
        var compared = 0
        var withAddress = 0
        for line in CachingClassifierTests.lines() {
            let bytes = Array(line.utf8)
            var addresses: [Range<Int>] = []
            bytes.withUnsafeBufferPointer { buffer in
                var from = 0
                while let token = ReplyAddressMask.nextToken(in: buffer, from: from) {
                    addresses.append(token)
                    from = token.upperBound
                }
            }
            let variants =
                addresses.isEmpty
                ? [line]
                : replacements.map { address in
                    var text = bytes
                    for range in addresses.reversed() {
                        text.replaceSubrange(range, with: Array(address.utf8))
                    }
                    return String(decoding: text, as: UTF8.self)
                }
            for variant in variants + variants.reversed() {
                CachingClassifierTests.forEachFailure(variant) { event, buffer in
                    CachingClassifierTests.expectSame(
                        cache.classify(event, in: buffer), classifier.classify(event, in: buffer),
                        variant)
                    compared += 1
                    let reply = event.reply.slice(of: buffer)
                    if event.kind == .reject, ReplyAddressMask.nextToken(in: reply, from: 0) != nil
                    {
                        withAddress += 1
                    }
                }
            }
        }
        #expect(compared > 3000)
        #expect(withAddress > 100)
        #expect(cache.maskedHits > withAddress / 2, "\(cache.maskedHits) of \(withAddress)")
    }
}
