/// Decodes the stream that Postfix's `showq` service writes on its `public/showq` socket, the
/// one `postqueue -p` and `postqueue -j` read.
///
/// The stream is Postfix's null-terminated attribute encoding: `name\0value\0` pairs, a record
/// ended by an empty name (a lone `\0`). The first record announces the protocol
/// (`protocol` = `mail_queue_list_protocol`); each following record is one message
/// (`queue_name`, `queue_id`, `time`, `size`, `forced_expire`, `sender`, then `recipient` and
/// `reason` for each recipient still to be delivered); an empty record ends the list.
///
/// Bytes arrive in pieces: `consume` decodes every complete record and says how many bytes it
/// used, and the caller keeps the rest for the next call. A malformed message record is counted
/// in `problems` and skipped; a stream that is not showq's, or a record longer than
/// `maximalRecordBytes`, stops the decoding with `failure` set. Never traps on any input.
public struct ShowqDecoder: Sendable {
    /// The longest record accepted: a message with thousands of recipients and their reasons
    /// fits; anything longer is not showq talking.
    public static let maximalRecordBytes = 16 << 20
    static let protocolName = "mail_queue_list_protocol"

    /// Malformed message records skipped so far.
    public private(set) var problems = QueueProblems()
    /// Why decoding stopped early, if it did.
    public private(set) var failure: String?
    /// True once the empty record that ends the list was read.
    public private(set) var finished = false
    private var greeted = false
    private let recordLimit: Int

    /// A decoder that accepts records of up to `maximalRecordBytes`.
    public init(maximalRecordBytes: Int = ShowqDecoder.maximalRecordBytes) {
        recordLimit = maximalRecordBytes
    }

    /// Decodes the complete records at the start of `bytes`, handing each message to `emit`;
    /// returns how many bytes were used. After `finished` or `failure`, uses nothing.
    public mutating func consume(
        _ bytes: UnsafeBufferPointer<UInt8>, emit: (QueuedMessage) -> Void
    ) -> Int {
        var used = 0
        while !finished, failure == nil {
            guard let (fields, end) = Self.record(in: bytes, from: used) else {
                if bytes.count - used > recordLimit {
                    failure = "a showq record is longer than \(recordLimit) bytes"
                }
                break
            }
            used = end
            accept(fields, in: bytes, emit: emit)
        }
        return used
    }

    /// Call when the stream ended: an end before the closing record is a failure.
    public mutating func finish(leftover: Int) {
        guard failure == nil, !finished else { return }
        failure =
            greeted
            ? "the showq stream ended before its last record (\(leftover) bytes left over)"
            : "the socket closed without a showq greeting"
    }

    private mutating func accept(
        _ fields: [(ByteRange, ByteRange)], in bytes: UnsafeBufferPointer<UInt8>,
        emit: (QueuedMessage) -> Void
    ) {
        if !greeted {
            guard fields.count == 1, Self.text(fields[0].0, bytes) == "protocol",
                Self.text(fields[0].1, bytes) == Self.protocolName
            else {
                failure = "the socket does not speak the showq protocol"
                return
            }
            greeted = true
            return
        }
        if fields.isEmpty {
            finished = true
            return
        }
        switch Self.message(fields, in: bytes) {
        case .success(let message): emit(message)
        case .failure(let problem): problems.skip(problem.text)
        }
    }

    // MARK: - Records

    /// The attribute pairs of the record starting at `start`, and where the next begins; nil
    /// when the record is not complete in `bytes`.
    static func record(in bytes: UnsafeBufferPointer<UInt8>, from start: Int)
        -> ([(ByteRange, ByteRange)], Int)?
    {
        var fields: [(ByteRange, ByteRange)] = []
        var cursor = start
        while true {
            guard let nameEnd = nul(in: bytes, from: cursor) else { return nil }
            if nameEnd == cursor { return (fields, cursor + 1) }
            guard let valueEnd = nul(in: bytes, from: nameEnd + 1) else { return nil }
            fields.append((ByteRange(cursor, nameEnd), ByteRange(nameEnd + 1, valueEnd)))
            cursor = valueEnd + 1
        }
    }

    static func nul(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        ByteScan.find(0, in: bytes, from: start)
    }

    struct Problem: Error {
        var text: String
    }

    static func message(_ fields: [(ByteRange, ByteRange)], in bytes: UnsafeBufferPointer<UInt8>)
        -> Result<QueuedMessage, Problem>
    {
        var queue: QueueName?
        var queueText = ""
        var id = ""
        var arrival: Int64?
        var size: Int64 = 0
        var sender = ""
        var recipients: [QueuedRecipient] = []
        for (name, value) in fields {
            let slice = value.slice(of: bytes)
            switch text(name, bytes) {
            case "queue_name":
                queueText = QueueText.decode(slice, limit: 32)
                queue = QueueName(identifier: queueText)
            case "queue_id": id = QueueText.decode(slice, limit: 64)
            case "time": arrival = number(slice)
            case "size": size = number(slice) ?? 0
            case "sender": sender = QueueText.decode(slice, limit: QueueText.addressLimit)
            case "recipient":
                recipients.append(
                    QueuedRecipient(
                        address: QueueText.decode(slice, limit: QueueText.addressLimit),
                        reason: ""))
            case "reason":
                guard !recipients.isEmpty else {
                    return .failure(
                        Problem(text: "showq record \(id): a reason before any recipient"))
                }
                recipients[recipients.count - 1].reason = QueueText.decode(
                    slice, limit: QueueText.reasonLimit)
            default: continue  // attributes of later Postfix versions
            }
        }
        guard !id.isEmpty, id.utf8.allSatisfy(isIDByte) else {
            return .failure(Problem(text: "showq record without a valid queue_id"))
        }
        guard let queue, queue != .frozen else {
            return .failure(Problem(text: "showq record \(id): unknown queue_name \(queueText)"))
        }
        guard let arrival else {
            return .failure(Problem(text: "showq record \(id): no valid time"))
        }
        return .success(
            QueuedMessage(
                queue: queue, id: id, arrival: arrival, size: size, sender: sender,
                recipients: recipients))
    }

    /// Postfix queue ids are hexadecimal (short) or base-52 alphanumerics (long ids).
    static func isIDByte(_ byte: UInt8) -> Bool {
        ByteScan.isDigit(byte)
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    static func text(_ range: ByteRange, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: range.slice(of: bytes), as: UTF8.self)
    }

    /// A decimal number of at most 18 digits; nil for anything else.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard ByteScan.isDigit(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
