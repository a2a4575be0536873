import Testing

@testable import BounceCore

/// The delay from a message's arrival that delivery lines carry: Postfix `delay=`, Exim `QT=`
/// (`+queue_time`), into `RawEvent.delayMillis`.
@Suite struct DeliveryDelayParsingTests {
    private static let postfixPrefix =
        "Nov 26 00:00:02 mx1 postfix/smtp[3577]: 7D73AA6F155: to=<lea@northwind.example>, "
        + "relay=mx.northwind.example[192.0.2.7]:25, "
    private static let postfixSuffix =
        ", delays=0.34/0.03/0/0.09, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4Xy)"

    private static func postfixDelay(_ field: String) -> Int32? {
        let line = postfixPrefix + field + postfixSuffix
        guard case .event(let event) = PostfixRun.run(line).result else { return nil }
        return event.delayMillis
    }

    @Test(arguments: [
        ("delay=0.46", Int32(460)),
        ("delay=1234", 1_234_000),
        ("delay=5.1", 5100),
        ("delay=0.012345", 12),
        ("delay=432000", 432_000_000),
        // Past Int32 milliseconds (24.8 days): saturated, never a trap.
        ("delay=99999999999999999999999999999.9", Int32.max),
        ("delay=2147484", Int32.max),
        // Not a number of seconds: unknown.
        ("delay=abc", -1),
        ("delay=.5", -1),
        ("delay=5.", -1),
        ("delay=5x", -1),
        ("delay=-3", -1),
        ("delay=", -1),
    ])
    func postfixDelayField(_ field: String, _ millis: Int32) {
        #expect(Self.postfixDelay(field) == millis, "\(field)")
    }

    /// The value alone, ending the buffer or followed by a field, short buffers included, and
    /// long runs of digits on either side.
    @Test(arguments: [
        ("0.46", Int32(460)), ("7", 7000), ("1.8", 1800), ("38419", 38_419_000),
        ("0.5", 500), ("0.05", 50), ("0.1234567", 123), ("1234567", 1_234_567_000),
        ("0.12345678", 123), ("12345678", Int32.max), ("00000012.5", 12_500),
        ("0000000001", 1000), ("00000000001", Int32.max), ("2147483.647", Int32.max),
        ("1.", -1), (".", -1), ("", -1), ("x", -1), ("1.x", -1), ("1x", -1), ("1.5x", -1),
        ("1\u{80}", -1), ("9:", -1),
    ])
    func postfixSecondsValue(_ value: String, _ millis: Int32) {
        for tail in ["", ", delays=0/0/0/0", " "] {
            let text = Array((value + tail).utf8)
            text.withUnsafeBufferPointer { buffer in
                #expect(DelayText.postfixSeconds(buffer, at: 0) == millis, "\(value)\(tail)")
            }
            // As part of a longer line, at an offset.
            let line = Array("delay=".utf8) + text
            line.withUnsafeBufferPointer { buffer in
                #expect(DelayText.postfixSeconds(buffer, at: 6) == millis, "\(value)\(tail)")
            }
        }
    }

    /// `delays=` (the parts of the delay) is not `delay=`.
    @Test func postfixDelaysAloneIsUnknown() throws {
        let line =
            "Nov 26 00:00:02 mx1 postfix/smtp[3577]: 7D73AA6F155: to=<lea@northwind.example>, "
            + "relay=mx.northwind.example[192.0.2.7]:25, delays=0.34/0.03/0/0.09, dsn=2.0.0, "
            + "status=sent (250 2.0.0 Ok)"
        guard case .event(let event) = PostfixRun.run(line).result else {
            Issue.record("no event")
            return
        }
        #expect(event.delayMillis == -1)
    }

    /// Real shapes: a bounce, a deferral, an `orig_to=` line, a local delivery.
    @Test(arguments: [
        (
            "Nov 26 10:14:22 mx1 postfix/smtp[2311]: 4F2A81C0A1: to=<gone@example.org>, "
                + "relay=mx.example.org[198.51.100.4]:25, delay=1.8, delays=0.1/0/0.9/0.8, "
                + "dsn=5.1.1, status=bounced (host mx.example.org[198.51.100.4] said: 550 5.1.1 "
                + "<gone@example.org>: Recipient address rejected: User unknown (in reply to "
                + "RCPT TO command))",
            DeliveryStatus.bounced, Int32(1800)
        ),
        (
            "Nov 26 10:14:22 mx1 postfix/smtp[2311]: 4F2A81C0A1: to=<slow@example.net>, "
                + "relay=none, delay=38419, delays=38389/0.02/30/0, dsn=4.4.1, status=deferred "
                + "(connect to mx.example.net[203.0.113.9]:25: Connection timed out)",
            .deferred, 38_419_000
        ),
        (
            "Nov 26 10:14:22 mx1 postfix/local[2320]: 4F2A81C0A1: to=<kmr@mx1.example>, "
                + "orig_to=<postmaster@example.com>, relay=local, delay=0.05, "
                + "delays=0.03/0.01/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)",
            .sent, 50
        ),
    ])
    func postfixRealLines(_ line: String, _ status: DeliveryStatus, _ millis: Int32) {
        guard case .event(let event) = PostfixRun.run(line).result else {
            Issue.record("no event for \(line)")
            return
        }
        #expect(event.status == status)
        #expect(event.delayMillis == millis)
    }

    private static let eximDelivery =
        "2026-11-26 00:00:03 1xWMuA-00012i-Ai => tom.sato@crystallabs.com R=dnslookup "
        + "T=remote_smtp H=crystallabs-com.mail.protection.outlook.com [52.101.226.88] "
        + "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.6.0 <x@example.net> Queued mail "
        + "for delivery\""

    private static func eximDelay(_ line: String) -> Int32? {
        EximRun.event(line)?.delayMillis
    }

    @Test(arguments: [
        (" QT=1m3s DT=2s", Int32(63000)),
        (" QT=2s", 2000),
        (" QT=1d2h", 93_600_000),
        (" QT=1w", 604_800_000),
        (" QT=0s DT=0s", 0),
        (" QT=0.123s DT=0.101s", 123),
        (" QT=4.5s", 4500),
        (" QT=99999999999999999999d", Int32.max),
        (" QT=5w", Int32.max),
        // No `QT=`, or one that is not Exim's form: unknown.
        ("", -1),
        (" DT=2s", -1),
        (" QT=", -1),
        (" QT=5", -1),
        (" QT=5x", -1),
        (" QT=1.5m", -1),
        (" QT=-5s", -1),
        (" QT=5s ", -1),
    ])
    func eximQueueTime(_ tail: String, _ millis: Int32) {
        let event = EximRun.event(Self.eximDelivery + tail)
        #expect(event?.status == .sent)
        #expect(event?.delayMillis == millis, "\(tail)")
    }

    /// `QT=` inside the quoted confirmation is the remote's text, not Exim's field.
    @Test func eximQueueTimeInsideConfirmationIsUnknown() {
        let line =
            "2026-11-26 00:00:03 1xWMuA-00012i-Ai => a@example.com R=dnslookup T=remote_smtp "
            + "H=mx.example.com [192.0.2.1] C=\"250 OK QT=5s\""
        #expect(Self.eximDelay(line) == -1)
    }

    @Test func eximLocalAndAdditionalDeliveries() {
        let local =
            "2026-11-26 00:00:02 1xWMuA-00012q-Dm => kmr <kmr@example.com> R=localuser "
            + "T=local_delivery QT=4s"
        let additional =
            "2026-11-26 00:00:02 1xWMuA-00012q-Dm -> lea@northwind.example R=virtual_user "
            + "T=dovecot_lmtp C=\"250 2.0.0 <lea@northwind.example> Xg10 Saved\" QT=3m DT=0s"
        #expect(Self.eximDelay(local) == 4000)
        #expect(Self.eximDelay(additional) == 180_000)
    }

    /// A failure's `QT=` among its fields counts; one in the remote's reason does not.
    @Test func eximFailures() {
        let withField =
            "2026-11-26 00:00:21 1xWMuS-00019W-9W ** xena@mac.com R=dnslookup T=remote_smtp "
            + "H=mx01.mail.icloud.com [17.57.154.38] QT=3d: SMTP error from remote mail server "
            + "after RCPT TO:<xena@mac.com>: 550 5.1.1 <xena@mac.com>: user does not exist"
        let inReason =
            "2026-11-26 00:00:21 1xWMuS-00019W-9W ** xena@mac.com R=dnslookup T=remote_smtp "
            + "H=mx01.mail.icloud.com [17.57.154.38]: SMTP error from remote mail server after "
            + "RCPT TO:<xena@mac.com>: 550 5.1.1 user does not exist QT=5s"
        #expect(EximRun.event(withField)?.status == .bounced)
        #expect(Self.eximDelay(withField) == 259_200_000)
        #expect(Self.eximDelay(inReason) == -1)
    }

    /// Hostile bytes around the fields never trap and never read outside the line.
    @Test func hostileBytes() {
        var tails: [[UInt8]] = [
            Array(" QT=".utf8), Array(" QT".utf8), Array("QT=1s".utf8), Array(" ".utf8),
            Array(" DT=".utf8), Array(" QT=\u{0}s".utf8), [0x20, 0xFF, 0xFE],
            Array(repeating: UInt8(ascii: "9"), count: 5000) + Array("s".utf8),
        ]
        tails.append(Array(" QT=".utf8) + Array(repeating: UInt8(ascii: "9"), count: 5000))
        for tail in tails {
            _ = EximRun.run(Array(Self.eximDelivery.utf8) + tail)
            _ = PostfixRun.run(Array((Self.postfixPrefix + "delay=").utf8) + tail)
        }
    }
}
