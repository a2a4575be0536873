extension PostfixDaemon {
    /// What a daemon does, as far as a note of it needs to know.
    enum Role {
        /// Only talks to clients (`isInbound`).
        case inbound
        /// A known daemon that may write a delivery status (`isKnown`, not inbound).
        case delivering
    }

    /// The role of the busiest daemons, from the program's last bytes alone: `.../smtpd` and
    /// `.../postscreen` are inbound, `.../smtp` delivers; nil for any other program, which
    /// `name`, `isInbound` and `isKnown` then decide.
    ///
    /// Why: the notes of these three are about half of a busy log, and finding the last
    /// component and comparing it by length cost about 90 instructions a note. Whenever this
    /// answers, the answer is theirs: the program ends with `/` and the name, so the name is
    /// its last component.
    @inline(__always)
    static func commonRole(_ program: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> Role? {
        let end = program.end
        guard program.start >= 0, end &- program.start >= 8, end <= line.count,
            let base = line.baseAddress
        else { return nil }
        let last = ByteScan.word(base, end &- 8)
        // `/smtpd` and `/smtp` in the last six and five bytes.
        if last >> 16 == 0x6470_746D_732F { return .inbound }
        if last >> 24 == 0x70_746D_732F { return .delivering }
        // `/postscreen`: `stscreen` as the last word, `/po` before it.
        if last == 0x6E65_6572_6373_7473, end &- program.start >= 11,
            ByteScan.word(base, end &- 11) & 0xFF_FFFF == 0x6F_702F
        {
            return .inbound
        }
        return nil
    }
}
