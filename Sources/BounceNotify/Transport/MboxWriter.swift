import BounceCore
import BounceSystem

/// Appends messages to an mbox file (the mboxrd variant) that mail readers open as they are.
///
/// Each message starts with a `From sender date` separator line, has its line ends turned to
/// LF, every line that starts with `From ` after any number of `>` gets one more `>`, and ends
/// with a blank line. The append holds an exclusive `flock` (mutt and procmail use the same
/// lock) and is flushed to disk with `fsync` before the lock is released.
struct MboxWriter {
    /// How long to wait for another program's lock.
    static let lockTimeoutSeconds = 10.0

    var path: String

    func append(_ message: [UInt8], sender: String, date: Int64) throws(DeliveryError) {
        let entry = Self.entry(message, sender: sender, date: date)
        do {
            try LockedAppend.append(
                entry, to: path, mode: 0o600, lockTimeoutSeconds: Self.lockTimeoutSeconds)
        } catch {
            throw DeliveryError("\(error.step.rawValue) mbox \(path): \(error.reason)")
        }
    }

    /// The bytes appended for one message: separator, quoted message with LF line ends, blank
    /// line.
    static func entry(_ message: [UInt8], sender: String, date: Int64) -> [UInt8] {
        var result = Array(
            "From \(separatorSender(sender)) \(CivilTime(epochSeconds: date).asctime)\n".utf8)
        result.reserveCapacity(message.count + 128)
        var lineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            if lineStart, quotesNeeded(message, at: index) { result.append(UInt8(ascii: ">")) }
            if byte == 0x0D, index + 1 < message.count, message[index + 1] == 0x0A {
                index += 1
                continue
            }
            result.append(byte)
            lineStart = byte == 0x0A
            index += 1
        }
        if !lineStart { result.append(0x0A) }
        result.append(0x0A)
        return result
    }

    /// Whether the line starting at `index` is `>*From `.
    private static func quotesNeeded(_ message: [UInt8], at index: Int) -> Bool {
        var position = index
        while position < message.count, message[position] == UInt8(ascii: ">") { position += 1 }
        let from = Array("From ".utf8)
        guard position + from.count <= message.count else { return false }
        return Array(message[position..<position + from.count]) == from
    }

    /// The separator's sender is one word; anything else would break the mbox format.
    private static func separatorSender(_ sender: String) -> String {
        let clean = sender.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }
        return clean.isEmpty ? "MAILER-DAEMON" : String(String.UnicodeScalarView(clean))
    }
}
