import Testing

@testable import BounceCore

/// The lines that say who sent a message come out as message notes with their fields.
@Suite struct MessageNoteTests {
    struct Note: Equatable, CustomStringConvertible {
        var note: MessageNote
        var queueID: String
        var sender: String?
        var clientIP: String?
        var user: String?

        var description: String {
            "\(note) \(queueID) sender=\(sender ?? "-") ip=\(clientIP ?? "-") user=\(user ?? "-")"
        }
    }

    /// The note of `text`, nil when the parser's outcome is not `.message`.
    static func note(_ text: String) -> Note? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { line -> Note? in
            var event = RawEvent.unparsed()
            guard LineParser().parse(line, into: &event) == .message else { return nil }
            func text(_ range: ByteRange) -> String? {
                range == .none ? nil : String(decoding: range.slice(of: line), as: UTF8.self)
            }
            return Note(
                note: event.note, queueID: text(event.queueID) ?? "",
                sender: event.note == .sender || event.note == .arrival
                    ? text(event.sender) ?? "" : nil,
                clientIP: text(event.clientIP), user: text(event.saslUsername))
        }
    }

    @Test(arguments: [
        (
            "Nov 26 00:00:02 mx1 postfix/submission/smtpd[2239]: 24B72E94D38: client=vpn-gw.example.com[198.18.226.133], sasl_method=PLAIN, sasl_username=yasmin.brown@example.com",
            Note(
                note: .client, queueID: "24B72E94D38", clientIP: "198.18.226.133",
                user: "yasmin.brown@example.com")
        ),
        (
            "Nov 26 00:00:02 mx1 postfix/smtpd[2067]: 7D73AA6F155: client=mail-ua1-f123.google.com[209.85.248.123]",
            Note(note: .client, queueID: "7D73AA6F155", clientIP: "209.85.248.123")
        ),
        (
            "Nov 26 00:00:02 mx1 postfix/smtpd[2067]: 7D73AA6F155: client=unknown[2001:db8::1]:52144, sasl_method=LOGIN, sasl_username=bob, sasl_sender=bob@example.org",
            Note(note: .client, queueID: "7D73AA6F155", clientIP: "2001:db8::1", user: "bob")
        ),
        (
            "Nov 26 00:00:02 mx1 postfix/smtpd[2067]: 7D73AA6F155: client=localhost[127.0.0.1], orig_queue_id=ABC12345, orig_client=x[192.0.2.9]",
            Note(note: .client, queueID: "7D73AA6F155", clientIP: "127.0.0.1")
        ),
        (
            "Nov 26 00:00:02 mx1 postfix/qmgr[3886]: 24B72E94D38: from=<yasmin.brown@example.com>, size=489906, nrcpt=1 (queue active)",
            Note(note: .sender, queueID: "24B72E94D38", sender: "yasmin.brown@example.com")
        ),
        (
            "Nov 26 00:00:02 mx1 postfix-out/qmgr[3886]: 24B72E94D38: from=<>, size=2201, nrcpt=1 (queue active)",
            Note(note: .sender, queueID: "24B72E94D38", sender: "")
        ),
        (
            "Nov 26 00:00:02 mx1 postfix/qmgr[3886]: 24B72E94D38: removed",
            Note(note: .removed, queueID: "24B72E94D38")
        ),
        (
            "2026-11-26 00:00:02 1xWMuA-00012i-Ai <= leon@shop.example H=([192.168.1.83]) [198.18.147.229] P=esmtpsa X=TLS1.3:TLS_AES_128_GCM_SHA256:128 CV=no A=dovecot_plain:leon@shop.example S=8501 id=20261126000002.KfkcTghvUg@shop.example",
            Note(
                note: .arrival, queueID: "1xWMuA-00012i-Ai", sender: "leon@shop.example",
                clientIP: "198.18.147.229", user: "leon@shop.example")
        ),
        (
            "2026-11-26 00:00:02 1xWMuA-00012q-Dm <= notifications@gmail.com H=mail-pj1-f1.google.com [209.85.221.1] P=esmtps X=TLS1.2:ECDHE-RSA-AES128-GCM-SHA256:128 CV=no S=24812 id=x@gmail.com",
            Note(
                note: .arrival, queueID: "1xWMuA-00012q-Dm", sender: "notifications@gmail.com",
                clientIP: "209.85.221.1")
        ),
        (
            "2026-11-26 00:00:02 1xWMuA-00012q-Dm <= <> R=1xWMu9-0000AA-Bb U=Debian-exim P=local S=1502",
            Note(note: .arrival, queueID: "1xWMuA-00012q-Dm", sender: "")
        ),
        (
            "2026-11-26 00:00:02 1xWMuA-00012q-Dm <= root@host.example U=root P=local S=310 T=\"a subject with A=x:mallory in it\"",
            Note(note: .arrival, queueID: "1xWMuA-00012q-Dm", sender: "root@host.example")
        ),
        (
            "2026-11-26 00:00:02 1xWMuA-00012q-Dm <= a@b.example H=mx.example (helo.example) [192.0.2.7]:4512 I=[203.0.113.1]:25 P=esmtpa A=login:alice S=10",
            Note(
                note: .arrival, queueID: "1xWMuA-00012q-Dm", sender: "a@b.example",
                clientIP: "192.0.2.7", user: "alice")
        ),
        (
            "2026-11-26 00:00:02 1xWMuA-00012q-Dm Completed",
            Note(note: .removed, queueID: "1xWMuA-00012q-Dm")
        ),
        (
            "Nov 26 00:00:02 mx1 exim[123]: 2026-11-26 00:00:02 1xWMuA-00012q-Dm <= a@b.example H=[192.0.2.8] P=esmtp S=10",
            Note(
                note: .arrival, queueID: "1xWMuA-00012q-Dm", sender: "a@b.example",
                clientIP: "192.0.2.8")
        ),
        (
            "Nov 26 00:00:02 mx1 exim[123]: 1xWMuA-00012q-Dm Completed",
            Note(note: .removed, queueID: "1xWMuA-00012q-Dm")
        ),
    ])
    func notes(_ line: String, _ expected: Note) {
        #expect(Self.note(line) == expected)
    }

    /// Lines of the same daemons that are no message note stay ignored or events.
    @Test(arguments: [
        "Nov 26 00:00:02 mx1 postfix/cleanup[3481]: 24B72E94D38: message-id=<x@example.com>",
        "Nov 26 00:00:02 mx1 postfix/pickup[3481]: 24B72E94D38: uid=1000 from=<root>",
        "Nov 26 00:00:02 mx1 postfix/qmgr[3886]: 24B72E94D38: from=<a@b.example>, status=expired, returned to sender",
        "Nov 26 00:00:02 mx1 postfix/smtpd[2067]: connect from x[192.0.2.1]",
        "2026-11-26 00:00:02 Completed",
        "2026-11-26 00:00:02 1xWMuA-00012q-Dm => a@b.example R=r T=t",
    ])
    func notNotes(_ line: String) {
        #expect(Self.note(line) == nil)
    }

    /// Cut anywhere, a note's ranges stay inside the line and nothing traps.
    @Test func cutsStayInside() {
        let lines = [
            "Nov 26 00:00:02 mx1 postfix/submission/smtpd[2239]: 24B72E94D38: client=vpn-gw.example.com[198.18.226.133], sasl_method=PLAIN, sasl_username=yasmin.brown@example.com",
            "Nov 26 00:00:02 mx1 postfix/qmgr[3886]: 24B72E94D38: from=<yasmin.brown@example.com>, size=489906, nrcpt=1 (queue active)",
            "2026-11-26 00:00:02 1xWMuA-00012i-Ai <= leon@shop.example H=([192.168.1.83]) [198.18.147.229] P=esmtpsa A=dovecot_plain:leon@shop.example S=8501",
        ]
        var notes = 0
        for text in lines {
            let bytes = Array(text.utf8)
            for cut in 0...bytes.count {
                Array(bytes[0..<cut]).withUnsafeBufferPointer { line in
                    var event = RawEvent.unparsed()
                    guard LineParser().parse(line, into: &event) == .message else { return }
                    notes += 1
                    for range in [event.queueID, event.sender, event.clientIP, event.saslUsername]
                    where range != .none {
                        #expect(range.start >= 0 && range.end <= cut && range.start <= range.end)
                    }
                }
            }
        }
        #expect(notes > 100)
    }
}
