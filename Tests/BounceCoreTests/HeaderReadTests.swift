import Testing

@testable import BounceCore

/// `SyslogHeader.read` (the in-place reading with `StampCache.quickStamp` and `quickTag`)
/// gives the header `SyslogHeader.parse` gives the same line alone, whatever line came before:
/// over generated stamps, hosts, programs and tags, every cut of them, and lines that differ
/// from the one before only in their stamp's fraction, zone or second.
@Suite struct HeaderReadTests {
    private static let stamps = [
        "Nov 26 10:00:01", "Dec  7 10:00:01", "Dec 7 10:00:01", "Nov 26 10:00:01.5",
        "2026-11-26T10:00:01.479087+00:00", "2026-11-26T10:00:01.479088+00:00",
        "2026-11-26T10:00:01+00:00", "2026-11-26T10:00:01Z", "2026-11-26T10:00:01.5Z",
        "2026-11-26T10:00:01.1234567-05:30", "2026-11-26T10:00:01.12345678+01:00",
        "2026-11-26T10:00:01.123456789Z", "2026-11-26T10:00:01.+00:00",
        "2026-11-26T10:00:01.25+0530", "2026-11-26T10:00:01.25+24:00",
        "2026-11-26T10:00:01.25-00:60", "2026-11-26T10:00:01.25", "2026-11-26T10:00:02.25Z",
        "2026-11-26T10:00:01.25+1:00", "2026-11-26 10:00:01.25",
        // Another second of the same minute (taken from the entry), an impossible one, and
        // another minute.
        "Nov 26 10:00:02", "Nov 26 10:00:60", "Nov 26 10:00:61", "Nov 26 10:00:1x",
        "Nov 26 10:01:01", "Dec  7 10:00:09", "2026-11-26T10:00:59.5Z", "2026-11-26T10:00:61.5Z",
        "2026-11-26T10:01:01.5Z", "2026-11-26T10:00:0x.5Z", "2026-11-26T10:00-01.5Z",
    ]
    private static let hosts = ["mx1", "mail.example.com", "host-with-18-bytes", "h:", "a"]
    private static let tags = [
        "postfix/smtp[2239]: to=<a@b>", "postfix/submission/smtpd[1]: connect",
        "postfix/postscreen[12345678]: x", "postfix/[9]: x", "postfix/ x", "dovecot: imap",
        "opendkim[77]: [ID 1 mail.info] x", "postfix/qmgr[5]:x", "exim[3]: y", "postfix/smtp: ",
        "postfix/smtp[42]: [x]",
    ]

    private static var lines: [[UInt8]] {
        var result: [[UInt8]] = []
        for stamp in stamps {
            for host in hosts {
                for tag in tags {
                    let bytes = Array((stamp + " " + host + " " + tag).utf8)
                    // Every cut from the end of the stamp on, and a longer line.
                    for length in Swift.max(0, stamp.utf8.count - 1)...bytes.count {
                        result.append(Array(bytes[0..<length]))
                    }
                    result.append(bytes + Array(" and some more text to read".utf8))
                }
            }
        }
        return result
    }

    private static func same(_ a: SyslogHeader, _ b: SyslogHeader) -> Bool {
        a.timestamp == b.timestamp && a.host == b.host && a.program == b.program
            && a.pid == b.pid && a.messageStart == b.messageStart
    }

    /// Each line read after each stamp's line: the cache holds the stamp before, so that the
    /// quick readings are taken where they can be, and declined where the bytes differ.
    @Test func readAgreesWithParseAfterAnyLine() {
        var quick = 0
        var checked = 0
        var misses: [String] = []
        let lines = Self.lines
        let previous = Self.stamps.map { Array(($0 + " mx1 postfix/smtp[1]: x").utf8) }
        for first in previous {
            var primed = StampCache()
            first.withUnsafeBufferPointer { line in
                var header = SyslogHeader.blank
                _ = SyslogHeader.read(line, stamps: &primed, into: &header)
                // Twice: the second reading learns the zone.
                _ = SyslogHeader.read(line, stamps: &primed, into: &header)
            }
            for bytes in lines {
                bytes.withUnsafeBufferPointer { line in
                    var cache = primed
                    var header = SyslogHeader.blank
                    let found = SyslogHeader.read(line, stamps: &cache, into: &header)
                    let alone = SyslogHeader.parse(line)
                    checked += 1
                    if found != (alone != nil) || (alone.map { !Self.same($0, header) } ?? false) {
                        misses.append(String(decoding: line, as: UTF8.self))
                    }
                    // Whether the quick path answered.
                    var probe = primed
                    var stamp = LogTimestamp(
                        year: nil, month: 1, day: 1, hour: 0, minute: 0, second: 0)
                    if let base = line.baseAddress, line.count >= 40 {
                        let start = probe.quickStamp(base, count: line.count, into: &stamp)
                        var tagged = SyslogHeader.blank
                        if start > 0,
                            SyslogHeader.quickTag(
                                base, count: line.count, at: start, into: &tagged) != .declined
                        {
                            quick += 1
                        }
                    }
                }
            }
        }
        #expect(misses.isEmpty, "\(misses.prefix(5))")
        #expect(checked > 100_000)
        // The quick path is taken often, so the comparison above covers it.
        #expect(quick > 5000)
    }

    /// The stamp `quickStamp` gives is the parser's, and its end is after the parser's end and
    /// the space there, for every zone shape and fraction length.
    @Test func quickStampAgreesWithTheParser() {
        var answered = 0
        for primer in Self.stamps {
            for stamp in Self.stamps {
                for tail in [" mx1 postfix/smtp[1]: some text here", "X mx1 postfix/smtp[1]: x"] {
                    var cache = StampCache()
                    let first = Array((primer + " mx1 postfix/smtp[1]: some text here").utf8)
                    first.withUnsafeBufferPointer { line in
                        var header = SyslogHeader.blank
                        _ = SyslogHeader.read(line, stamps: &cache, into: &header)
                    }
                    let bytes = Array((stamp + tail).utf8)
                    bytes.withUnsafeBufferPointer { line in
                        guard let base = line.baseAddress else { return }
                        var result = LogTimestamp(
                            year: nil, month: 1, day: 1, hour: 0, minute: 0, second: 0)
                        let end = cache.quickStamp(base, count: line.count, into: &result)
                        guard end > 0 else { return }
                        answered += 1
                        var index = 0
                        let parsed =
                            ByteScan.isDigit(line[0])
                            ? TimestampParser.rfc3339(line, at: &index)
                            : TimestampParser.bsd(line, at: &index)
                        #expect(parsed == result, "\(stamp)")
                        #expect(line[index] == 0x20 && end == index + 1, "\(stamp)")
                    }
                }
            }
        }
        #expect(answered > 20)
    }

    /// `LineParser.isPostfix` is `hasPrefix("postfix")` on the program, at every cut.
    @Test func isPostfixIsThePrefixTest() {
        let text = Array("mx1 postfix/smtp[1]: postfi postfix postfixx Postfix x".utf8)
        text.withUnsafeBufferPointer { line in
            for start in 0...line.count {
                for end in start...line.count {
                    let range = ByteRange(start, end)
                    let expected = ByteScan.hasPrefix(range.slice(of: line), at: 0, "postfix")
                    #expect(LineParser.isPostfix(range, in: line) == expected, "\(start)..<\(end)")
                }
            }
        }
    }

    /// `PostfixScan.domain` finds what follows the last `@`, and nothing after a quote.
    @Test func postfixDomainFindsTheLastAtSign() {
        let addresses = [
            "a@b", "user@example.com", "\"x@y\"@long-domain.example.org", "no-at-sign-here-at-all",
            "trailing@", "@leading.example", "a@b@c.example.net", "@", "", "x@0123456789abcdef",
            "0123456789abcdef@x", "\"quoted local part\"", "a\"b@0123456789", "0123456789@a\"bcd",
        ]
        for address in addresses {
            for prefix in ["", "to=<", "Nov 26 10:00:01 mx1 postfix/smtp[1]: 24B72E94D38: to=<"] {
                let bytes = Array((prefix + address + ">, relay=x").utf8)
                let start = prefix.utf8.count
                let range = ByteRange(start, start + address.utf8.count)
                // The definition, byte by byte from the end.
                var expected = ByteRange.none
                var cursor = range.end - 1
                while cursor >= range.start {
                    if bytes[cursor] == UInt8(ascii: "\"") { break }
                    if bytes[cursor] == UInt8(ascii: "@") {
                        if cursor + 1 < range.end { expected = ByteRange(cursor + 1, range.end) }
                        break
                    }
                    cursor -= 1
                }
                bytes.withUnsafeBufferPointer { line in
                    #expect(PostfixScan.domain(of: range, in: line) == expected, "\(address)")
                }
            }
        }
    }

    /// `DeliveryMarker.containsStatus` finds `status=` wherever it is, with other `=` before
    /// and around it, on lines long enough for its sixteen-byte steps.
    @Test func containsStatusAtEveryOffset() {
        for offset in 0...40 {
            for filler in ["x", " ", "="] {
                let pad = String(repeating: filler, count: offset)
                let texts = [
                    pad + "status=sent and then some more text",
                    pad + "status and then some more text, no marker",
                    pad + "tatus=x and then some more text", "a=b " + pad + "status=x",
                    pad + "Trusted TLS connection established to mx.example.com",
                ]
                for text in texts {
                    // The definition: some `=` with `status` just before it.
                    let bytes = Array(text.utf8)
                    let reference = (6..<Swift.max(6, bytes.count)).contains { end in
                        bytes[end] == UInt8(ascii: "=")
                            && Array(bytes[(end - 6)..<end]) == Array("status".utf8)
                    }
                    let found = bytes.withUnsafeBufferPointer {
                        DeliveryMarker.containsStatus($0)
                    }
                    #expect(found == reference, "\(text)")
                }
            }
        }
    }

    /// `readTag` says `.postfix` only for a header whose program starts with `postfix/`, and
    /// answers as `read` does; the Postfix parser is then picked without looking again.
    @Test func readTagTellsPostfixPrograms() {
        var postfix = 0
        for bytes in Self.lines {
            bytes.withUnsafeBufferPointer { line in
                // The quick reading, which tells Postfix programs, needs the stamp cached.
                var cache = StampCache()
                var header = SyslogHeader.blank
                _ = SyslogHeader.read(line, stamps: &cache, into: &header)
                var again = cache
                let reading = SyslogHeader.readTag(line, stamps: &cache, into: &header)
                var other = SyslogHeader.blank
                let found = SyslogHeader.read(line, stamps: &again, into: &other)
                #expect(found == (reading != .declined))
                if found { #expect(Self.same(header, other)) }
                if reading == .postfix {
                    postfix += 1
                    #expect(ByteScan.hasPrefix(header.program.slice(of: line), at: 0, "postfix/"))
                }
            }
        }
        #expect(postfix > 500)
    }

    /// The pid is kept as the tag's digits and read when asked for: the same number whether
    /// it came from the quick reading or was set, for every length of digits.
    @Test func pidIsReadWhenAskedFor() {
        for digits in ["0", "7", "42", "2239", "12345", "999999", "1234567", "0000001"] {
            let text = "Nov 26 10:00:01 mx1 postfix/smtp[\(digits)]: connect from somewhere"
            Array(text.utf8).withUnsafeBufferPointer { line in
                var cache = StampCache()
                var header = SyslogHeader.blank
                _ = SyslogHeader.read(line, stamps: &cache, into: &header)
                #expect(SyslogHeader.readTag(line, stamps: &cache, into: &header) == .postfix)
                #expect(header.hasPid)
                #expect(header.pid == Int(digits))
                #expect(SyslogHeader.parse(line)?.pid == Int(digits))
            }
        }
        for value in [nil, 0, 1, 4_294_967_295, -3, Int.max] as [Int?] {
            var header = SyslogHeader(
                timestamp: LogTimestamp(year: nil, month: 1, day: 1, hour: 0, minute: 0, second: 0),
                host: .none, program: .none, pid: value, messageStart: 0)
            #expect(header.pid == value)
            #expect(header.hasPid == (value != nil))
            header.pid = 17
            #expect(header.pid == 17)
            header.pid = nil
            #expect(header.pid == nil)
        }
    }
}
