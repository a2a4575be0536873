/// Reads the lines of `MessageBook.checkpointLines()` into a new book (the form is described
/// there).
///
/// The lines come from a file anyone with access to the state directory could have written, and
/// the names in them from log lines anyone could have sent: every field is checked, every
/// count bounded, and anything wrong is refused with the line and the reason, never trapped on.
enum MessageCheckpointReader {
    /// The longest line accepted: a name is at most a log line (64 KiB), three bytes a byte
    /// escaped.
    static let lineLimit = 3 * 64 * 1024 + 16

    /// A message as read, its names by saved number.
    private struct Entry {
        var key: MessageKey
        var facts: MessageFacts
    }

    static func read(_ lines: [String], into book: inout MessageBook)
        throws(MessageBookRestoreError)
    {
        guard let head = lines.first else { return }
        let header = try fields(head, line: 1, count: 5)
        guard header[0] == MessageBook.checkpointTag[...] else {
            throw MessageBookRestoreError(
                line: 1,
                reason: "expected \"\(MessageBook.checkpointTag) ...\", found"
                    + " \"\(UTF8Prefix.string(String(head), atMost: 40))\"")
        }
        let newest = try milliseconds(header[1], line: 1)
        let evictedByAge = try count(header[2], line: 1)
        let evictedByLimit = try count(header[3], line: 1)
        let overflowed = try count(header[4], line: 1)
        // Names: their bytes one after another, `nameStarts[n]..<nameStarts[n + 1]`.
        var nameBytes: [UInt8] = []
        var nameStarts = [0]
        var index = 1
        while index < lines.count, lines[index].hasPrefix("name ") {
            let line = index + 1
            let field = try fields(lines[index], line: line, count: 2)[1]
            guard nameStarts.count <= book.names.limit - Int(MessageBook.firstSavedName),
                field.first == "=",
                CheckpointEscaping.unescapeBytes(
                    field.dropFirst(), into: &nameBytes,
                    limit: book.names.byteLimit - nameBytes.count)
            else {
                throw MessageBookRestoreError(
                    line: line, reason: "a name that is malformed or past the names' bounds")
            }
            nameStarts.append(nameBytes.count)
            index += 1
        }
        let savedNames = nameStarts.count - 1
        var entries: [Entry] = []
        entries.reserveCapacity(lines.count - index)
        var seen = Set<MessageKey>()
        while index < lines.count {
            let line = index + 1
            let entry = try message(lines[index], line: line, savedNames: savedNames)
            guard seen.insert(entry.key).inserted else {
                throw MessageBookRestoreError(line: line, reason: "a message given twice")
            }
            entries.append(entry)
            index += 1
        }
        var dropped = 0
        if entries.count > book.limit {
            // A build with a smaller bound: the newest stay, as when the book fills up.
            entries.sort { $0.facts.arrival > $1.facts.arrival }
            dropped = entries.count - book.limit
            entries.removeLast(dropped)
        }
        // The names still referred to go into the new book in their saved order, so that the
        // book saves them again as they were; one no message refers to is not kept.
        let first = MessageBook.firstSavedName
        var numbers = [UInt32](repeating: MessageNames.none, count: savedNames)
        for entry in entries {
            for saved in [
                entry.facts.sender, entry.facts.senderDomain, entry.facts.saslUser,
                entry.facts.clientIP,
            ] where saved >= first {
                numbers[Int(saved - first)] = MessageNames.overflow
            }
        }
        for index in numbers.indices where numbers[index] != MessageNames.none {
            let number = nameBytes.withUnsafeBufferPointer { bytes in
                book.names.number(
                    of: ByteRange(nameStarts[index], nameStarts[index + 1]), in: bytes)
            }
            guard number != MessageNames.overflow else {
                throw MessageBookRestoreError(line: 0, reason: "more names than fit")
            }
            numbers[index] = number
        }
        func restored(_ saved: UInt32) -> UInt32 {
            saved >= first ? numbers[Int(saved - first)] : saved
        }
        for var entry in entries {
            entry.facts.sender = restored(entry.facts.sender)
            entry.facts.senderDomain = restored(entry.facts.senderDomain)
            entry.facts.saslUser = restored(entry.facts.saslUser)
            entry.facts.clientIP = restored(entry.facts.clientIP)
            _ = book.restore(entry.key, entry.facts)
        }
        book.newest = newest
        book.evictedByAge = evictedByAge
        book.evictedByLimit = evictedByLimit &+ dropped
        book.names.overflowed = overflowed
    }

    /// A `message` line.
    private static func message(_ text: String, line: Int, savedNames: Int)
        throws(MessageBookRestoreError) -> Entry
    {
        let parts = try fields(text, line: line, count: 11)
        guard parts[0] == "message" else {
            throw MessageBookRestoreError(
                line: line,
                reason: "unknown record \"\(UTF8Prefix.string(String(parts[0]), atMost: 20))\"")
        }
        let key = MessageKey(
            first: try word(parts[1], line: line), second: try word(parts[2], line: line),
            third: try word(parts[3], line: line), scope: try word(parts[4], line: line))
        guard !key.isNone else {
            throw MessageBookRestoreError(line: line, reason: "a message without a queue id")
        }
        var facts = MessageFacts()
        let last = UInt32(savedNames) + MessageBook.firstSavedName
        facts.sender = try name(parts[5], below: last, line: line)
        facts.senderDomain = try name(parts[6], below: last, line: line)
        facts.saslUser = try name(parts[7], below: last, line: line)
        facts.clientIP = try name(parts[8], below: last, line: line)
        facts.arrival = try milliseconds(parts[9], line: line)
        switch parts[10] {
        case "1": facts.hasFirstLine = true
        case "0": facts.hasFirstLine = false
        default:
            throw MessageBookRestoreError(line: line, reason: "the first-line flag is not 0 or 1")
        }
        return Entry(key: key, facts: facts)
    }

    /// The line's fields, exactly `count` of them.
    private static func fields(_ text: String, line: Int, count: Int)
        throws(MessageBookRestoreError) -> [Substring]
    {
        guard text.utf8.count <= lineLimit else {
            throw MessageBookRestoreError(line: line, reason: "line too long")
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == count else {
            throw MessageBookRestoreError(
                line: line, reason: "expected \(count) fields, found \(parts.count)")
        }
        return parts
    }

    /// A key word: 1 to 16 lower-case hexadecimal digits.
    private static func word(_ text: Substring, line: Int) throws(MessageBookRestoreError)
        -> UInt64
    {
        let bytes = text.utf8
        var value: UInt64 = 0
        var valid = !bytes.isEmpty && bytes.count <= 16
        for byte in bytes where valid {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value << 4 | UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"):
                value = value << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            default: valid = false
            }
        }
        guard valid else {
            throw MessageBookRestoreError(
                line: line,
                reason: "\"\(UTF8Prefix.string(String(text), atMost: 20))\" is not a key word")
        }
        return value
    }

    /// A name number: no name, the overflow, the null sender's domain or a saved name.
    private static func name(_ text: Substring, below last: UInt32, line: Int)
        throws(MessageBookRestoreError) -> UInt32
    {
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let number = UInt32(text), number < last
        else {
            throw MessageBookRestoreError(
                line: line,
                reason: "\"\(UTF8Prefix.string(String(text), atMost: 20))\" is not a saved name")
        }
        return number
    }

    private static func count(_ text: Substring, line: Int) throws(MessageBookRestoreError)
        -> Int
    {
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = Int(text)
        else {
            throw MessageBookRestoreError(
                line: line,
                reason: "\"\(UTF8Prefix.string(String(text), atMost: 20))\" is not a count")
        }
        return value
    }

    private static func milliseconds(_ text: Substring, line: Int)
        throws(MessageBookRestoreError) -> Int64
    {
        if text == "-" { return MessageClock.unknown }
        guard let value = Int64(text), value != MessageClock.unknown, text.first != "+" else {
            throw MessageBookRestoreError(
                line: line,
                reason: "\"\(UTF8Prefix.string(String(text), atMost: 20))\" is not a time")
        }
        return value
    }
}
