/// The digest e-mail: an RFC 5322 `multipart/alternative` message with the plain-text digest
/// and the HTML digest, both UTF-8 and quoted-printable, CRLF line ends, ready for sendmail,
/// SMTP or an mbox file like the alert mail.
public enum DigestMail {
    /// The complete message. `envelope.messageID` is used when it is a valid id; otherwise the
    /// id names the period, so the same digest sent twice has the same id.
    public static func compose(_ digest: Digest, envelope: AlertMailEnvelope) -> [UInt8] {
        // `=_` never occurs in quoted-printable text (a `=` is always followed by two hex
        // digits or a line end), so the boundary cannot appear inside either part.
        let boundary = "=_bouncewatch_digest_\(digest.start)_\(digest.end)"
        var lines: [String] = []
        lines.append(
            "Date: " + MailDate.rfc5322(envelope.date, utcOffsetSeconds: envelope.utcOffsetSeconds))
        lines += MailHeader.addressList("From", [envelope.from])
        lines += MailHeader.addressList("To", envelope.to)
        lines += MailHeader.unstructured("Subject", subject(digest))
        let id = messageID(digest, envelope: envelope)
        let idLine = "Message-ID: \(id)"
        lines += idLine.utf8.count <= MailHeader.foldWidth ? [idLine] : ["Message-ID:", " " + id]
        lines.append("Auto-Submitted: auto-generated")
        lines.append("X-Auto-Response-Suppress: All")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: multipart/alternative;")
        lines.append(" boundary=\"\(boundary)\"")
        var message: [UInt8] = []
        func add(_ line: String) {
            message += line.utf8
            message += [0x0D, 0x0A]
        }
        lines.forEach(add)
        add("")
        add("This is a digest in plain text and HTML.")
        for (type, body) in [
            ("text/plain", DigestTextRenderer.render(digest)),
            ("text/html", DigestHTMLRenderer.render(digest)),
        ] {
            add("")
            add("--\(boundary)")
            add("Content-Type: \(type); charset=utf-8")
            add("Content-Transfer-Encoding: quoted-printable")
            add("")
            message += QuotedPrintable.encode(body)
        }
        add("--\(boundary)--")
        return message
    }

    /// `[bouncewatch] mx1: digest 2026-11-26 00:00:00 +0000 .. ... - 812 attempts, 12.5%
    /// failed`: fixed words and the cleaned host name only.
    public static func subject(_ digest: Digest) -> String {
        let host = MailHeader.clean(digest.hostname, limit: AlertHeadline.pieceLimit)
        let rate = DigestRate(digest.current.deliveries).text
        let text =
            "[bouncewatch] \(host.isEmpty ? "localhost" : host): digest \(digest.periodText) - "
            + "\(digest.current.deliveries.total) attempts, \(rate) failed"
        return MailHeader.clean(text, limit: AlertMail.subjectLimit)
    }

    private static func messageID(_ digest: Digest, envelope: AlertMailEnvelope) -> String {
        let given = MailHeader.atom(envelope.messageID)
        let parts = given.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { return "<\(given)>" }
        return "<bouncewatch.digest.\(digest.start).\(digest.end)"
            + "@\(MailHeader.hostName(envelope.hostname))>"
    }
}
