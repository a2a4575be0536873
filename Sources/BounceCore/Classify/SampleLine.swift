/// Builds the full log lines that rules carry as samples, in the exact shapes Postfix and Exim
/// write, so that each rule's sample reads like a real log line and parses as one.
public enum SampleLine {
    static let postfixStamp = "Nov 26 10:14:03 mx1"
    static let eximStamp = "2026-11-26 10:14:03"

    /// A Postfix smtp delivery line whose reason is the remote's reply.
    /// `stage` is the command in `(in reply to ... command)`.
    public static func postfix(
        _ recipient: String, relay: String, dsn: String, status: String = "bounced",
        said reply: String, stage: String = "RCPT TO", queueID: String = "4F2A11C0D3"
    ) -> String {
        let host = relay.hasSuffix(":25") ? String(relay.dropLast(3)) : relay
        return "\(postfixStamp) postfix/smtp[4242]: \(queueID): to=<\(recipient)>, relay=\(relay), "
            + "delay=1.4, delays=0.1/0/0.7/0.6, dsn=\(dsn), status=\(status) "
            + "(host \(host) said: \(reply) (in reply to \(stage) command))"
    }

    /// A Postfix delivery line whose reason is Postfix's own wording.
    public static func postfixOwn(
        _ recipient: String, relay: String = "none", dsn: String, status: String = "deferred",
        text: String, program: String = "smtp", queueID: String = "7C3D21A0B4"
    ) -> String {
        "\(postfixStamp) postfix/\(program)[4243]: \(queueID): to=<\(recipient)>, relay=\(relay), "
            + "delay=32, delays=0.1/0/30/0, dsn=\(dsn), status=\(status) (\(text))"
    }

    /// A Postfix smtpd `NOQUEUE: reject:` line for a client we refused.
    public static func postfixReject(
        client: String = "unknown[203.0.113.45]", command: String = "RCPT", reply: String,
        from: String = "sender@client.example", to: String = "info@example.org",
        helo: String = "client.example"
    ) -> String {
        "\(postfixStamp) postfix/smtpd[4300]: NOQUEUE: reject: \(command) from \(client): \(reply); "
            + "from=<\(from)> to=<\(to)> proto=ESMTP helo=<\(helo)>"
    }

    /// An Exim `**` (failed) or `==` (deferred) line whose reason is the remote's reply.
    /// `after` is what Exim writes after `SMTP error from remote mail server after`.
    public static func exim(
        _ recipient: String, host: String, deferred: Bool = false, after: String? = nil,
        reply: String, messageID: String = "1xWibd-0006fV-1Y"
    ) -> String {
        let stage = after ?? "RCPT TO:<\(recipient)>"
        let mark =
            deferred
            ? "== \(recipient) R=dnslookup T=remote_smtp defer (-44)"
            : "** \(recipient) R=dnslookup T=remote_smtp"
        return "\(eximStamp) \(messageID) \(mark) H=\(host): "
            + "SMTP error from remote mail server after \(stage): \(reply)"
    }

    /// An Exim `**` or `==` line whose reason is Exim's own wording, e.g.
    /// `Unrouteable address` or `defer (110): Connection timed out`.
    public static func eximOwn(
        _ recipient: String, deferred: Bool = false, text: String,
        router: String = " R=dnslookup T=remote_smtp", messageID: String = "1xWibe-0006gL-0C"
    ) -> String {
        let mark = deferred ? "==" : "**"
        return "\(eximStamp) \(messageID) \(mark) \(recipient)\(router)\(text)"
    }

    /// An Exim `rejected RCPT` line for a client we refused.
    public static func eximReject(
        host: String = "(client.example) [203.0.113.45]", from: String = "sender@client.example",
        to: String = "info@example.org", reply: String
    ) -> String {
        "\(eximStamp) H=\(host) F=<\(from)> rejected RCPT <\(to)>: \(reply)"
    }
}
