@testable import BounceCore

/// Deliveries of one sender's mail as the engine gets them from the daemon: a Postfix line
/// parsed and classified, and the sender the message state knows.
enum AccountFixture {
    static let parser = LineParser(format: .postfix)

    /// A delivery line to `recipient`: sent, or bounced with `reply`.
    static func line(to recipient: String, bounced reply: String? = nil) -> [UInt8] {
        let domain = recipient.split(separator: "@").last.map(String.init) ?? "example.net"
        let outcome =
            reply.map {
                "status=bounced (host mx.\(domain)[192.0.2.7] said: \($0) (in reply to RCPT TO command))"
            }
            ?? "status=sent (250 2.0.0 OK queued as 1A2B3C)"
        return Array(
            "Dec  7 10:00:00 mx1 postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, relay=mx.\(domain)[192.0.2.7]:25, delay=1.4, delays=0.1/0/0.7/0.6, dsn=2.0.0, \(outcome)"
                .utf8)
    }

    static let unknownUser =
        "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown"
    static let spam = "554 5.7.1 Message rejected as spam by content filter"

    /// Hands `line` to `engine` at `time`, sent by `sender`.
    static func observe(
        _ line: [UInt8], time: Int64, sender: MessageSender?, into engine: inout AlertEngine
    ) {
        line.withUnsafeBufferPointer { buffer in
            var event = RawEvent.unparsed()
            guard parser.parse(buffer, into: &event) == .event else {
                fatalError("not an event: \(String(decoding: line, as: UTF8.self))")
            }
            let classification =
                event.isSuccessfulDelivery ? nil : Classifier.standard.classify(event, in: buffer)
            engine.observe(event, classification, in: buffer, time: time, sender: sender)
        }
    }

    static func user(_ name: String, ip: String = "198.51.100.20") -> MessageSender {
        MessageSender(
            address: "\(name)@example.com", domain: "example.com", saslUser: name, clientIP: ip)
    }
}
