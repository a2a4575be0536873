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
