import Testing

@testable import BounceCore

/// The syslog line shapes of issue 20: no host field, any `syslog_name`, RFC 5424, Solaris
/// message ids, long fractions, `docker compose logs` prefixes.
@Suite struct SyslogShapeTests {
    private static func header(_ text: String) -> (SyslogHeader, [UInt8])? {
        let bytes = Array(text.utf8)
        let header = bytes.withUnsafeBufferPointer { SyslogHeader.parse($0) }
        return header.map { ($0, bytes) }
    }

    private static func text(_ range: ByteRange, _ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { range.string(in: $0) ?? "" }
    }

    /// Host, program, pid and the first bytes of the message, for lines with and without a
    /// host field, including hosts that look like programs.
    @Test(
        arguments: [
            ("Nov 26 10:00:01 mx1 postfix/smtp[42]: X", "mx1", "postfix/smtp", 42, "X"),
            ("Nov 26 10:00:01 postfix/smtp[42]: X", "", "postfix/smtp", 42, "X"),
            ("2018-08-22T07:30:18.130405545Z postfix/smtp[137]: X", "", "postfix/smtp", 137, "X"),
            ("2018-08-22T07:30:18Z server1-1/smtp[7]: X", "", "server1-1/smtp", 7, "X"),
            ("Nov 26 10:00:01 postfix/smtp: X", "", "postfix/smtp", nil, "X"),
            ("Nov 26 10:00:01 smtp postfix/smtp[42]: X", "smtp", "postfix/smtp", 42, "X"),
            ("Nov 26 10:00:01 postfix postfix/smtp[42]: X", "postfix", "postfix/smtp", 42, "X"),
            (
                "Nov 26 10:00:01 2001:db8::1 postfix/smtp[42]: X", "2001:db8::1", "postfix/smtp",
                42, "X"
            ),
            ("Nov 26 10:00:01 fe80::1%eth0 exim[9]: X", "fe80::1%eth0", "exim", 9, "X"),
            ("Nov 26 10:00:01 mx1 postfix/smtp[42]:X", "mx1", "postfix/smtp", 42, "X"),
            (
                "Nov 26 10:00:01 mx1 postfix/smtp[42]: [ID 197553 mail.info] X", "mx1",
                "postfix/smtp",
                42, "X"
            ),
            (
                "Nov 26 10:00:01 mx1 postfix/smtp[42]: [ID x] X", "mx1", "postfix/smtp", 42,
                "[ID x] X"
            ),
            ("<22>Nov 26 10:00:01 mx1 postfix/smtp[42]: X", "mx1", "postfix/smtp", 42, "X"),
            (
                "<22>1 2026-11-26T10:00:01Z mx1 postfix/smtp 42 - - X", "mx1", "postfix/smtp", 42,
                "X"
            ),
            ("<22>1 2026-11-26T10:00:01Z - postfix/smtp - - - X", "", "postfix/smtp", nil, "X"),
            ("<22>1 2026-11-26T10:00:01Z mx1 exim abc ID7 - X", "mx1", "exim", nil, "X"),
            (
                "<22>1 2026-11-26T10:00:01Z mx1 postfix/smtp 42 - [a b=\"]\\\"\"][c] X", "mx1",
                "postfix/smtp", 42, "X"
            ),
            (
                "<22>1 2026-11-26T10:00:01Z mx1 postfix/smtp 42 - - \u{FEFF}X", "mx1",
                "postfix/smtp", 42, "X"
            ),
            (
                "2026-11-26T10:00:01.5Z Nov 26 10:00:01 mx1 postfix/smtp[42]: X", "mx1",
                "postfix/smtp", 42, "X"
            ),
            (
                "2026-11-26T10:00:01.5Z 2026-11-26T11:00:01+01:00 relay/smtp[42]: X", "",
                "relay/smtp", 42, "X"
            ),
            (
                "Nov 26 10:00:01 mail-relayT1 postfix/smtp[42]: X", "mail-relayT1", "postfix/smtp",
                42, "X"
            ),
            (
                "2026-11-26T10:00:01Z mail-relayT1 postfix/smtp[42]: X", "mail-relayT1",
                "postfix/smtp", 42, "X"
            ),
        ] as [(String, String, String, Int?, String)])
    func fields(_ line: String, _ host: String, _ program: String, _ pid: Int?, _ rest: String)
        throws
    {
        let (header, bytes) = try #require(Self.header(line))
        #expect(Self.text(header.host, bytes) == host)
        #expect(Self.text(header.program, bytes) == program)
        #expect(header.pid == pid)
        #expect(String(decoding: bytes[header.messageStart...], as: UTF8.self) == rest)
    }

    /// Shapes that are no syslog header at all.
    @Test(arguments: [
        "Nov 26 10:00:01 mx1",
        "Nov 26 10:00:01 postfix/smtp[x]: X",
        "<22>1 - mx1 postfix/smtp 42 - - X",
        "<22>1 2026-11-26T10:00:01Z mx1 postfix/smtp 42 - [a b=\"x\"",
        "<22>1 2026-11-26T10:00:01Z mx1 postfix/smtp",
        "<2222>Nov 26 10:00:01 mx1 postfix/smtp[42]: X",
        "<22",
        "2026-11-26T10:00:01Z Nov 26 10:00:01 mx1",
    ])
    func notAHeader(_ line: String) {
        #expect(Self.header(line) == nil)
    }

    /// RFC 3339 fractions of any length up to nanoseconds (longer ones are cut, not refused).
    @Test(arguments: [
        ("2018-08-22T07:30:18.1Z", 100_000_000),
        ("2018-08-22T07:30:18.1234567Z", 123_456_700),
        ("2018-08-22T07:30:18.12345678Z", 123_456_780),
        ("2018-08-22T07:30:18.130405545Z", 130_405_545),
        ("2018-08-22T07:30:18.130405545123Z", 130_405_545),
        ("2018-08-22T07:30:18.130405545+02:00", 130_405_545),
    ])
    func fraction(_ stamp: String, _ nanosecond: Int) throws {
        let (header, _) = try #require(Self.header(stamp + " postfix/smtp[1]: X"))
        #expect(header.timestamp.nanosecond == nanosecond)
        #expect(header.timestamp.second == 18)
        #expect(header.timestamp.utcOffsetSeconds != nil)
    }

    private static let deferred =
        "4F2A81C0A1: to=<a@example.com>, relay=none, delay=1, dsn=4.4.1, status=deferred (x)"
    private static let refused =
        "NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 <a@example.com>: Relay access "
        + "denied; from=<> to=<a@example.com> proto=ESMTP helo=<x>"
    private static let eximDeferred =
        "1xWMuN-00016Q-UG == a@example.com R=dnslookup T=remote_smtp defer (111): refused"

    private static func outcome(_ line: String, _ format: LogFormat = .auto) -> String {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { LineParser(format: format).parse($0) }.identifier
    }

    /// Behind `docker logs -t`'s stamp, that stamp (with its year and zone) is the line's.
    @Test func theOuterContainerStampIsKept() throws {
        let (header, _) = try #require(
            Self.header("2026-11-26T10:00:01.5Z Nov 26 11:00:01 mx1 postfix/smtp[42]: X"))
        #expect(header.timestamp.year == 2026)
        #expect(header.timestamp.hour == 10)
        #expect(header.timestamp.nanosecond == 500_000_000)
        #expect(header.timestamp.utcOffsetSeconds == 0)
    }

    /// Postfix and Exim under tags of the administrator's choosing reach their parsers only in
    /// their own shape; other programs stay other programs.
    @Test(arguments: [
        ("relay-out/smtp[1]", deferred, "event"),
        ("a.b_c-d/e/smtpd[1]", refused, "event"),
        ("relay-out/smtp[1]", "connect to x[192.0.2.1]:25: Connection timed out", "ignored"),
        ("relay-out/smtp[1]", "4F2A81C0A1: to=<a@example.com>", "unrecognized"),
        ("myapp/worker[1]", deferred, "ignored"),
        ("smtp[1]", deferred, "ignored"),
        ("/smtp[1]", deferred, "ignored"),
        ("a%b/smtp[1]", deferred, "ignored"),
        ("mail-out[2]", eximDeferred, "event"),
        ("mail-out[2]", "[2] " + eximDeferred, "event"),
        ("mail-out[2]", "2026-11-26 10:00:01 +0100 " + eximDeferred, "event"),
        ("mail-out", eximDeferred, "ignored"),
        ("mail-out[2]", "1xWMuN-00016Q-UG Completed", "ignored"),
        ("dovecot[3]", "imap-login: Login: user=<a@example.com>, method=PLAIN", "ignored"),
    ])
    func routing(_ tag: String, _ message: String, _ expected: String) {
        let line = "Nov 26 10:00:01 mx1 \(tag): \(message)"
        #expect(Self.outcome(line) == expected, "\(line)")
    }

    /// `format:` still keeps the other MTA's shapes out.
    @Test func formatKeepsTheOtherMTAOut() {
        let postfix = "Nov 26 10:00:01 mx1 relay-out/smtp[1]: " + Self.deferred
        let exim = "Nov 26 10:00:01 mx1 mail-out[2]: " + Self.eximDeferred
        #expect(Self.outcome(postfix, .exim) == "ignored")
        #expect(Self.outcome(exim, .postfix) == "ignored")
        #expect(Self.outcome(postfix, .postfix) == "event")
        #expect(Self.outcome(exim, .exim) == "event")
    }

    /// A compose line parses as its content, and the line then starts after the prefix; other
    /// lines are parsed once and left alone.
    @Test(arguments: [
        ("postfix-1  | Nov 26 10:00:01 mx1 relay-out/smtp[1]: " + deferred, "event", 13),
        ("postfix-1  | ", "ignored", 13),
        ("postfix-1  | garbage", "unrecognized", 13),
        ("Nov 26 10:00:01 mx1 relay-out/smtp[1]: " + deferred, "event", 0),
        ("Nov 26 10:00:01 mx1 | x", "unrecognized", 0),
    ])
    func composeLines(_ text: String, _ expected: String, _ dropped: Int) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { whole in
            var line = whole
            var event = RawEvent.unparsed()
            let outcome = ComposePrefix.parse(&line, with: LineParser(), into: &event)
            #expect(ParseResult(outcome, event: event).identifier == expected)
            #expect(whole.count - line.count == dropped)
        }
    }

    /// `docker compose logs` prefixes, and lines that only look a little like one.
    @Test(arguments: [
        (
            "postfix-1  | Nov 26 10:00:01 mx1 postfix/smtp[1]: X",
            "Nov 26 10:00:01 mx1 postfix/smtp[1]: X"
        ),
        ("mailcowdockerized-postfix-mailcow-1  | 2026-11-26T10:00:01Z x", "2026-11-26T10:00:01Z x"),
        ("mailserver | Nov 26 x", "Nov 26 x"),
        ("mta_1.a |", ""),
        ("Nov 26 10:00:01 mx1 postfix/smtp[1]: X", "Nov 26 10:00:01 mx1 postfix/smtp[1]: X"),
        ("2026-11-26 10:00:01 1xWMuN-00016Q-UG | x", "2026-11-26 10:00:01 1xWMuN-00016Q-UG | x"),
        ("| x", "| x"),
        ("postfix-1|x", "postfix-1|x"),
        ("", ""),
    ])
    func composePrefix(_ line: String, _ rest: String) {
        let bytes = Array(line.utf8)
        let stripped = bytes.withUnsafeBufferPointer {
            String(decoding: ComposePrefix.stripped($0), as: UTF8.self)
        }
        #expect(stripped == rest)
    }
}
