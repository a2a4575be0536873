/// Log lines written for these tests (not taken from any other project).
enum SampleLines {
    static let bounced =
        "Nov 26 10:00:01 mx1 postfix/smtp[4242]: 4F2A11234: to=<Bob@Example.COM>,"
        + " relay=mx.example.com[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1,"
        + " status=bounced (host mx.example.com[192.0.2.10] said: 550 5.1.1 <Bob@Example.COM>:"
        + " Recipient address rejected: User unknown in local recipient table"
        + " (in reply to RCPT TO command))"
    static let sent =
        "Nov 26 10:00:02 mx1 postfix/smtp[4242]: 4F2A11235: to=<alice@example.net>,"
        + " relay=mx.example.net[192.0.2.20]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0,"
        + " status=sent (250 2.0.0 Ok: queued as 9A8B7C)"
    static let cleanup =
        "Nov 26 10:00:03 mx1 postfix/cleanup[4243]: 4F2A11236: message-id=<x1@mx1.example.org>"
    static let eximDeferred =
        "2026-11-26 10:05:00 +0100 1tQ3Ks-00000000Bc9-2Fq0 == carol@example.org R=dnslookup"
        + " T=remote_smtp defer (111): Connection refused"

    /// A small Postfix log: an event, a non-event, an event.
    static var postfixLog: String { bounced + "\n" + cleanup + "\n" + sent + "\n" }
}
