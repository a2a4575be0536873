import BounceCore
import BounceSystem

/// The alerts an Alertmanager notifier still reports as firing, re-posted until they resolve
/// or expire; kept in `<state directory>/alertmanager/<notifier>.json` so a restart goes on
/// re-posting them before Alertmanager lets them lapse.
///
/// Used by the notifier's delivery thread only.
final class FiringAlerts {
    private struct Entry {
        var notice: StoredNotice
        /// The dispatcher's clock when the alert engine last sent a notice for it.
        var updatedAt: Int64
    }

    let path: String
    private let expirySeconds: Int64
    private var entries: [String: Entry] = [:]

    init(stateDirectory: String, notifier: String, expirySeconds: Int64) throws(DeliveryError) {
        let directory = stateDirectory + "/alertmanager"
        do {
            try FileSystem.makeDirectory(directory)
        } catch {
            throw DeliveryError(error.description)
        }
        path = directory + "/" + Outbox.directoryName(notifier) + ".json"
        self.expirySeconds = expirySeconds
        if let bytes = FileSystem.load(path), let stored = try? JSONReader.parse(bytes).array {
            for item in stored {
                guard let notice = item["notice"].flatMap(StoredNotice.init(json:)),
                    let updatedAt = item["updatedAt"]?.int64
                else { continue }
                entries[notice.fingerprint] = Entry(notice: notice, updatedAt: updatedAt)
            }
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Notes a delivered notice: a firing one is (again) re-posted, a resolved one no more.
    func record(_ notice: AlertNotice, now: Int64) throws(DeliveryError) {
        switch notice.state {
        case .firing:
            entries[notice.fingerprint] = Entry(notice: StoredNotice(notice), updatedAt: now)
        case .resolved: guard entries.removeValue(forKey: notice.fingerprint) != nil else { return }
        }
        try save()
    }

    /// The alerts to post again, oldest first; expired ones are forgotten.
    func active(now: Int64) throws(DeliveryError) -> [AlertNotice] {
        let expired = entries.filter { now - $0.value.updatedAt >= expirySeconds }
        if !expired.isEmpty {
            for key in expired.keys { entries.removeValue(forKey: key) }
            try save()
        }
        return entries.values.sorted {
            ($0.updatedAt, $0.notice.fingerprint) < ($1.updatedAt, $1.notice.fingerprint)
        }
        .map(\.notice.notice)
    }

    private func save() throws(DeliveryError) {
        let sorted = entries.values.sorted { $0.notice.fingerprint < $1.notice.fingerprint }
        var writer = JSONWriter()
        writer.beginArray()
        for entry in sorted {
            writer.beginObject()
            writer.key("notice")
            entry.notice.write(to: &writer)
            writer.field("updatedAt", Int(entry.updatedAt))
            writer.endObject()
        }
        writer.endArray()
        do {
            try AtomicFile.replace(path, with: writer.bytes, mode: 0o600, durable: true)
        } catch {
            throw DeliveryError(error.description)
        }
    }
}
