/// The alert e-mail: an RFC 5322 message in plain UTF-8 text, quoted-printable encoded, that
/// every notifier (sendmail, SMTP, mbox) sends as it is.
public enum AlertMail {
    /// The longest subject text, in characters, before header encoding.
    static let subjectLimit = 200

    /// The complete RFC 5322 message, CRLF line ends, ready for sendmail/SMTP/mbox.
    public static func compose(_ notice: AlertNotice, envelope: AlertMailEnvelope) -> [UInt8] {
        var lines: [String] = []
        lines.append(
            "Date: " + MailDate.rfc5322(envelope.date, utcOffsetSeconds: envelope.utcOffsetSeconds))
        lines += MailHeader.addressList("From", [envelope.from])
        lines += MailHeader.addressList("To", envelope.to)
        lines += MailHeader.unstructured("Subject", subject(notice, hostname: envelope.hostname))
        lines += identifier("Message-ID", messageID(notice, envelope: envelope))
        // Every notice of one incident refers to the same (never sent) root, so mail readers
        // thread the alert, its reminders and its resolution together.
        lines += identifier("References", incidentID(notice, envelope: envelope))
        lines.append("Auto-Submitted: auto-generated")
        lines.append("X-Auto-Response-Suppress: All")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: quoted-printable")
        lines += MailHeader.unstructured("X-Bouncewatch-Rule", notice.rule)
        lines.append("X-Bouncewatch-State: \(notice.state.rawValue)")
        lines.append("X-Bouncewatch-Fingerprint: " + MailHeader.atom(notice.fingerprint, limit: 64))
        var message: [UInt8] = []
        for line in lines {
            message += line.utf8
            message += [0x0D, 0x0A]
        }
        message += [0x0D, 0x0A]
        let body = AlertMailBody.text(
            notice, hostname: envelope.hostname, utcOffsetSeconds: envelope.utcOffsetSeconds)
        message += QuotedPrintable.encode(body)
        return message
    }

    /// The subject as a person reads it (not yet header-encoded), from fixed words and cleaned
    /// values: `[bouncewatch] mx1: blacklisted by zen.spamhaus.org (203.0.113.5) - 42
    /// deferrals to 7 domains`, `[bouncewatch] mx1: RESOLVED blacklisted by ...`. No control
    /// characters, at most 200 characters.
    public static func subject(_ notice: AlertNotice, hostname: String) -> String {
        let host = MailHeader.clean(hostname, limit: AlertHeadline.pieceLimit)
        var text = "[bouncewatch] \(host.isEmpty ? "localhost" : host): "
        switch notice.state {
        case .resolved: text += "RESOLVED " + AlertHeadline.what(notice)
        case .firing where notice.headline != nil: text += AlertHeadline.what(notice)
        case .firing: text += AlertHeadline.what(notice) + " - " + AlertHeadline.numbers(notice)
        }
        return MailHeader.clean(text, limit: subjectLimit)
    }

    /// `Name: <id>` on one line when it fits in 78 characters, else folded before the id
    /// (RFC 5322 allows folding white space there), so long host names keep header lines
    /// short.
    private static func identifier(_ name: String, _ id: String) -> [String] {
        let line = "\(name): \(id)"
        return line.utf8.count <= 78 ? [line] : ["\(name):", " " + id]
    }

    private static func messageID(_ notice: AlertNotice, envelope: AlertMailEnvelope) -> String {
        let given = MailHeader.atom(envelope.messageID)
        let parts = given.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
            return "<\(given)>"
        }
        return "<bouncewatch.\(MailHeader.atom(notice.fingerprint, limit: 64)).\(notice.decidedAt)."
            + "\(notice.state.rawValue)@\(MailHeader.hostName(envelope.hostname))>"
    }

    private static func incidentID(_ notice: AlertNotice, envelope: AlertMailEnvelope) -> String {
        "<bouncewatch.\(MailHeader.atom(notice.fingerprint, limit: 64)).\(notice.startedAt)"
            + "@\(MailHeader.hostName(envelope.hostname))>"
    }
}
