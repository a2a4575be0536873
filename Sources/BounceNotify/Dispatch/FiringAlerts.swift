import BounceCore
import Foundation

/// The alerts an Alertmanager notifier still reports as firing, re-posted until they resolve
/// or expire; kept in `<state directory>/alertmanager/<notifier>.json` so a restart goes on
/// re-posting them before Alertmanager lets them lapse.
///
/// Used by the notifier's delivery thread only.
final class FiringAlerts {
    private struct Entry: Codable {
        var notice: StoredNotice
        /// The dispatcher's clock when the alert engine last sent a notice for it.
        var updatedAt: Int64
    }

    let path: String
    private let expirySeconds: Int64
    private var entries: [String: Entry] = [:]

    init(stateDirectory: String, notifier: String, expirySeconds: Int64) throws(DeliveryError) {
        let directory = stateDirectory + "/alertmanager"
        try DurableFile.makeDirectory(directory)
        path = directory + "/" + Outbox.directoryName(notifier) + ".json"
        self.expirySeconds = expirySeconds
        if let bytes = DurableFile.load(path),
            let stored = try? JSONDecoder().decode([Entry].self, from: Data(bytes))
        {
            for entry in stored { entries[entry.notice.fingerprint] = entry }
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
        let bytes: Data
        do {
            bytes = try JSONEncoder().encode(sorted)
        } catch {
            throw DeliveryError("cannot encode the firing alerts: \(error)")
        }
        try DurableFile.store(Array(bytes), to: path)
    }
}
