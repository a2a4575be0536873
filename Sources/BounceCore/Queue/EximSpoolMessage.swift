/// Reads one message of Exim's spool: its header file (`input/ID-H`) and, when there is one,
/// its message log (`msglog/ID`), into a `QueuedMessage`.
///
/// The header file starts with the id line, the owner, the envelope sender in angle brackets,
/// `arrival warnings`, option lines starting with `-` (`-frozen T` marks a frozen message;
/// `-aclc`/`-aclm` carry a value of a stated length on the following line), the tree of
/// recipients already delivered (`XX` when empty, else one `YY|YN|NY|NN address` line per
/// node), the recipient count and one recipient a line, a blank line, then the headers, each
/// `NNNf ` followed by NNN bytes of header text.
///
/// The message log holds Exim's lines about this message; a recipient's reason is its last
/// deferral line (`ADDRESS R=... T=... defer (-N) ...: reason`). Never traps on any input: a file
/// that breaks the format is a `Problem` to count.
public enum EximSpoolMessage {
    /// A header file that breaks the format, worded for an administrator.
    public struct Problem: Error, Equatable {
        public var text: String
    }

    /// The largest header file read; real ones are a few kilobytes.
    public static let maximalHeaderBytes = 8 << 20

    /// Parses the header file `header` of message `id`; `dataBytes` is the size of its `-D`
    /// file, `messageLog` its message log when readable.
    public static func parse(
        id: String, header: UnsafeBufferPointer<UInt8>, dataBytes: Int64,
        messageLog: UnsafeBufferPointer<UInt8>?
    ) -> Result<QueuedMessage, Problem> {
        var lines = SpoolLines(header)
        guard let first = lines.next(), text(first, header) == id + "-H" else {
            return .failure(Problem(text: "\(id)-H: the first line does not name the message"))
        }
        guard lines.next() != nil, let senderLine = lines.next() else {
            return .failure(Problem(text: "\(id)-H: ends before the sender"))
        }
        let senderText = senderLine.slice(of: header)
        guard senderText.count >= 2, senderText.first == UInt8(ascii: "<"),
            senderText.last == UInt8(ascii: ">")
        else { return .failure(Problem(text: "\(id)-H: the sender is not in angle brackets")) }
        let sender = QueueText.decode(
            UnsafeBufferPointer(rebasing: senderText[1..<(senderText.count - 1)]),
            limit: QueueText.addressLimit)
        guard let timeLine = lines.next(),
            let arrival = ShowqDecoder.number(firstWord(timeLine.slice(of: header)))
        else { return .failure(Problem(text: "\(id)-H: no arrival time")) }

        var frozen = false
        var delivered = Set<String>()
        var line = lines.next()
        // Options.
        while let current = line, current.count > 0, header[current.start] == UInt8(ascii: "-") {
            let option = current.slice(of: header)
            if ByteScan.hasPrefix(option, at: 0, "-frozen") { frozen = true }
            if ByteScan.hasPrefix(option, at: 0, "-acl"), let length = lastNumber(option) {
                guard lines.skip(Int(length) + 1) else {
                    return .failure(Problem(text: "\(id)-H: an ACL variable runs past the end"))
                }
            }
            line = lines.next()
        }
        // The tree of recipients already delivered.
        while let current = line, isTreeLine(current.slice(of: header)) {
            let node = current.slice(of: header)
            if node.count > 3 {
                delivered.insert(
                    QueueText.decode(
                        UnsafeBufferPointer(rebasing: node[3...]), limit: QueueText.addressLimit))
            }
            line = lines.next()
        }
        guard let countLine = line, let count = ShowqDecoder.number(countLine.slice(of: header))
        else { return .failure(Problem(text: "\(id)-H: no recipient count")) }
        var pending: [String] = []
        for _ in 0..<count {
            guard let recipientLine = lines.next() else {
                return .failure(Problem(text: "\(id)-H: fewer recipients than its count"))
            }
            let address = recipientAddress(recipientLine.slice(of: header))
            if !delivered.contains(address) { pending.append(address) }
        }
        guard let blank = lines.next(), blank.isEmpty else {
            return .failure(Problem(text: "\(id)-H: no blank line after the recipients"))
        }
        guard let headerBytes = headersSize(header, from: lines.offset) else {
            return .failure(Problem(text: "\(id)-H: a header's length runs past the end"))
        }
        // The data file starts with the line `ID-D`, which is not part of the message.
        let body = max(0, dataBytes - Int64(id.utf8.count + 3))
        let reasons = messageLog.map { lastDeferrals($0, of: Set(pending)) } ?? [:]
        let recipients = pending.map { QueuedRecipient(address: $0, reason: reasons[$0] ?? "") }
        let queue: QueueName =
            frozen ? .frozen : recipients.contains { !$0.reason.isEmpty } ? .deferred : .active
        return .success(
            QueuedMessage(
                queue: queue, id: id, arrival: arrival, size: headerBytes + body, sender: sender,
                recipients: recipients))
    }

    // MARK: - Pieces

    static func text(_ range: ByteRange, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: range.slice(of: bytes), as: UTF8.self)
    }

    static func firstWord(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let end = bytes.firstIndex(of: UInt8(ascii: " ")) ?? bytes.count
        return UnsafeBufferPointer(rebasing: bytes[0..<end])
    }

    static func lastNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let space = bytes.lastIndex(of: UInt8(ascii: " ")) else { return nil }
        return ShowqDecoder.number(UnsafeBufferPointer(rebasing: bytes[(space + 1)...]))
    }

    static func isTreeLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count == 2, bytes[0] == UInt8(ascii: "X"), bytes[1] == UInt8(ascii: "X") {
            return true
        }
        let yesNo = { (byte: UInt8) in byte == UInt8(ascii: "Y") || byte == UInt8(ascii: "N") }
        return bytes.count > 3 && yesNo(bytes[0]) && yesNo(bytes[1])
            && bytes[2] == UInt8(ascii: " ")
    }

    /// A recipient line is the address, or the address followed by DSN and errors-to fields
    /// whose last word is `N,N#F`: the address is then its first word.
    static func recipientAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = bytes.count
        if let space = bytes.lastIndex(of: UInt8(ascii: " ")),
            bytes[(space + 1)...].contains(UInt8(ascii: "#"))
        {
            end = bytes.firstIndex(of: UInt8(ascii: " ")) ?? end
        }
        return QueueText.decode(
            UnsafeBufferPointer(rebasing: bytes[0..<end]), limit: QueueText.addressLimit)
    }

    /// The total of the headers' stated lengths; nil when one runs past the end.
    static func headersSize(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int64? {
        var cursor = start
        var total: Int64 = 0
        while cursor < bytes.count {
            var length = 0
            var digits = 0
            while cursor < bytes.count, ByteScan.isDigit(bytes[cursor]), digits < 9 {
                length = length * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                cursor += 1
                digits += 1
            }
            // The flag byte and a space follow the length.
            guard digits > 0, cursor + 2 <= bytes.count, bytes[cursor + 1] == UInt8(ascii: " "),
                cursor + 2 + length <= bytes.count
            else { return nil }
            cursor += 2 + length
            total += Int64(length)
        }
        return total
    }

    /// For each address in `pending`, the text after the address on its last deferral line in
    /// the message log (`R=... T=... defer (-44) H=...: SMTP error ...`). Lines that only say
    /// a retry time was not reached name no cause and are passed over.
    static func lastDeferrals(_ log: UnsafeBufferPointer<UInt8>, of pending: Set<String>)
        -> [String: String]
    {
        var found: [String: String] = [:]
        var lines = SpoolLines(log)
        while let range = lines.next() {
            let line = range.slice(of: log)
            // `YYYY-MM-DD HH:MM:SS ADDRESS ...`
            guard line.count > 21, line[10] == UInt8(ascii: " "), line[19] == UInt8(ascii: " ")
            else { continue }
            let rest = UnsafeBufferPointer(rebasing: line[20...])
            guard let space = rest.firstIndex(of: UInt8(ascii: " ")),
                ByteScan.find(" defer (", in: rest, from: 0) != nil,
                ByteScan.find("retry time not reached", in: rest, from: 0) == nil
            else { continue }
            let address = QueueText.decode(
                UnsafeBufferPointer(rebasing: rest[0..<space]), limit: QueueText.addressLimit)
            guard pending.contains(address) else { continue }
            found[address] = QueueText.decode(
                UnsafeBufferPointer(rebasing: rest[(space + 1)...]), limit: QueueText.reasonLimit)
        }
        return found
    }
}

/// Newline-separated lines of a buffer, as ranges without the newline; a last line without
/// one is a line too.
struct SpoolLines {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func next() -> ByteRange? {
        guard offset < bytes.count else { return nil }
        let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        defer { offset = min(end + 1, bytes.count) }
        return ByteRange(offset, end)
    }

    /// Skips `count` bytes; false when fewer are left.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, offset + count <= bytes.count else { return false }
        offset += count
        return true
    }
}
