/// Whether a syslog tag outside the `postfix…` names is a Postfix daemon's, judged by shape.
///
/// Postfix logs as `syslog_name/daemon`, and `syslog_name` is whatever the administrator set
/// (`relay-out`, `example.com`, `server1-1`, `enforced-tls-smtp`, ...). So a tag is Postfix's
/// when its last `/` component is a Postfix daemon and the message opens the way only Postfix
/// opens it: a queue id and `: `, `NOQUEUE: `, or `warning: ` (smtpd's SASL failures).
enum PostfixShape {
    static func matches(_ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader) -> Bool {
        let program = header.program
        // The instance: at least one byte before the `/`, in letters, digits, dots, dashes,
        // underscores and further slashes.
        guard let slash = lastSlash(line, in: program), slash > program.start,
            isInstanceName(line, ByteRange(program.start, slash))
        else { return false }
        let start = header.messageStart
        let opensLikePostfix =
            PostfixScan.queueIDEnd(line, at: start) != nil
            || PostfixScan.starts(line, at: start, "NOQUEUE: ")
            || PostfixScan.starts(line, at: start, "warning: ")
        return opensLikePostfix
            && PostfixDaemon.isKnown(ByteRange(slash + 1, program.end), in: line)
    }

    /// The index of the last `/` in `range`, or nil.
    @inline(__always)
    private static func lastSlash(_ line: UnsafeBufferPointer<UInt8>, in range: ByteRange) -> Int? {
        // A program of up to eight bytes (`dovecot`, `opendkim`, `amavis`): one word, whose
        // highest `/` flag is exact.
        let count = range.end &- range.start
        if range.start >= 0, count <= 8, range.start &+ 8 <= line.count,
            let base = line.baseAddress
        {
            let slashes =
                ByteWord.exactZeros(
                    ByteScan.word(base, range.start) ^ ByteWord.splat(UInt8(ascii: "/")))
                & PostfixScan.prefixFlags(count)
            guard slashes != 0 else { return nil }
            return range.start &+ (63 &- slashes.leadingZeroBitCount) &>> 3
        }
        var cursor = range.end - 1
        while cursor >= range.start {
            if line[cursor] == UInt8(ascii: "/") { return cursor }
            cursor -= 1
        }
        return nil
    }

    private static func isInstanceName(_ line: UnsafeBufferPointer<UInt8>, _ range: ByteRange)
        -> Bool
    {
        for index in range.start..<range.end {
            let byte = line[index]
            guard
                ByteScan.isAlphanumeric(byte) || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "/")
            else { return false }
        }
        return true
    }
}
