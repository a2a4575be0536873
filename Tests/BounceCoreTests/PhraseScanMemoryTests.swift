import Testing

@testable import BounceCore

/// `PhraseScanMemory` resumes a reply's phrase scan from the state kept while scanning another
/// reply with the same beginning; whatever it resumes from, it must find exactly what
/// `PhraseMatcher.matches` finds.
@Suite struct PhraseScanMemoryTests {
    /// Long replies of the shapes that miss the verdict memory: continuation markers, `\n`
    /// escapes, URLs (where most phrases do not count), two-byte UTF-8 that folds, phrases of
    /// the built-in rules in several places, and a per-line value at the end.
    static let replies = [
        "550-5.7.26 This mail has been blocked because the sender is unauthenticated.\\n550-5.7.26 "
            + "Gmail requires all senders to authenticate with either SPF or DKIM.\\n550-5.7.26\\n"
            + "550 5.7.26  https://support.google.com/mail/answer/81126#authentication "
            + "c26eb38eca94f-5y5p749si95790022.935 - gsmtp",
        "421-4.7.28 Gmail has detected an unusual rate of unsolicited mail from your IP\\n"
            + "421-4.7.28 address [203.0.113.10      19]. To protect our users, mail from your IP "
            + "has\\n421-4.7.28 been temporarily rate limited. For more information, go to\\n"
            + "421 4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError "
            + "5d457f65040f2-3d38599si27308987.898 - gsmtp",
        "550 5.7.1 Unfortunately, messages from [203.0.113.10] weren't sent. Please contact your "
            + "Internet service provider since part of their network is on our block list "
            + "(S3150). You can also refer your provider to "
            + "http://mail.live.com/mail/troubleshooting.aspx#errors. "
            + "[SN5PR07MB9903.eurprd04.prod.outlook.com 2026-11-26T00:00:22.029Z 08DD604A0B36772B]",
        "552 5.2.2 Postfach voll: Die Mailbox des Empfängers ÜBERSCHREITET das Limit, "
            + "Benutzer unbekannt, ПОЧТОВЫЙ ЯЩИК ПЕРЕПОЛНЕН, mailbox full, quota exceeded, "
            + "user unknown, spam detected 550-5.1.1 550 5.1.1 http://x.example/spam?user=unknown",
    ]

    /// Each reply, then copies of it with one byte changed at each place (to a letter, a space,
    /// a digit, a backslash or a UTF-8 lead) and cut short at each place: every answer, fresh
    /// or resumed, is the matcher's own.
    @Test func findsWhatTheMatcherFindsWhateverItResumesFrom() {
        let matcher = Classifier.standard.matcher
        var memory = PhraseScanMemory()
        var checked = 0
        var differentAnswers = 0
        for reply in Self.replies {
            let original = Array(reply.utf8)
            var texts = [original]
            for position in Swift.stride(from: 0, to: original.count, by: 3) {
                for replacement: UInt8 in [0x61, 0x20, 0x35, 0x5C, 0xC3, 0x2F] {
                    var changed = original
                    changed[position] = replacement
                    texts.append(changed)
                }
                texts.append(Array(original[..<position]))
                texts.append(original)
            }
            let plain = matcher.matches(in: original.withUnsafeBufferPointer { $0 })
            for text in texts {
                text.withUnsafeBufferPointer { buffer in
                    let expected = matcher.matches(in: buffer)
                    #expect(memory.matches(in: buffer, with: matcher) == expected)
                    if expected != plain { differentAnswers += 1 }
                }
                checked += 1
            }
        }
        #expect(checked > 1000)
        // The changes moved the answers, and scans were resumed.
        #expect(differentAnswers > 50)
        #expect(memory.resumed > checked / 2)
    }

    /// A reply that changes right after a kept point is not resumed from it: the point's scan
    /// may have looked at the changed bytes (a continuation marker is read ahead).
    @Test func resumesOnlyWhereTheCommonBeginningCoversTheLookAhead() {
        let matcher = Classifier.standard.matcher
        var memory = PhraseScanMemory()
        let head = String(repeating: "x", count: 30)
        for tail in ["550-5.1.1 user unknown", "550 x.1.1 mailbox full", "550-5.1.1 spam"] {
            for filler in 0..<40 {
                let text = Array(
                    (head + " " + String(repeating: "y ", count: filler) + tail
                        + String(repeating: " z", count: 40)).utf8)
                text.withUnsafeBufferPointer { buffer in
                    #expect(
                        memory.matches(in: buffer, with: matcher) == matcher.matches(in: buffer))
                }
            }
        }
    }

    /// A kept point at the top of the loop right after a space, where the kept reply had no
    /// continuation marker (`550 x.1.1`: read ahead, found wanting), and a reply that has one
    /// there (`550-5.1.1 `, skipped by the scan): the replies share the point and three bytes
    /// after it, less than the look-ahead, so the scan must not resume there. A phrase that
    /// spans the marker's end tells the two scans apart.
    @Test func aPointWhoseLookAheadDiffersIsNotResumedFrom() {
        let matcher = PhraseMatcher(phrases: ["1 user", "mailbox full", "user unknown"])
        var memory = PhraseScanMemory()
        // 31 bytes and a space: the loop's top at index 32 is the first kept point.
        let head = String(repeating: "a", count: 31) + " "
        let pad = String(repeating: " zzz", count: 20)
        let kept = Array((head + "550 x.1.1 mailbox full" + pad).utf8)
        let marked = Array((head + "550-5.1.1 user unknown" + pad).utf8)
        for text in [kept, marked, kept, marked] {
            text.withUnsafeBufferPointer { buffer in
                #expect(memory.matches(in: buffer, with: matcher) == matcher.matches(in: buffer))
            }
        }
        marked.withUnsafeBufferPointer { buffer in
            #expect(!matcher.matches(in: buffer).contains(0), "the marker is skipped")
        }
    }
}
