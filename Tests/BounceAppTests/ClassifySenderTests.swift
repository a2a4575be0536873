import BounceTestSupport
import Foundation
import Testing

@testable import BounceApp

/// `classify` keeps the message state over its input: each delivery says who sent its message
/// (`sender`, `sender_domain`, `sasl_username`, `client_ip`) when earlier lines did.
@Suite struct ClassifySenderTests {
    /// A message submitted by a logged-in user, then bounced.
    static let postfixSubmitted = [
        "Nov 26 10:00:00 mx1 postfix/submission/smtpd[2239]: 24B72E94D38:"
            + " client=vpn-gw.example.com[198.18.226.133], sasl_method=PLAIN,"
            + " sasl_username=yasmin.brown",
        "Nov 26 10:00:00 mx1 postfix/cleanup[2240]: 24B72E94D38: message-id=<m1@example.com>",
        "Nov 26 10:00:00 mx1 postfix/qmgr[3886]: 24B72E94D38: from=<Yasmin.Brown@Shop.EXAMPLE>,"
            + " size=4899, nrcpt=1 (queue active)",
        "Nov 26 10:00:01 mx1 postfix/smtp[4242]: 24B72E94D38: to=<bob@example.com>,"
            + " relay=mx.example.com[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1,"
            + " status=bounced (host mx.example.com[192.0.2.10] said: 550 5.1.1 <bob@example.com>:"
            + " Recipient address rejected: User unknown in local recipient table"
            + " (in reply to RCPT TO command))",
        "Nov 26 10:00:01 mx1 postfix/qmgr[3886]: 24B72E94D38: removed",
    ]

    /// A bounce Postfix made itself: the null sender, and no client.
    static let postfixNullSender = [
        "Nov 26 10:00:02 mx1 postfix/qmgr[3886]: 5A1B2C3D4E: from=<>, size=2201, nrcpt=1"
            + " (queue active)",
        "Nov 26 10:00:03 mx1 postfix/smtp[4242]: 5A1B2C3D4E: to=<carol@example.net>,"
            + " relay=mx.example.net[192.0.2.20]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0,"
            + " status=sent (250 2.0.0 Ok: queued as 9A8B7C)",
    ]

    static let eximSubmitted = [
        "2026-11-26 10:05:00 +0100 1tQ3Ks-00000000Bc9-2Fq0 <= leon@shop.example"
            + " H=([192.168.1.83]) [198.18.147.229] P=esmtpsa X=TLS1.3:TLS_AES_128_GCM_SHA256:128"
            + " CV=no A=dovecot_plain:leon S=8501 id=x1@shop.example",
        "2026-11-26 10:05:01 +0100 1tQ3Ks-00000000Bc9-2Fq0 == carol@example.org R=dnslookup"
            + " T=remote_smtp defer (111): Connection refused",
    ]

    static func input(_ lines: [String]) -> [UInt8] {
        Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The objects printed for deliveries.
    static func deliveries(_ result: BinaryRunner.Result) -> [[String: Any]] {
        result.jsonLines.filter { $0["kind"] as? String == "delivery" }
    }

    /// Postfix and Exim alike: the delivery carries its message's sender, login and client.
    @Test(arguments: [
        (
            postfixSubmitted,
            [
                "status": "bounced", "sender": "Yasmin.Brown@Shop.EXAMPLE",
                "sender_domain": "shop.example", "sasl_username": "yasmin.brown",
                "client_ip": "198.18.226.133",
            ]
        ),
        (
            eximSubmitted,
            [
                "status": "deferred", "sender": "leon@shop.example",
                "sender_domain": "shop.example", "sasl_username": "leon",
                "client_ip": "198.18.147.229",
            ]
        ),
    ])
    func aDeliverySaysWhoSentItsMessage(_ lines: [String], _ expected: [String: String]) throws {
        let result = try BinaryRunner.run(["classify"], stdin: Self.input(lines))
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        // The message lines print nothing of their own.
        try #require(result.jsonLines.count == 1)
        let delivery = result.jsonLines[0]
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(delivery[key] as? String == value, "\(key)")
        }
    }

    /// The null sender is the empty address, its domain `<>` as in `scan`'s Senders section;
    /// what the log never said (no client, no login) stays null.
    @Test func theNullSenderIsEmptyWithTheDomainAngleBrackets() throws {
        let result = try BinaryRunner.run(["classify"], stdin: Self.input(Self.postfixNullSender))
        try #require(result.jsonLines.count == 1)
        let delivery = result.jsonLines[0]
        #expect(delivery["sender"] as? String == "")
        #expect(delivery["sender_domain"] as? String == "<>")
        #expect(delivery["sasl_username"] is NSNull)
        #expect(delivery["client_ip"] is NSNull)
    }

    /// A delivery whose message the input never introduced keeps the keys it always had:
    /// `sender` and `sender_domain` are absent, not null.
    @Test func anUnknownSenderAddsNoKey() throws {
        let result = try BinaryRunner.run(
            ["classify"], stdin: Self.input(Self.postfixSubmitted + [SampleLines.bounced]))
        try #require(result.jsonLines.count == 2)
        let known = Set(result.jsonLines[0].keys)
        let unknown = Set(result.jsonLines[1].keys)
        #expect(known.subtracting(unknown) == ["sender", "sender_domain"])
        #expect(unknown.isSubset(of: known))
        #expect(result.jsonLines[1]["client_ip"] is NSNull)
        #expect(result.jsonLines[1]["sasl_username"] is NSNull)
    }

    /// Files are read in the order given with one state: a message introduced in the older
    /// file is known when its delivery is in the next.
    @Test func theStateCarriesAcrossInputs() throws {
        let dir = try TemporaryDirectory()
        let older = try dir.write("mail.log.1", Self.input(Array(Self.postfixSubmitted[0..<3])))
        let newer = try dir.write("mail.log", Self.input(Array(Self.postfixSubmitted[3...])))
        let result = try BinaryRunner.run(["classify", older, newer])
        #expect(result.status == 0)
        try #require(result.jsonLines.count == 1)
        #expect(result.jsonLines[0]["file"] as? String == newer)
        #expect(result.jsonLines[0]["sender_domain"] as? String == "shop.example")
        #expect(result.jsonLines[0]["sasl_username"] as? String == "yasmin.brown")
    }

    /// Once the log says a message left the queue, a later message under the same id (Postfix
    /// reuses ids) is not given the earlier one's sender.
    @Test func aRemovedMessageIsForgotten() throws {
        let delivery = Self.postfixSubmitted[3]
        let result = try BinaryRunner.run(
            ["classify"], stdin: Self.input(Self.postfixSubmitted + [delivery]))
        try #require(result.jsonLines.count == 2)
        #expect(result.jsonLines[0]["sender"] as? String == "Yasmin.Brown@Shop.EXAMPLE")
        #expect(result.jsonLines[1]["sender"] == nil)
        #expect(result.jsonLines[1]["sasl_username"] is NSNull)
    }

    /// Rejects and SASL failures are no deliveries: their `client_ip` and `sasl_username`
    /// are their own line's, and no sender is added, while the delivery before is given its.
    @Test func aRejectKeepsItsOwnClient() throws {
        let reject =
            "Nov 26 10:00:05 mx1 postfix/smtpd[2067]: NOQUEUE: reject: RCPT from"
            + " unknown[192.0.2.99]: 554 5.7.1 Service unavailable; Client host [192.0.2.99]"
            + " blocked using zen.spamhaus.org; from=<x@spam.example> to=<a@example.com>"
            + " proto=ESMTP helo=<spam.example>"
        let result = try BinaryRunner.run(
            ["classify"], stdin: Self.input(Self.postfixSubmitted + [reject]))
        try #require(result.jsonLines.count == 2)
        #expect(result.jsonLines[0]["client_ip"] as? String == "198.18.226.133")
        let event = result.jsonLines[1]
        #expect(event["kind"] as? String == "reject")
        #expect(event["client_ip"] as? String == "192.0.2.99")
        #expect(event["sender"] == nil)
    }

    /// Names come from strangers: the JSON escapes what could drive a terminal.
    @Test func aHostileSenderIsEscaped() throws {
        var lines = Self.postfixSubmitted
        lines[2] = lines[2].replacingOccurrences(
            of: "Yasmin.Brown@Shop.EXAMPLE", with: "a\u{1b}[2J\u{202e}b@evil.example")
        let result = try BinaryRunner.run(["classify"], stdin: Self.input(lines))
        #expect(!result.stdout.contains("\u{1b}"))
        #expect(!result.stdout.contains("\u{202e}"))
        try #require(result.jsonLines.count == 1)
        #expect(result.jsonLines[0]["sender"] as? String == "a\u{1b}[2J\u{202e}b@evil.example")
    }
}
