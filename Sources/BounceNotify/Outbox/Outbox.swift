import BounceCore
import BounceSystem
import Synchronization

/// The pending deliveries of one notifier, one file each:
/// `<state directory>/outbox/<notifier>/<submitted>-<sequence>.alert`.
///
/// Names sort by submission time (zero-padded epoch seconds, then a sequence that starts from
/// the wall clock in microseconds and only grows), so loading them back in name order restores
/// the order of submission across restarts. A file is written before its delivery is tried and
/// removed once it succeeded.
final class Outbox: Sendable {
    static let suffix = ".alert"
    /// Files that could not be read back are renamed with this suffix, kept for a person to
    /// look at, and never retried.
    static let unreadableSuffix = ".unreadable"

    let directory: String
    private let lastSequence = Mutex<Int64>(0)

    init(stateDirectory: String, notifier: String) throws(DeliveryError) {
        directory = stateDirectory + "/outbox/" + Outbox.directoryName(notifier)
        do {
            try FileSystem.makeDirectory(directory)
        } catch {
            throw DeliveryError(error.description)
        }
    }

    /// Stores `record` durably and returns its file name.
    func add(_ record: OutboxRecord) throws(DeliveryError) -> String {
        let name = nextName(createdAt: record.createdAt)
        do {
            // Mode 0600: alerts quote log lines.
            try AtomicFile.replace(
                Path.join(directory, name), with: record.json, mode: 0o600, durable: true)
        } catch {
            throw DeliveryError(error.description)
        }
        return name
    }

    /// Every pending record in submission order, and the names of files that could not be
    /// read (already renamed aside).
    func pending() -> (records: [(name: String, record: OutboxRecord)], unreadable: [String]) {
        var records: [(name: String, record: OutboxRecord)] = []
        var unreadable: [String] = []
        for name in FileSystem.names(in: directory).sorted()
        where name.hasSuffix(Self.suffix) && !name.hasPrefix(".") {
            let path = directory + "/" + name
            if let bytes = FileSystem.load(path), let record = OutboxRecord(json: bytes),
                record.version <= OutboxRecord.currentVersion
            {
                records.append((name, record))
            } else {
                // A file that cannot be renamed either is still reported, and skipped again
                // at the next load.
                try? FileSystem.rename(path, to: path + Self.unreadableSuffix)
                unreadable.append(name)
            }
        }
        return (records, unreadable)
    }

    func remove(_ name: String) throws(DeliveryError) {
        do {
            try FileSystem.remove(directory + "/" + name)
        } catch {
            throw DeliveryError(error.description)
        }
    }

    func nextName(createdAt: Int64) -> String {
        let sequence = lastSequence.withLock { last in
            last = max(last + 1, Clocks.wallMicroseconds())
            return last
        }
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
