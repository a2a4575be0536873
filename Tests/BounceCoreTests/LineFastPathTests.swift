import Testing

@testable import BounceCore

/// The word-at-a-time readings on the per-line path give the answers of the general ones:
/// each is checked against the general reading (or a plain byte loop written from the
/// definition) over generated shapes, every cut of them, and near misses.
@Suite struct LineFastPathTests {
    /// Every prefix of each text, so that words crossing the end of the line are covered.
    private static func withCuts(_ texts: [String]) -> [[UInt8]] {
        texts.flatMap { text in
            let bytes = Array(text.utf8)
            return (0...bytes.count).map { Array(bytes[0..<$0]) }
        }
    }

    // MARK: Host and tag

    private static let hosts = [
        "mx1", "a", "mail.example.com", "host-with-18-bytes", "host-with-19-bytes1", "a:",
        "2001:db8::1", "2026-11-26T10:00:01Z", "mx1:25",
    ]
    private static let programs = [
        "postfix/smtp", "postfix/submission/smtpd", "exim", "x", "postfix-out/qmgr", "",
    ]
    private static let tags = [
        "[42]: X", "[1234567]: X", "[12345678]: X", "[1234567890]: X", "[]: X", "[42]:X",
        "[42] X", "[x]: X", ": X", ":X", "[42]: [ID 197553 mail.info] X", "[42]: [x] X",
        "[42]]: X", "[42]:  X",
    ]

    /// All combinations of host, program and tag after a BSD and an RFC 3339 stamp.
    private static var headerLines: [[UInt8]] {
        var texts: [String] = []
        for stamp in ["Nov 26 10:00:01 ", "2026-11-26T10:00:01.5Z "] {
            for host in hosts {
                for program in programs {
                    for tag in tags { texts.append(stamp + host + " " + program + tag) }
                }
            }
        }
        return withCuts(texts)
    }

    /// Where `commonTag` answers, it answers as the general reading does.
    @Test func commonTagAgreesWithTheGeneralReading() {
        var answered = 0
        var declined = 0
        for bytes in Self.headerLines {
            bytes.withUnsafeBufferPointer { line in
                // The stamp's end as `parse` finds it.
                var cursor = 0
                var stamps = StampCache()
                guard line.count > 16,
                    let stamp = ByteScan.isDigit(line[0])
                        ? stamps.rfc3339(line, at: &cursor) : stamps.bsd(line, at: &cursor),
                    ByteScan.byte(line, cursor) == UInt8(ascii: " ")
                else { return }
                guard let fast = SyslogHeader.commonTag(line, at: cursor + 1, stamp: stamp) else {
                    declined += 1
                    return
                }
                answered += 1
                let general = SyslogHeader.anyTag(line, at: cursor + 1, stamp: stamp)
                let text = String(decoding: line, as: UTF8.self)
                #expect(general != nil, "\(text)")
                guard let general else { return }
                #expect(fast.host == general.host, "\(text)")
                #expect(fast.program == general.program, "\(text)")
                #expect(fast.pid == general.pid, "\(text)")
                #expect(fast.messageStart == general.messageStart, "\(text)")
                #expect(fast.timestamp == general.timestamp, "\(text)")
            }
        }
        // Both ways are taken, many times each: the comparison above is not empty.
        #expect(answered > 200)
        #expect(declined > 500)
    }

    // MARK: Queue ids

    /// The definition: a run of 5 to 24 ASCII letters and digits followed by `: `, without
    /// vowels unless it is all upper-case hex.
    private static func referenceQueueIDEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
        }
        var end = index
        while end < bytes.count, isAlphanumeric(bytes[end]) { end += 1 }
        let length = end - index
        guard length >= 5, length <= 24, end + 1 < bytes.count, bytes[end] == 0x3A,
            bytes[end + 1] == 0x20
        else { return nil }
        let run = bytes[index..<end]
        let allHex = run.allSatisfy { (48...57).contains($0) || (65...70).contains($0) }
        if !allHex, run.contains(where: { "aeiouAEIOU".utf8.contains($0) }) { return nil }
        return end
    }

    private static var queueIDLines: [[UInt8]] {
        let runs = [
            "24B72E94D38", "7D73AA6F155", "ABCDE", "ABCD", "0123456789ABCDEF", "0123456789ABCDE",
            "12345678", "123456789", "4Kj5gH6bWKz1bFC", "4Kj5gH6bWKz1bFCa", "bcdfghjklm",
            "BCDFGHJKLMNPQRSTVWXYZbcdfg", "BCDFGHJKLMNPQRSTVWXYZbcd", "disconnect", "connect",
            "Anonymous", "statistics", "warning", "NOQUEUE", "PASS", "24B72E94D38x",
            "24B72E94d38", "ABCDEFGH", "ABCDEFGHI", "ABC DEFGH", "ABCDE FGHIJ",
            "ABCDEFGHIJKLMNOP", "0123456789ABCDEFG", "24B72E94D3G", "12:34", "ABCDEF12345:",
        ]
        let tails = [": to=<a@b>", ":", ": ", ":x", " from x", "", "; x", ":: x", "-x: y"]
        return withCuts(runs.flatMap { run in tails.map { run + $0 } })
    }

    @Test func queueIDEndMatchesItsDefinition() {
        var ids = 0
        for bytes in Self.queueIDLines {
            // At the start of the buffer and after a prefix, as in a line.
            for prefix in [[], Array("mx1 postfix/qmgr[1]: ".utf8)] {
                let line = prefix + bytes
                let found = line.withUnsafeBufferPointer {
                    PostfixScan.queueIDEnd($0, at: prefix.count)
                }
                let expected = Self.referenceQueueIDEnd(line, at: prefix.count)
                #expect(found == expected, "\(String(decoding: line, as: UTF8.self))")
                if expected != nil { ids += 1 }
            }
        }
        #expect(ids > 50)
    }

    // MARK: Daemon names

    /// The last `/` component of every program name cut from a long one, at every offset.
    @Test func daemonNameIsTheLastComponent() {
        let text = Array("x/postfix-out/submission/smtpd/a/bc//def/ghijklmnopq/r/".utf8)
        var checked = 0
        text.withUnsafeBufferPointer { line in
            for start in 0...line.count {
                for end in start...line.count {
                    var expected = end
                    while expected > start, line[expected - 1] != UInt8(ascii: "/") {
                        expected -= 1
                    }
                    let found = PostfixDaemon.name(in: line, program: ByteRange(start, end))
                    #expect(found == ByteRange(expected, end), "\(start)..<\(end)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }

    // MARK: Delivery marker

    @Test(
        arguments: [
            ("status=sent", true), ("x status=", true), ("xstatus=x", true), ("status", false),
            ("status =", false), ("a=b c=d status:x", false), ("=status=", true),
            ("tatus=", false), ("", false), ("=", false), ("s=t=a=t=u=s=", false),
            ("Trusted TLS connection established to mx[1.2.3.4]:25: TLSv1.3", false),
            ("STATUS=sent", false), ("dsn=5.1.1, status=bounced (x)", true),
        ])
    func containsStatus(_ text: String, _ expected: Bool) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { DeliveryMarker.containsStatus($0) } == expected)
    }
}
