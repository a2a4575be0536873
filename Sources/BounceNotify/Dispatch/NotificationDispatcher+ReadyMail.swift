import BounceCore

/// Ready-made mails (the digest): prepared aside, committed after the caller's own state, and
/// settled at the next start when a crash came between the two (see `ReadyMail`).
extension NotificationDispatcher {
    /// Stores each mail aside in its notifier's outbox, fsync'd; nothing is sent before
    /// `commit`. Mails for notifiers this dispatcher does not run are logged and left out.
    public func prepare(_ mails: [ReadyMail], now: Int64) {
        for mail in mails {
            guard let worker = workers.first(where: { $0.notifier.name == mail.notifier }) else {
                log("notifier \(mail.notifier) is not running; \(mail.key) not sent through it")
                continue
            }
            let record = OutboxRecord(
                notifier: mail.notifier, createdAt: now, notice: mail.notice,
                message: mail.message, recipients: mail.recipients)
            do {
                try worker.outbox.prepare(record, key: mail.key)
            } catch {
                log("notifier \(mail.notifier): \(mail.key) not stored, not sent: \(error)")
            }
        }
    }

    /// Makes the prepared mails named `key` pending in every notifier and queues them.
    public func commit(key: String) {
        for worker in workers {
            do {
                guard let (name, record) = try worker.outbox.commitPrepared(key: key) else {
                    continue
                }
                log("notifier \(worker.notifier.name): \(key) queued")
                worker.enqueue(record, file: name)
            } catch {
                log("notifier \(worker.notifier.name): \(key) not queued: \(error)")
            }
        }
    }

    /// Before a dispatcher starts on `stateDirectory`: prepared mails whose key `committed`
    /// accepts become pending (the new dispatcher sends them), the others are removed (their
    /// sender will prepare them again). Returns the keys made pending.
    @discardableResult
    public static func settlePrepared(
        stateDirectory: String, notifiers: [NotifierConfig], committed: (String) -> Bool,
        log: NotificationLog
    ) -> [String] {
        var pending: [String] = []
        for config in notifiers {
            guard let outbox = try? Outbox(stateDirectory: stateDirectory, notifier: config.name)
            else { continue }
            for key in outbox.preparedKeys() {
                do {
                    if committed(key) {
                        _ = try outbox.commitPrepared(key: key)
                        pending.append(key)
                        log("notifier \(config.name): \(key) from before the restart is sent")
                    } else {
                        try outbox.dropPrepared(key: key)
                    }
                } catch {
                    log("notifier \(config.name): \(key): \(error)")
                }
            }
        }
        return pending
    }
}
