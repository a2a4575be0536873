extension SyslogHeader {
    /// A header with nothing in it, for a loop to fill with `read(_:stamps:into:)`.
    public static var blank: SyslogHeader {
        SyslogHeader(
            timestamp: LogTimestamp(year: nil, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            host: .none, program: .none, pid: nil, messageStart: 0)
    }

    /// As `parse(_:stamps:)`, writing the header into `header` (meaningless when this returns
    /// false) instead of returning it.
    ///
    /// Why: this runs on every line. Returned as an optional, the header (about 80 bytes) was
    /// unpacked into registers and packed again on its way out, and every field was clamped
    /// into its 32-bit range; the shape nearly every line of a busy log has is read here in one
    /// forward pass of word loads (`quickStamp`, `quickTag`) and written in place. Any other
    /// line takes the general reading, whose answer this always equals.
    @inline(__always)
    public static func read(
        _ line: UnsafeBufferPointer<UInt8>, stamps: inout StampCache,
        into header: inout SyslogHeader
    ) -> Bool {
        readTag(line, stamps: &stamps, into: &header) != .declined
    }

    /// How `readTag` and `quickTag` answered.
    enum Reading: UInt8 {
        /// No header (`readTag`), or not the common shape (`quickTag`).
        case declined
        /// A header; its program may or may not be Postfix's.
        case read
        /// A header whose program starts with `postfix/`, seen on the way.
        case postfix
    }

    /// As `read(_:stamps:into:)`, also telling a program that starts with `postfix/` when the
    /// quick reading saw one (`.read` otherwise, whatever the program is).
    ///
    /// Why: the quick reading compares the program's first word with `postfix/` to skip it, so
    /// the parser need not load and compare it again to pick the Postfix parser.
    @inline(__always)
    static func readTag(
        _ line: UnsafeBufferPointer<UInt8>, stamps: inout StampCache,
        into header: inout SyslogHeader
    ) -> Reading {
        if let base = line.baseAddress, line.count >= 40, line.count <= quickLineLimit {
            let tagStart = stamps.quickStamp(base, count: line.count, into: &header.timestamp)
            if tagStart > 0 {
                let reading = quickTag(base, count: line.count, at: tagStart, into: &header)
                if reading != .declined { return reading }
            }
        }
        guard let parsed = parse(line, stamps: &stamps) else { return .declined }
        header = parsed
        return .read
    }

    /// The longest line `quickTag` reads: its offsets then fit `ByteRange` without clamping.
    static let quickLineLimit = Int(Int32.max)

    /// The host and tag at `index` in the shape `commonTag` reads (`host program[pid]: ` or
    /// `host program: `, a host of at most 18 bytes, a pid of one to seven digits, a message
    /// that does not open with `[`), into `header`; `.declined` for anything else, and whenever a
    /// word would cross the end of the line. When it answers, the answer is `commonTag`'s;
    /// `.postfix` when the program starts with `postfix/`.
    // Transparent: `@inline(__always)` was not honoured here, and the call cost about twenty
    // instructions a line.
    @_transparent
    static func quickTag(
        _ base: UnsafePointer<UInt8>, count: Int, at index: Int, into header: inout SyslogHeader
    ) -> Reading {
        // The host: a space within its first 19 bytes (three words at most; the third only
        // for its first three bytes), not at `index`, not after a `:`.
        let spaces = ByteWord.splat(0x20)
        guard index &+ 8 <= count else { return .declined }
        var hostEnd: Int
        let first = ByteScan.zeroByteFlags(ByteScan.word(base, index) ^ spaces)
        if first != 0 {
            hostEnd = index &+ first.trailingZeroBitCount &>> 3
        } else {
            guard index &+ 16 <= count else { return .declined }
            let second = ByteScan.zeroByteFlags(ByteScan.word(base, index &+ 8) ^ spaces)
            if second != 0 {
                hostEnd = index &+ 8 &+ second.trailingZeroBitCount &>> 3
            } else {
                guard index &+ 24 <= count else { return .declined }
                let third = ByteScan.zeroByteFlags(ByteScan.word(base, index &+ 16) ^ spaces)
                let offset = third.trailingZeroBitCount &>> 3
                guard offset < 3 else { return .declined }
                hostEnd = index &+ 16 &+ offset
            }
        }
        guard hostEnd > index, base[hostEnd &- 1] != UInt8(ascii: ":") else { return .declined }
        // The program: up to the first `[`, `:` or space, a word at a time.
        let programStart = hostEnd &+ 1
        var programEnd = programStart
        // Nearly every tag of a mail log is Postfix's: its `postfix/` holds none of the stops.
        var reading = Reading.read
        if programStart &+ 16 <= count,
            ByteScan.word(base, programStart) == 0x2F78_6966_7473_6F70
        {
            programEnd &+= 8
            reading = .postfix
        }
        while true {
            guard programEnd &+ 8 <= count else { return .declined }
            let word = ByteScan.word(base, programEnd)
            let stops =
                ByteScan.zeroByteFlags(word ^ ByteWord.splat(UInt8(ascii: "[")))
                | ByteScan.zeroByteFlags(word ^ ByteWord.splat(UInt8(ascii: ":")))
                | ByteScan.zeroByteFlags(word ^ spaces)
            if stops != 0 {
                programEnd &+= stops.trailingZeroBitCount &>> 3
                break
            }
            programEnd &+= 8
        }
        guard programEnd > programStart else { return .declined }
        // `[pid]: ` (one to seven digits) or `: `, then anything but `[`.
        var cursor = programEnd
        var pidDigits: UInt64 = 0
        var pidLength = 0
        if base[cursor] == UInt8(ascii: "[") {
            guard cursor &+ 9 <= count else { return .declined }
            let digits = ByteScan.word(base, cursor &+ 1)
            let length = ByteWord.leadingDigits(digits)
            guard length > 0, length < 8 else { return .declined }
            // The value is read when asked for (`SyslogHeader.pid`): most lines never are.
            pidDigits = digits
            pidLength = length
            cursor &+= 1 &+ length
            guard cursor &+ 8 <= count,
                ByteScan.word(base, cursor) & 0xFF_FFFF == 0x20_3A5D
            else { return .declined }
            cursor &+= 3
        } else {
            guard cursor &+ 2 < count, base[cursor] == UInt8(ascii: ":"),
                base[cursor &+ 1] == 0x20
            else { return .declined }
            cursor &+= 2
        }
        if cursor < count, base[cursor] == UInt8(ascii: "[") { return .declined }
        header.host = ByteRange(small: index, hostEnd)
        header.program = ByteRange(small: programStart, programEnd)
        header.setPid(digits: pidDigits, count: pidLength)
        header.messageStart = cursor
        return reading
    }
}

extension ByteRange {
    /// A range whose offsets the caller knows to fit 32 bits: no clamping.
    @inline(__always)
    init(small start: Int, _ end: Int) {
        lower = Int32(truncatingIfNeeded: start)
        upper = Int32(truncatingIfNeeded: end)
    }
}
