import Testing

@testable import BounceCore

/// The eight-byte readers (stamps, pids, Postfix queue ids) against the byte-wise readers they
/// stand in front of: whenever a word reader answers, the byte-wise one must give the same
/// value and the same end. Inputs are real shapes, every truncation of them, and each with one
/// byte replaced by a byte that sits at a class boundary.
@Suite struct WordReaderTests {
    /// Bytes just inside and just outside the classes the readers test (digits, letters,
    /// separators), plus bytes with the top bit set.
    static let boundaryBytes: [UInt8] = [
        0x00, 0x09, 0x20, 0x2B, 0x2D, 0x2E, 0x2F, 0x30, 0x35, 0x39, 0x3A, 0x3B, 0x40, 0x41, 0x46,
        0x47, 0x54, 0x5A, 0x5B, 0x60, 0x61, 0x66, 0x7A, 0x7B, 0x7F, 0x80, 0xB0, 0xB9, 0xC1,
        0xFA, 0xFF,
    ]

    /// `text`, each of its prefixes, and each single-byte replacement by a boundary byte,
    /// with some trailing text so that words can be loaded past the field.
    static func variants(of text: String, tail: String = " host prog[1]: text") -> [[UInt8]] {
        let base = Array(text.utf8)
        var result: [[UInt8]] = []
        for length in 0...base.count {
            result.append(Array(base.prefix(length)))
            result.append(Array(base.prefix(length)) + Array(tail.utf8))
        }
        for position in base.indices {
            for byte in boundaryBytes {
                var changed = base
                changed[position] = byte
                result.append(changed + Array(tail.utf8))
            }
        }
        return result
    }

    static let bsdStamps = [
        "Nov 26 10:00:01", "Nov  6 10:00:01", "Jan  1 00:00:00", "Dec 31 23:59:60",
        "Feb 29 12:34:56.123456", "jun 09 07:08:09.5", "Mar 15 09:15:30.12345678",
        "Apr 31 24:00:00", "Sep 00 10:60:00", "Oct 32 10:00:61", "Jan 1 00:00:00",
        "May 17 08:09:10.", "Aug 10 10:10:10.1234567", "Jul 04 04:04:04.000000000",
    ]

    static let dateTimeStamps = [
        "2026-11-26T10:00:01.123456+00:00", "2026-11-26T10:00:01Z", "2026-11-26T10:00:01",
        "1999-12-31T23:59:60.1+14:00", "2026-02-29T00:00:00.12345678-05:30",
        "2026-13-01T00:00:00+01:00", "2026-00-10T00:00:00+0100", "2026-01-32T00:00:00+24:00",
        "2026-11-26T24:00:00-00:60", "2026-11-26 10:00:01", "2026-11-26 10:00:01.123 +0200",
        "0000-01-01 00:00:00", "9999-12-31 23:59:59.9999999",
    ]

    @Test func bsdWordsAgreeWithBytes() {
        var answered = 0
        for stamp in Self.bsdStamps {
            for bytes in Self.variants(of: stamp) {
                bytes.withUnsafeBufferPointer { line in
                    guard let (fast, end) = StampWords.bsd(line, at: 0) else { return }
                    answered += 1
                    var index = 0
                    let slow = TimestampParser.bsdBytes(line, at: &index)
                    #expect(slow == fast, "\(String(decoding: bytes, as: UTF8.self))")
                    #expect(index == end, "\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
        // The word reader must take the common shapes, or it speeds nothing up.
        #expect(answered > 500)
    }

    @Test func dateTimeWordsAgreeWithBytes() {
        var answered = 0
        for stamp in Self.dateTimeStamps {
            for bytes in Self.variants(of: stamp) {
                for separator in [UInt8(ascii: "T"), UInt8(ascii: " ")] {
                    bytes.withUnsafeBufferPointer { line in
                        guard
                            let (fast, end) = StampWords.dateTime(line, at: 0, separator: separator)
                        else { return }
                        answered += 1
                        var index = 0
                        let slow = TimestampParser.dateTimeBytes(
                            line, at: &index, separator: separator)
                        #expect(slow == fast, "\(String(decoding: bytes, as: UTF8.self))")
                        #expect(index == end, "\(String(decoding: bytes, as: UTF8.self))")
                    }
                }
            }
        }
        #expect(answered > 500)
    }

    @Test func offsetWordsAgreeWithBytes() {
        var answered = 0
        for offset in ["+00:00", "-05:30", "+14:00", "+23:59", "-24:00", "+01:60", "+0100"] {
            for bytes in Self.variants(of: offset, tail: " host") {
                bytes.withUnsafeBufferPointer { line in
                    guard let (fast, end) = StampWords.offset(line, at: 0) else { return }
                    answered += 1
                    var index = 0
                    let slow = TimestampParser.utcOffset(line, at: &index, colon: true)
                    #expect(slow == fast, "\(String(decoding: bytes, as: UTF8.self))")
                    #expect(index == end, "\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
        #expect(answered > 20)
    }

    @Test func pidWordsAgreeWithSmallNumber() {
        for pid in ["1", "12345", "1234567", "12345678", "1234567890123", "0", "007"] {
            for bytes in Self.variants(of: pid, tail: "]: text") {
                bytes.withUnsafeBufferPointer { line in
                    var fastIndex = 0
                    let fast = SyslogHeader.pid(line, at: &fastIndex)
                    var slowIndex = 0
                    let slow = ByteScan.smallNumber(line, at: &slowIndex, maxDigits: 10)
                    #expect(fast == slow, "\(String(decoding: bytes, as: UTF8.self))")
                    #expect(fastIndex == slowIndex, "\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
    }

    @Test func queueIDRunAgreesWithBytes() {
        let ids = [
            "7D73AA6F155", "4Nq3Zx0Gkbz1zWK", "ABCDE", "ABCD", "statistics", "warning",
            "0123456789ABCDEF01234567", "0123456789ABCDEF012345678", "NOQUEUE", "a",
            "4Nq3Zx0Gkbz1zWKxyzBCDFGHJ", "",
        ]
        var answered = 0
        for id in ids {
            for bytes in Self.variants(of: id, tail: ": to=<a@b.example>, relay=none") {
                bytes.withUnsafeBufferPointer { line in
                    guard let (length, allHex) = PostfixScan.idRun(line, at: 0) else { return }
                    answered += 1
                    let (slowLength, slowHex) = PostfixScan.idRunBytes(line, at: 0)
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(length == slowLength, "\(text)")
                    // Past 24 bytes the run is no id, and which bytes were hex does not matter.
                    if length <= 24 { #expect(allHex == slowHex, "\(text)") }
                }
            }
        }
        #expect(answered > 500)
    }

    @Test func decimalReadsEveryDigitCount() {
        let digits = Array("98765432".utf8)
        for count in 1...8 {
            var bytes = Array(digits.prefix(count)) + Array(repeating: UInt8(ascii: "x"), count: 8)
            bytes = Array(bytes.prefix(8))
            bytes.withUnsafeBufferPointer { line in
                guard let word = ByteWord.load(line, at: 0) else {
                    Issue.record("eight bytes did not load")
                    return
                }
                #expect(ByteWord.leadingDigits(word) == count)
                let expected = Int(String(decoding: digits.prefix(count), as: UTF8.self)) ?? -1
                #expect(ByteWord.decimal(word, count: count) == expected)
            }
        }
    }

    @Test func inRangeMatchesEachByte() {
        for low in [UInt8(0x30), 0x41, 0x61, 0x00] {
            let high: UInt8 = low == 0 ? 0x7F : low + 9
            for start in stride(from: 0, to: 256, by: 8) {
                let bytes = (0..<8).map { UInt8(start + $0) }
                bytes.withUnsafeBufferPointer { line in
                    guard let word = ByteWord.load(line, at: 0) else { return }
                    let flags = ByteWord.inRange(word, low, high)
                    for (position, byte) in bytes.enumerated() {
                        let flagged = (flags >> UInt64(position * 8 + 7)) & 1 == 1
                        #expect(flagged == (low...high).contains(byte), "byte \(byte)")
                    }
                }
            }
        }
    }
}

extension WordReaderTests {
    @Test func eximMessageIDWordsAgreeWithBytes() {
        var checked = 0
        for id in ["1tABCd-000123-Xy", "1tQ3Ks-00000000Bc9-2Fq0", "1xWMuA-00012i-Ai"] {
            for bytes in Self.variants(of: id, tail: " => a@b.example R=x") {
                let secondDash = id.utf8.count == 16 ? 13 : 18
                guard bytes.count >= id.utf8.count else { continue }
                bytes.withUnsafeBufferPointer { line in
                    let fast = EximScan.idWordsValid(line, at: 0, secondDash: secondDash)
                    let slow = EximScan.idBytesValid(line, at: 0, secondDash: secondDash)
                    #expect(fast == slow, "\(String(decoding: bytes, as: UTF8.self))")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func monthKeyAgreesWithMonthNumber() {
        var found = 0
        for first in Self.boundaryBytes + Array("JjFfMmAaSsOoNnDdEeUuPpCcBbRrYyLlGgTtVv".utf8) {
            for rest in [
                "an", "AN", "eb", "ar", "pr", "ay", "un", "ul", "ug", "ep", "ct", "ov", "ec",
            ] {
                let bytes = [first] + Array(rest.utf8) + Array(" 26 10:00:01 host".utf8)
                bytes.withUnsafeBufferPointer { line in
                    guard let word = ByteWord.load(line, at: 0) else { return }
                    let fast = TimestampParser.month(StampWords.monthKey(word))
                    #expect(fast == TimestampParser.monthNumber(line, at: 0))
                    if fast != nil { found += 1 }
                }
            }
        }
        #expect(found >= 24)
    }

    @Test func quotedAndSeparatorScansKeepTheirAnswers() {
        let texts = [
            #"a@b.example R=x T=y C="250 ok: \"quoted\" done" H=mx [1.2.3.4]: reason"#,
            #"a@b.example DN="CN=x: y" : SMTP error"#, #"unclosed "quote: never"#,
            #"esc \\" : after"#, "plain: reason", "trailing:", "no separator at all here",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { line in
                for limit in 0...line.count {
                    for start in 0..<max(limit, 1) {
                        #expect(
                            EximScan.separator(line, from: start, limit: limit)
                                == separatorBytes(line, from: start, limit: limit), "\(text)")
                        if start < limit, line[start] == UInt8(ascii: "\"") {
                            #expect(
                                EximScan.skipQuoted(line, from: start, limit: limit)
                                    == skipQuotedBytes(line, from: start, limit: limit), "\(text)")
                        }
                    }
                }
            }
        }
    }

    /// The byte loops that `EximScan.skipQuoted` and `separator` replaced.
    private func skipQuotedBytes(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int)
        -> Int
    {
        var cursor = index + 1
        while cursor < limit {
            let byte = line[cursor]
            if byte == UInt8(ascii: "\"") { return cursor + 1 }
            cursor += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        return limit
    }

    private func separatorBytes(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int)
        -> Int?
    {
        var cursor = index
        while cursor < limit {
            let byte = line[cursor]
            if byte == UInt8(ascii: "\"") {
                cursor = skipQuotedBytes(line, from: cursor, limit: limit)
                continue
            }
            if byte == UInt8(ascii: ":"), cursor + 1 == limit || line[cursor + 1] == 0x20 {
                return cursor
            }
            cursor += 1
        }
        return nil
    }
}

extension WordReaderTests {
    @Test func wordLowercasingMatchesByteLowercasing() {
        let bytes = (0..<256).map { UInt8($0) } + Array("MiXeD.Example.COM".utf8)
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            for start in 0..<9 {
                for length in [0, 1, 7, 8, 9, 17, source.count - start] {
                    var target = [UInt8](repeating: 0xAA, count: length + 8)
                    target.withUnsafeMutableBufferPointer { output in
                        guard let out = output.baseAddress else { return }
                        SpaceSavingTable.lowercase(base + start, length: length, into: out)
                    }
                    let expected = source[start..<start + length].map(ByteScan.lower)
                    #expect(Array(target.prefix(length)) == expected)
                    // Nothing past the key is written.
                    #expect(target[length..<length + 8].allSatisfy { $0 == 0xAA })
                }
            }
        }
    }
}

extension WordReaderTests {
    /// The first start of `literal` in `bytes[from..<to]`, compared byte by byte.
    private func naiveFind(_ literal: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        let end = min(to, bytes.count)
        var index = max(from, 0)
        while index + literal.count <= end {
            if Array(bytes[index..<index + literal.count]) == literal { return index }
            index += 1
        }
        return nil
    }

    @Test func literalFindAgreesWithNaiveSearch() {
        let text = Array(
            "SMTP error from remote mail server after RCPT TO:<a@b>: 550 retry time not reached; SSMTP error from remote mail server after end of data: 451 etry time not x"
                .utf8)
        let literals: [StaticString] = [
            "SMTP error from remote mail server after ", "etry time not ", "e", "ee",
            " (in reply to ",
            "x", "451", ": 5", "not found anywhere",
        ]
        for literal in literals {
            let needle = Array(
                UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            text.withUnsafeBufferPointer { line in
                for from in stride(from: -1, to: text.count + 1, by: 3) {
                    for to in [text.count, text.count - 1, from + 20, from + needle.count] {
                        #expect(
                            ByteScan.find(literal, in: line, from: from, to: to)
                                == naiveFind(needle, in: text, from: from, to: to),
                            "\(literal) from \(from) to \(to)")
                    }
                }
            }
        }
    }

    @Test func entryCellsStartAtZeroInAnyOrder() {
        var cells = EntryCells(entries: 8, cellsPerEntry: 4)
        for entry in [5, 0, 7, 2] {
            cells.clear(entry)
            #expect(cells.row(entry).allSatisfy { $0 == 0 })
            cells.increment(entry, entry % 4)
        }
        // Entries skipped over are zero too, and clearing a used entry empties it.
        cells.clear(6)
        #expect(cells.row(6).allSatisfy { $0 == 0 })
        #expect(Array(cells.row(5))[1] == 1)
        cells.clear(5)
        #expect(cells.row(5).allSatisfy { $0 == 0 })
    }
}

extension WordReaderTests {
    @Test func eximDomainFindsTheLastAtSign() {
        let addresses = [
            "a@b", "user@example.com", "\"x@y\"@long-domain.example.org", "no-at-sign-here-at-all",
            "trailing@", "@leading.example", "a@b@c.example.net", "@", "", "x@0123456789abcdef",
        ]
        for address in addresses {
            for prefix in ["", "=> ", "2026-11-26 00:00:03 1xWMuA-00012i-Ai => "] {
                let bytes = Array((prefix + address + " R=x").utf8)
                let range = ByteRange(prefix.utf8.count, prefix.utf8.count + address.utf8.count)
                var expected = ByteRange.none
                if let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) {
                    let offset = address.utf8.distance(from: address.utf8.startIndex, to: at)
                    let start = range.start + offset + 1
                    if start < range.end { expected = ByteRange(start, range.end) }
                }
                bytes.withUnsafeBufferPointer { line in
                    #expect(EximScan.domain(of: range, in: line) == expected, "\(address)")
                }
            }
        }
    }
}
