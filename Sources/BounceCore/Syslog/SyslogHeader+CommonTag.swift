extension SyslogHeader {
    /// The host and tag after the stamp in the shape nearly every line has,
    /// `host program[pid]: ` or `host program: ` with a short host, read in one pass of word
    /// loads; nil for anything else, which `afterStamp` then reads in full.
    ///
    /// Why: this runs on every line, and the general reading (which also tells a tag without a
    /// host, an IPv6 host, a container's second stamp and Solaris tags apart) cost several
    /// hundred instructions a line in scans, calls and checks. The answer is the general one
    /// whenever this returns a header: the host ends before its 19th byte (so it cannot be a
    /// container's inner stamp), does not end in `:` (so it is not a tag), the pid has one to
    /// seven digits and is followed by `]`, the colon by a space, and the message does not open
    /// with `[` (a Solaris tag).
    // Transparent: `@inline(__always)` was not honoured here, and the call with its optional
    // result cost about twenty instructions a line.
    @_transparent
    static func commonTag(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, stamp: LogTimestamp
    ) -> SyslogHeader? {
        guard let base = line.baseAddress else { return nil }
        let count = line.count
        // The host: at most 18 bytes, then a space. A space at `index` is an empty field.
        guard let hostEnd = ByteScan.find(UInt8(ascii: " "), in: line, from: index, to: index + 19),
            hostEnd > index, base[hostEnd - 1] != UInt8(ascii: ":")
        else { return nil }
        let programStart = hostEnd + 1
        let programEnd = ByteScan.firstOf(
            UInt8(ascii: "["), UInt8(ascii: ":"), UInt8(ascii: " "), in: line, from: programStart)
        guard programEnd > programStart, programEnd < count else { return nil }
        var cursor = programEnd
        var pid: Int?
        if base[cursor] == UInt8(ascii: "[") {
            // `[pid]: ` and the byte after it in one word when the pid has up to four digits,
            // which is what the eight-byte load below needs in any case.
            guard let word = ByteWord.load(line, at: cursor + 1) else { return nil }
            let digits = ByteWord.leadingDigits(word)
            guard digits > 0, digits < 8 else { return nil }
            pid = ByteWord.decimal(word, count: digits)
            cursor += 1 + digits
            guard cursor + 2 < count, base[cursor] == UInt8(ascii: "]") else { return nil }
            cursor += 1
        }
        guard cursor + 1 < count, base[cursor] == UInt8(ascii: ":"),
            base[cursor + 1] == UInt8(ascii: " ")
        else { return nil }
        cursor += 2
        // A Solaris `[ID ...]` tag, or a message that opens with `[`: the general reading.
        if cursor < count, base[cursor] == UInt8(ascii: "[") { return nil }
        return SyslogHeader(
            timestamp: stamp, host: ByteRange(index, hostEnd),
            program: ByteRange(programStart, programEnd), pid: pid, messageStart: cursor)
    }
}
