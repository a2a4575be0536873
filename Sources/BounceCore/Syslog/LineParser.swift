/// Turns one log line into an event, a known non-event, or "unrecognized".
///
/// Never throws and never traps on any input: hostile and broken lines are ordinary input here.
public struct LineParser: Sendable {
    public var format: LogFormat
    /// Whether the lines that say who sent a message (Postfix `client=`, qmgr `from=`,
    /// `removed`; Exim `<=`, `Completed`) come out as message notes (`LineOutcome.message`)
    /// for a `MessageBook`, or as ignored lines, read no further.
    public var readsMessages: Bool

    public init(format: LogFormat = .auto, readsMessages: Bool = true) {
        self.format = format
        self.readsMessages = readsMessages
    }

    /// Parses one line without its trailing newline.
    public func parse(_ line: UnsafeBufferPointer<UInt8>) -> ParseResult {
        var event = RawEvent.unparsed()
        let outcome = parse(line, into: &event)
        return ParseResult(outcome, event: event)
    }

    /// As `parse(_:)`, writing the event (when the line is one) into `event`, whose content is
    /// meaningless for any other outcome. Hot loops keep one event and call this.
    public func parse(_ line: UnsafeBufferPointer<UInt8>, into event: inout RawEvent)
        -> LineOutcome
    {
        var stamps = StampCache()
        return parse(line, into: &event, stamps: &stamps)
    }

    /// As `parse(_:into:)`, taking the line's stamp from `stamps` when it starts with the same
    /// bytes as the line before (`StampCache`): a loop over a log's lines keeps one cache.
    public func parse(
        _ line: UnsafeBufferPointer<UInt8>, into event: inout RawEvent,
        stamps: inout StampCache
    ) -> LineOutcome {
        guard line.count >= 16 else { return .unrecognized }
        // An Exim mainlog line starts with `YYYY-MM-DD HH:MM:SS`; an RFC 3339 syslog stamp has a `T`
        // at the same place.
        if format != .postfix, line[10] == UInt8(ascii: " "), ByteScan.isDigit(line[0]) {
            var branch = EximBranch.garbled
            return EximParser.parseMainlog(
                line, into: &event, branch: &branch, stamps: &stamps, messages: readsMessages)
        }
        var header = SyslogHeader.blank
        let reading = SyslogHeader.readTag(line, stamps: &stamps, into: &header)
        guard reading != .declined else { return .unrecognized }
        let program = header.program.slice(of: line)
        // The quick reading has seen `postfix/` already on nearly every line of a Postfix log.
        if format != .exim, reading == .postfix || Self.isPostfix(header.program, in: line) {
            var branch = PostfixBranch.garbled
            return PostfixParser.parse(
                line, reading: &header, into: &event, branch: &branch, messages: readsMessages)
        }
        if format != .postfix, ByteScan.hasPrefix(program, at: 0, "exim") {
            var branch = EximBranch.garbled
            return EximParser.parse(
                line, header: header, into: &event, branch: &branch, messages: readsMessages)
        }
        // Any other tag: Postfix or Exim under a name of the administrator's choosing, when
        // the line has their shape (`relay-out/smtp[1]: 4F2A81C0A1: to=...`).
        if format != .exim, PostfixShape.matches(line, header: header) {
            var branch = PostfixBranch.garbled
            return PostfixParser.parse(
                line, header: header, into: &event, branch: &branch, messages: readsMessages)
        }
        if format != .postfix, EximShape.matches(line, header: header) {
            var branch = EximBranch.garbled
            return EximParser.parse(
                line, header: header, into: &event, branch: &branch, messages: readsMessages)
        }
        // Another program sharing the mail log (dovecot, amavis, opendkim, ...).
        return .ignored
    }

    /// Whether the program starts with `postfix`: one masked word compare when eight bytes
    /// can be read there (a tag always has its `: ` after the program), the bytes otherwise.
    @inline(__always)
    static func isPostfix(_ program: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard program.count >= 7 else { return false }
        guard let word = ByteWord.load(line, at: program.start) else {
            return ByteScan.hasPrefix(program.slice(of: line), at: 0, "postfix")
        }
        // `postfix` in the low seven bytes.
        return word & 0x00FF_FFFF_FFFF_FFFF == 0x0078_6966_7473_6F70
    }
}
