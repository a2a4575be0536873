/// The message state as checkpoint lines, and back, so that a restart in the middle of a
/// message still hands its later deliveries the sender its earlier lines named.
///
/// Version 1, one record per line, fields separated by one space:
///
///     messages/1 NEWEST EVICTED_AGE EVICTED_LIMIT NAMES_OVERFLOWED
///     name =TEXT
///     message FIRST SECOND THIRD SCOPE SENDER DOMAIN USER CLIENT_IP ARRIVAL FIRST_LINE
///
/// `name` lines come first; the names are numbered from 3 in their order (0 is no name, 1 the
/// name that did not fit, 2 the null sender's domain `<>`), and only the names a message still
/// refers to are written. A name is the bytes the log held, which need not be UTF-8: `=` and
/// every byte outside printable ASCII, space and `%` as `%XX`. FIRST to SCOPE are the key's
/// four words in hexadecimal (`MessageKey`); SENDER to CLIENT_IP name numbers; ARRIVAL and
/// NEWEST milliseconds (`MessageClock`) or `-`; FIRST_LINE `1` or `0`.
///
/// A book that never held anything gives no lines, so a checkpoint without message state
/// stays as it was.
extension MessageBook {
    /// The first word of the first line; the number is the version of the form.
    static let checkpointTag = "messages/1"
    /// The first number a saved name gets.
    static let firstSavedName = MessageNames.nullSender + 1

    /// The book's whole state as text lines (without line terminators); none for a book that
    /// never held a message nor counted an eviction.
    public func checkpointLines() -> [String] {
        guard count > 0 || evictedByAge > 0 || evictedByLimit > 0 || names.overflowed > 0 else {
            return []
        }
        // The saved number of each name still referred to (0: not referred to).
        var saved = [UInt32](repeating: 0, count: names.count)
        forEach { _, facts in
            for number in [facts.sender, facts.senderDomain, facts.saslUser, facts.clientIP]
            where number >= Self.firstSavedName && Int(number) < saved.count {
                saved[Int(number)] = 1
            }
        }
        var lines = [
            "\(Self.checkpointTag) \(Self.text(newest)) \(evictedByAge) \(evictedByLimit)"
                + " \(names.overflowed)"
        ]
        var next = Self.firstSavedName
        for number in Int(Self.firstSavedName)..<saved.count where saved[number] != 0 {
            saved[number] = next
            next += 1
            lines.append(
                names.withBytes(UInt32(number)) { "name =" + CheckpointEscaping.word(bytes: $0) })
        }
        func reference(_ number: UInt32) -> UInt32 {
            if number < Self.firstSavedName { return number }
            return Int(number) < saved.count ? saved[Int(number)] : MessageNames.none
        }
        forEach { key, facts in
            let words =
                "\(Self.hex(key.first)) \(Self.hex(key.second)) \(Self.hex(key.third))"
                + " \(Self.hex(key.scope))"
            let fields =
                "\(reference(facts.sender)) \(reference(facts.senderDomain))"
                + " \(reference(facts.saslUser)) \(reference(facts.clientIP))"
                + " \(Self.text(facts.arrival)) \(facts.hasFirstLine ? 1 : 0)"
            lines.append("message " + words + " " + fields)
        }
        return lines
    }

    /// A book that continues from `checkpointLines` (as written by `checkpointLines()`), with
    /// its own bounds: past `limit` messages, the newest are kept and the others counted in
    /// `evictedByLimit`.
    ///
    /// Throws on anything but lines of a known version, every name and key well formed and
    /// within bounds: the error names the line and the problem.
    public init(
        limit: Int = MessageBook.defaultLimit, maxAge: Int64 = MessageBook.defaultMaxAge,
        checkpointLines: [String]
    ) throws(MessageBookRestoreError) {
        self.init(limit: limit, maxAge: maxAge)
        try MessageCheckpointReader.read(checkpointLines, into: &self)
    }

    static func hex(_ value: UInt64) -> String { String(value, radix: 16) }

    static func text(_ milliseconds: Int64) -> String {
        milliseconds == MessageClock.unknown ? "-" : String(milliseconds)
    }
}
