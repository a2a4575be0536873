/// Whether a syslog tag outside the `exim…` names is Exim's, judged by shape.
///
/// `syslog_processname` renames Exim's tag to anything, so a tagged line with a `[pid]` is
/// Exim's when its text (after the optional repeated Exim stamp and `[pid]`) opens the way only
/// Exim opens it: a message id followed by a delivery or arrival flag (`=> ` `-> ` `>> ` `*> `
/// `** ` `== ` `<= `), or an `H=` host field (a reject).
enum EximShape {
    static func matches(_ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader) -> Bool {
        guard header.hasPid else { return false }
        var cursor = header.messageStart
        if ByteScan.isDigit(ByteScan.byte(line, cursor)) {
            var probe = cursor
            if TimestampParser.exim(line, at: &probe) != nil {
                cursor = EximScan.skipSpaces(line, from: probe, limit: line.count)
                if ByteScan.byte(line, cursor) == UInt8(ascii: "+")
                    || ByteScan.byte(line, cursor) == UInt8(ascii: "-")
                {
                    cursor = EximScan.skipSpaces(
                        line, from: EximScan.tokenEnd(line, from: cursor, limit: line.count),
                        limit: line.count)
                }
            }
        }
        if ByteScan.byte(line, cursor) == UInt8(ascii: "["),
            EximScan.bracketPID(line, at: &cursor) != nil
        {
            cursor = EximScan.skipSpaces(line, from: cursor, limit: line.count)
        }
        if ByteScan.hasPrefix(line, at: cursor, "H=") { return true }
        guard let idEnd = EximScan.messageIDEnd(line, at: cursor) else { return false }
        let flag = idEnd + 1
        return ByteScan.hasPrefix(line, at: flag, "<= ")
            || EximDelivery.flag(line, at: flag) != nil
    }
}
