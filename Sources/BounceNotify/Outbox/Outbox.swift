import Foundation

/// The pending deliveries of one notifier, one file each:
/// `<state directory>/outbox/<notifier>/<submitted>-<sequence>.alert`.
///
/// Names sort by submission time (zero-padded epoch seconds, then a sequence that starts from
/// the wall clock in microseconds and only grows), so loading them back in name order restores
/// the order of submission across restarts. A file is written before its delivery is tried and
/// removed once it succeeded.
final class Outbox: @unchecked Sendable {
    static let suffix = ".alert"
    /// Files that could not be read back are renamed with this suffix, kept for a person to
    /// look at, and never retried.
    static let unreadableSuffix = ".unreadable"

    let directory: String
    private let lock = NSLock()
    private var lastSequence: Int64 = 0

    init(stateDirectory: String, notifier: String) throws(DeliveryError) {
        directory = stateDirectory + "/outbox/" + Outbox.directoryName(notifier)
        try DurableFile.makeDirectory(directory)
    }

    /// Stores `record` durably and returns its file name.
    func add(_ record: OutboxRecord) throws(DeliveryError) -> String {
        let name = nextName(createdAt: record.createdAt)
        let bytes: Data
        do {
            bytes = try JSONEncoder().encode(record)
        } catch {
            throw DeliveryError("cannot encode a pending alert: \(error)")
        }
        try DurableFile.store(Array(bytes), to: directory + "/" + name)
        return name
    }

    /// Every pending record in submission order, and the names of files that could not be
    /// read (already renamed aside).
    func pending() -> (records: [(name: String, record: OutboxRecord)], unreadable: [String]) {
        var records: [(name: String, record: OutboxRecord)] = []
        var unreadable: [String] = []
        let decoder = JSONDecoder()
        for name in DurableFile.names(in: directory).sorted()
        where name.hasSuffix(Self.suffix) && !name.hasPrefix(".") {
            let path = directory + "/" + name
            if let bytes = DurableFile.load(path),
                let record = try? decoder.decode(OutboxRecord.self, from: Data(bytes)),
                record.version <= OutboxRecord.currentVersion
            {
                records.append((name, record))
            } else {
                rename(path, path + Self.unreadableSuffix)
                unreadable.append(name)
            }
        }
        return (records, unreadable)
    }

    func remove(_ name: String) throws(DeliveryError) {
        try DurableFile.remove(directory + "/" + name)
    }

    private func nextName(createdAt: Int64) -> String {
        lock.lock()
        let sequence = max(lastSequence + 1, Int64(Date().timeIntervalSince1970 * 1_000_000))
        lastSequence = sequence
        lock.unlock()
        return Self.padded(max(0, createdAt), 12) + "-" + Self.padded(sequence, 17) + Self.suffix
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The notifier's name as a directory name: letters, digits, `.`, `_` and `-` stay; any
    /// other byte becomes `_` and a hash of the name is added so that names stay distinct.
    static func directoryName(_ notifier: String) -> String {
        let allowed = notifier.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": Character(scalar)
            default: "_"
            }
        }
        let clean = String(allowed)
        if clean == notifier && !notifier.hasPrefix(".") && !notifier.isEmpty { return clean }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in notifier.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "_" + clean + "-" + String(hash, radix: 16)
    }
}
