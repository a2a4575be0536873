/// The syslog prefix of a line, in the shapes deployments write it:
///
/// - `Nov 26 10:00:01 mx1 postfix/smtp[123]: ` and
///   `2026-11-26T10:00:01.123456+00:00 mx1 postfix/smtp[123]: ` (RFC 3164 and RFC 3339 stamps);
/// - the same without the host field, as container logs (`docker logs -t`, Kubernetes) and
///   forum pastes write it: `2018-08-22T07:30:18.130405545Z postfix/smtp[137]: `;
/// - RFC 5424, `<22>1 2026-11-26T10:00:01Z mx1 postfix/smtp 123 - - ` (see `SyslogRFC5424`),
///   and a bare `<22>` priority in front of the RFC 3164 form;
/// - Solaris syslogd's `[ID 197553 mail.info] ` after the tag, which is skipped;
/// - `docker logs -t`'s RFC 3339 stamp in front of any of the forms above.
public struct SyslogHeader: Sendable {
    public var timestamp: LogTimestamp
    /// The host field; empty when the line has none.
    public var host: ByteRange
    /// The syslog identifier without the `[pid]`, e.g. `postfix/submission/smtpd`.
    public var program: ByteRange
    /// The pid in the tag's brackets, when there is one.
    public var pid: Int? {
        @inline(__always) get {
            switch pidForm {
            case 0: nil
            case Self.decodedPid: Int(truncatingIfNeeded: pidWord)
            default: ByteWord.decimal(pidWord, count: Int(pidForm))
            }
        }
        set {
            pidWord = newValue.map { UInt64(truncatingIfNeeded: $0) } ?? 0
            pidForm = newValue == nil ? 0 : Self.decodedPid
        }
    }
    /// Offset of the first byte of the message text, after `: `.
    public var messageStart: Int
    /// The pid as read: 0 for none, `decodedPid` when `pidWord` holds its value, otherwise the
    /// number of digits (1...7) that start `pidWord`, the bytes of the line.
    ///
    /// Why: the header is read on every line, but the pid's value is wanted only for the few
    /// lines that become events; turning the digits into a number is left to them.
    @usableFromInline var pidWord: UInt64 = 0
    @usableFromInline var pidForm: UInt8 = 0
    /// `pidForm` when `pidWord` is the pid's value.
    @usableFromInline static let decodedPid: UInt8 = 0xFF

    public init(
        timestamp: LogTimestamp, host: ByteRange, program: ByteRange, pid: Int?, messageStart: Int
    ) {
        self.timestamp = timestamp
        self.host = host
        self.program = program
        self.messageStart = messageStart
        self.pid = pid
    }

    /// Whether the tag has a pid: as `pid != nil`, without reading its digits.
    @inline(__always)
    var hasPid: Bool { pidForm != 0 }

    /// Sets the pid to the number written by the first `count` digits (1...7) of `word`.
    @inline(__always)
    mutating func setPid(digits word: UInt64, count: Int) {
        pidWord = word
        pidForm = UInt8(truncatingIfNeeded: count)
    }

    /// Parses the header at the start of `line`, or returns nil when the line has none.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> SyslogHeader? {
        var stamps = StampCache()
        return parse(line, stamps: &stamps)
    }

    /// As `parse(_:)`, taking the stamp from `stamps` when the line starts with the same bytes
    /// as the line before (see `StampCache`).
    public static func parse(_ line: UnsafeBufferPointer<UInt8>, stamps: inout StampCache)
        -> SyslogHeader?
    {
        guard !line.isEmpty else { return nil }
        var cursor = 0
        if line[0] == UInt8(ascii: "<") {
            guard let end = SyslogRFC5424.priorityEnd(line) else { return nil }
            if ByteScan.hasPrefix(line, at: end, "1 ") {
                return SyslogRFC5424.parse(line, at: end + 2)
            }
            cursor = end
        }
        // A BSD stamp starts with a month name, an RFC 3339 one with a digit: try only the one
        // that can match.
        guard cursor < line.count,
            let stamp = ByteScan.isDigit(line[cursor])
                ? stamps.rfc3339(line, at: &cursor)
                : stamps.bsd(line, at: &cursor)
        else { return nil }
        guard cursor < line.count, line[cursor] == UInt8(ascii: " ") else { return nil }
        cursor += 1
        if let header = commonTag(line, at: cursor, stamp: stamp) { return header }
        return anyTag(line, at: cursor, stamp: stamp)
    }

    /// What follows the stamp at `index` in any shape `commonTag` leaves out. Kept out of line
    /// so that `parse` stays small enough for the common reading to be inlined into it.
    @inline(never)
    static func anyTag(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, stamp: LogTimestamp
    ) -> SyslogHeader? {
        let cursor = index
        if let header = afterStamp(line, at: cursor, stamp: stamp) {
            // `docker logs -t` puts its own RFC 3339 stamp before a line that carries one
            // already; an inner RFC 3339 stamp reads as a host here, told by its length, its
            // `-` and its `T`.
            let host = header.host
            if host.end - host.start >= 19, ByteScan.isDigit(line[0]),
                line[host.start + 4] == UInt8(ascii: "-"),
                line[host.start + 10] == UInt8(ascii: "T"),
                let inner = behindContainerStamp(line, at: cursor, stamp: stamp)
            {
                return inner
            }
            return header
        }
        // An inner BSD stamp (`2026-11-26T10:00:01.5Z Nov 26 10:00:01 mx1 postfix/smtp[1]: `)
        // leaves the plain reading without a tag. The outer stamp, which has a year and a zone,
        // is kept.
        guard ByteScan.isDigit(line[0]) else { return nil }
        return behindContainerStamp(line, at: cursor, stamp: stamp)
    }

    /// The line's own stamp at `index` and what follows it, under the container's `stamp`.
    /// Kept out of line: it is off the path of ordinary lines.
    @inline(never)
    private static func behindContainerStamp(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, stamp: LogTimestamp
    ) -> SyslogHeader? {
        guard index < line.count else { return nil }
        var inner = index
        guard
            (ByteScan.isDigit(line[inner])
                ? TimestampParser.rfc3339(line, at: &inner)
                : TimestampParser.bsd(line, at: &inner)) != nil,
            inner < line.count, line[inner] == UInt8(ascii: " ")
        else { return nil }
        return afterStamp(line, at: inner + 1, stamp: stamp)
    }

    /// The host field (when there is one) and the tag at `index`, after the stamp and a space.
    @inline(__always)
    private static func afterStamp(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, stamp: LogTimestamp
    ) -> SyslogHeader? {
        var cursor = index
        // The host field, or the tag itself when the line has no host. A host name or address
        // never ends in `:` but for an IPv6 one, whose first `:` is never followed by a space,
        // so a first field that reads as `program[pid]: ` or `program: ` is the tag.
        let fieldStart = cursor
        let fieldEnd = ByteScan.find(UInt8(ascii: " "), in: line, from: cursor) ?? line.count
        guard fieldEnd > fieldStart else { return nil }
        if line[fieldEnd - 1] == UInt8(ascii: ":") {
            let stop = ByteScan.firstOf(
                UInt8(ascii: "["), UInt8(ascii: ":"), UInt8(ascii: " "), in: line,
                from: fieldStart)
            if stop > fieldStart, stop < line.count,
                let header = tag(
                    line, programStart: fieldStart, programEnd: stop, stamp: stamp,
                    host: .none, strict: true)
            {
                return header
            }
        }
        guard fieldEnd < line.count else { return nil }
        cursor = fieldEnd + 1
        let programEnd = ByteScan.firstOf(
            UInt8(ascii: "["), UInt8(ascii: ":"), UInt8(ascii: " "), in: line, from: cursor)
        guard programEnd > cursor, programEnd < line.count else { return nil }
        return tag(
            line, programStart: cursor, programEnd: programEnd, stamp: stamp,
            host: ByteRange(fieldStart, fieldEnd), strict: false)
    }

    /// The tag `program[pid]: ` or `program: ` whose program ends at `programEnd` (a `[`, `:`
    /// or space). `strict` asks for the space (or the end) after the colon, which tells a tag
    /// from a host that holds a colon.
    @inline(__always)
    private static func tag(
        _ line: UnsafeBufferPointer<UInt8>, programStart: Int, programEnd: Int,
        stamp: LogTimestamp, host: ByteRange, strict: Bool
    ) -> SyslogHeader? {
        var cursor = programEnd
        var pid: Int?
        if line[cursor] == UInt8(ascii: "[") {
            cursor += 1
            pid = Self.pid(line, at: &cursor)
            guard pid != nil, cursor < line.count, line[cursor] == UInt8(ascii: "]") else {
                return nil
            }
            cursor += 1
        }
        guard cursor < line.count, line[cursor] == UInt8(ascii: ":") else { return nil }
        cursor += 1
        if cursor < line.count, line[cursor] == UInt8(ascii: " ") {
            cursor += 1
        } else if strict, cursor < line.count {
            return nil
        }
        if ByteScan.byte(line, cursor) == UInt8(ascii: "[") {
            cursor = solarisTagEnd(line, at: cursor)
        }
        return SyslogHeader(
            timestamp: stamp, host: host, program: ByteRange(programStart, programEnd), pid: pid,
            messageStart: cursor)
    }

    /// Past Solaris syslogd's `[ID 197553 mail.info] ` at `index`; `index` itself when the text
    /// there is not one.
    @inline(never)
    static func solarisTagEnd(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard ByteScan.hasPrefix(line, at: index, "[ID ") else { return index }
        var cursor = index + 4
        guard ByteScan.smallNumber(line, at: &cursor, maxDigits: 10) != nil,
            ByteScan.byte(line, cursor) == UInt8(ascii: " ")
        else { return index }
        cursor += 1
        // `facility.level`: letters, digits and one dot, at most a few dozen bytes.
        let wordStart = cursor
        while cursor < line.count, cursor - wordStart < 32,
            ByteScan.isAlphanumeric(line[cursor]) || line[cursor] == UInt8(ascii: ".")
        {
            cursor += 1
        }
        guard cursor > wordStart, ByteScan.byte(line, cursor) == UInt8(ascii: "]") else {
            return index
        }
        cursor += 1
        if ByteScan.byte(line, cursor) == UInt8(ascii: " ") { cursor += 1 }
        return cursor
    }

    /// The digits of a pid at `index` (at most ten), advancing past them. Up to seven digits
    /// are read as one word.
    @inline(__always)
    static func pid(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Int? {
        if let word = ByteWord.load(line, at: index) {
            let count = ByteWord.leadingDigits(word)
            if count == 0 { return nil }
            if count < 8 {
                index += count
                return ByteWord.decimal(word, count: count)
            }
        }
        return ByteScan.smallNumber(line, at: &index, maxDigits: 10)
    }
}
