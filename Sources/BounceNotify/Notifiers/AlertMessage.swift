import BounceCore
import BounceSystem

/// The alert mail of the mail notifiers (sendmail, smtp, file), composed by BounceCore's
/// `AlertMail` with this machine's date, zone and a fresh Message-ID.
enum AlertMessage {
    static func compose(
        _ notice: AlertNotice, hostname: String, from: String, to: [String], now: Int64
    ) -> [UInt8] {
        let offset = LocalZone.systemOffset(at: Int(clamping: now))
        let envelope = AlertMailEnvelope(
            hostname: hostname, from: from, to: to,
            messageID: AlertMailEnvelope.messageID(
                for: notice, hostname: hostname, unique: UInt64.random(in: 1...UInt64.max)),
            date: now, utcOffsetSeconds: offset)
        return AlertMail.compose(notice, envelope: envelope)
    }

    static func subject(_ notice: AlertNotice, hostname: String) -> String {
        AlertMail.subject(notice, hostname: hostname)
    }
}
