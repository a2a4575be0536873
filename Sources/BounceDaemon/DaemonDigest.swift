import BounceCore
import BounceNotify
import BounceSystem

/// The daemon's side of the scheduled digest: the ledger restored from the checkpoint, and
/// the mail of a closed period for each notifier that carries it.
///
/// Sending is exactly once across crashes: when a period closes, its mails are prepared aside
/// in the outboxes (`ReadyMail`), the checkpoint that moves the ledger past the period is
/// written, and only then are they committed. At a start, a prepared mail whose period the
/// saved ledger has passed is sent; one it has not is removed, and the period closes again.
enum DaemonDigest {
    /// The prepared mails' key for the period ending at `end`.
    static func key(end: Int) -> String { DigestNotice.key(end: Int64(end)) }

    /// The ledger from the checkpoint's digest section, or a new one when there is none; nil
    /// without `digest:` (a saved section is then dropped at the next checkpoint).
    static func restore(
        _ configuration: Configuration, saved: [String], now: Int, path: String
    ) throws(DaemonError) -> DigestLedger? {
        guard let digest = configuration.digest else { return nil }
        guard !saved.isEmpty else {
            return DigestLedger(
                schedule: digest.schedule, now: now, utcOffset: LocalZone.systemOffset(at:))
        }
        do {
            return try DigestLedger(
                checkpointLines: saved, schedule: digest.schedule, now: now,
                utcOffset: LocalZone.systemOffset(at:))
        } catch {
            throw .unreadableCheckpoint(
                path: path, reason: "the digest counters cannot be restored: \(error)")
        }
    }

    /// Sends or removes what a crash left prepared, by the saved ledger: a period it has
    /// passed was reported (its checkpoint was written), the others will close again.
    static func settle(_ configuration: Configuration, ledger: DigestLedger?, log: NotificationLog)
    {
        let passed = ledger?.periodStart ?? Int.max
        NotificationDispatcher.settlePrepared(
            stateDirectory: configuration.stateDirectory, notifiers: configuration.notifiers,
            committed: { key in
                guard key.hasPrefix("digest-"), let end = Int(key.dropFirst("digest-".count))
                else { return false }
                return end <= passed
            }, log: log)
    }

    /// The mail of `closed` for each notifier that carries the digest: to the digest's `to:`,
    /// or to the notifier's own recipients. With `queue:` configured the digest shows `queue`,
    /// the last reading of the queue (nil before the first one ended).
    static func mails(
        _ closed: DigestLedger.Closed, configuration: Configuration, hostname: String, now: Int64,
        queue: QueueGauges? = nil
    ) -> [ReadyMail] {
        guard let digest = configuration.digest else { return [] }
        var report = closed.digest
        if configuration.queue != nil { report.queue = DigestQueue(queue) }
        let notice = DigestNotice.make(
            start: closed.digest.start, end: closed.digest.end,
            deliveries: closed.digest.current.deliveries)
        return digest.carriers(among: configuration.notifiers).map { notifier in
            let (from, own) = sender(notifier, hostname: hostname)
            let envelope = AlertMailEnvelope(
                hostname: hostname, from: from, to: digest.to ?? own, messageID: "", date: now,
                utcOffsetSeconds: LocalZone.systemOffset(at: Int(now)))
            return ReadyMail(
                notifier: notifier.name, key: key(end: Int(closed.digest.end)),
                message: DigestMail.compose(report, envelope: envelope),
                recipients: digest.to, notice: notice)
        }
    }

    /// The sender and the recipients a notifier puts on its alert mails.
    private static func sender(_ notifier: NotifierConfig, hostname: String) -> (String, [String]) {
        switch notifier {
        case .sendmail(let config): (config.from ?? "bouncewatch@\(hostname)", config.to)
        case .smtp(let config): (config.from, config.to)
        case .file: ("bouncewatch@\(hostname)", ["postmaster@\(hostname)"])
        case .alertmanager: ("bouncewatch@\(hostname)", [])
        }
    }
}
