import BounceCore
import BounceSystem

/// Ready-made mails stored aside, `<key>.prepared`, until their sender commits them.
extension Outbox {
    static let preparedSuffix = ".prepared"

    /// Stores `record` as `<key>.prepared`, durably; it is not pending yet.
    func prepare(_ record: OutboxRecord, key: String) throws(DeliveryError) {
        do {
            try AtomicFile.replace(
                Path.join(directory, key + Self.preparedSuffix), with: record.json, mode: 0o600,
                durable: true)
        } catch {
            throw DeliveryError(error.description)
        }
    }

    /// Renames `<key>.prepared` to a pending name and returns it with its record; nil when
    /// there is no such file (already committed) or it cannot be read.
    func commitPrepared(key: String) throws(DeliveryError) -> (
        name: String, record: OutboxRecord
    )? {
        let path = Path.join(directory, key + Self.preparedSuffix)
        guard let bytes = FileSystem.load(path), let record = OutboxRecord(json: bytes) else {
            return nil
        }
        let name = nextName(createdAt: record.createdAt)
        do {
            try FileSystem.rename(path, to: Path.join(directory, name))
        } catch {
            throw DeliveryError(error.description)
        }
        return (name, record)
    }

    /// The keys of the prepared mails in this outbox.
    func preparedKeys() -> [String] {
        FileSystem.names(in: directory).filter {
            $0.hasSuffix(Self.preparedSuffix) && !$0.hasPrefix(".")
        }
        .map { String($0.dropLast(Self.preparedSuffix.count)) }
        .sorted()
    }

    /// Removes `<key>.prepared`.
    func dropPrepared(key: String) throws(DeliveryError) {
        do {
            try FileSystem.remove(Path.join(directory, key + Self.preparedSuffix))
        } catch {
            throw DeliveryError(error.description)
        }
    }
}
