/// The Postfix daemon behind a syslog program name.
enum PostfixDaemon {
    /// The last `/` component of the program: `postfix/submission/smtpd` gives `smtpd`,
    /// `postfix-out/smtp` gives `smtp`, a bare `postfix` stays `postfix`.
    static func name(in line: UnsafeBufferPointer<UInt8>, program: ByteRange) -> ByteRange {
        var start = program.end
        // The program's last eight bytes as one word: its highest `/` when it has one there.
        if program.start >= 0, start &- program.start >= 8, start <= line.count,
            let base = line.baseAddress
        {
            let zeros = ByteWord.exactZeros(
                ByteScan.word(base, start &- 8) ^ ByteWord.splat(UInt8(ascii: "/")))
            if zeros != 0 {
                let last = (63 &- zeros.leadingZeroBitCount) &>> 3
                return ByteRange(start &- 7 &+ last, program.end)
            }
            start &-= 8
        }
        while start > program.start, line[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return ByteRange(start, program.end)
    }

    /// Whether `daemon` is a program of the Postfix distribution (or `postfix` itself), so
    /// that its free-form notes are known non-events rather than garbage.
    ///
    /// Decided by length first, then by the few names of that length (the busiest first):
    /// this runs on most lines of a busy log, the notes of `smtpd` and `postscreen`.
    static func isKnown(_ daemon: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = daemon.slice(of: line)
        switch text.count {
        case 4:
            return named(text, "smtp") || named(text, "qmgr") || named(text, "lmtp")
                || named(text, "pipe")
        case 5:
            return named(text, "smtpd") || named(text, "anvil") || named(text, "local")
                || named(text, "error") || named(text, "defer") || named(text, "trace")
                || named(text, "retry") || named(text, "flush") || named(text, "showq")
                || named(text, "spawn") || named(text, "oqmgr") || named(text, "nqmgr")
                || named(text, "qmqpd")
        case 6:
            return named(text, "bounce") || named(text, "pickup") || named(text, "scache")
                || named(text, "master") || named(text, "verify") || named(text, "tlsmgr")
        case 7:
            return named(text, "cleanup") || named(text, "dnsblog") || named(text, "virtual")
                || named(text, "discard") || named(text, "postfix") || named(text, "postmap")
                || named(text, "postlog") || named(text, "rewrite")
        case 8:
            return named(text, "tlsproxy") || named(text, "postdrop") || named(text, "sendmail")
                || named(text, "postconf") || named(text, "postkick") || named(text, "proxymap")
        case 9:
            return named(text, "postsuper") || named(text, "postqueue") || named(text, "postalias")
                || named(text, "postmulti")
        case 10:
            return named(text, "postscreen") || named(text, "proxywrite")
                || named(text, "policy-spf")
        case 14:
            return named(text, "postfix-script")
        case 15:
            return named(text, "trivial-rewrite")
        default:
            return false
        }
    }

    /// Whether `daemon` only talks to clients (`smtpd`, `postscreen`, `dnsblog`, `tlsproxy`,
    /// `anvil`): it never writes a delivery status.
    static func isInbound(_ daemon: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = daemon.slice(of: line)
        switch text.count {
        case 5: return named(text, "smtpd") || named(text, "anvil")
        case 7: return named(text, "dnsblog")
        case 8: return named(text, "tlsproxy")
        case 10: return named(text, "postscreen")
        default: return false
        }
    }

    /// Whether `text`, whose length the caller has matched, is `name`.
    @inline(__always)
    private static func named(_ text: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        ByteScan.hasPrefix(text, at: 0, name)
    }
}
