/// The Postfix daemon behind a syslog program name.
enum PostfixDaemon {
    /// The last `/` component of the program: `postfix/submission/smtpd` gives `smtpd`,
    /// `postfix-out/smtp` gives `smtp`, a bare `postfix` stays `postfix`.
    static func name(in line: UnsafeBufferPointer<UInt8>, program: ByteRange) -> ByteRange {
        var start = program.end
        while start > program.start, line[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return ByteRange(start, program.end)
    }

    /// Whether `daemon` is a program of the Postfix distribution (or `postfix` itself), so
    /// that its free-form notes are known non-events rather than garbage.
    static func isKnown(_ daemon: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = daemon.slice(of: line)
        for name in names where text.count == name.utf8CodeUnitCount {
            if ByteScan.hasPrefix(text, at: 0, name) { return true }
        }
        return false
    }

    /// Whether `daemon` only talks to clients (`smtpd`, `postscreen`, `dnsblog`, `tlsproxy`,
    /// `anvil`): it never writes a delivery status.
    static func isInbound(_ daemon: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = daemon.slice(of: line)
        for name in inbound where text.count == name.utf8CodeUnitCount {
            if ByteScan.hasPrefix(text, at: 0, name) { return true }
        }
        return false
    }

    private static let inbound: [StaticString] = [
        "smtpd", "postscreen", "dnsblog", "tlsproxy", "anvil",
    ]

    private static let names: [StaticString] = [
        "smtpd", "smtp", "qmgr", "cleanup", "pickup", "postscreen", "dnsblog", "tlsproxy",
        "anvil", "scache", "bounce", "defer", "trace", "lmtp", "local", "virtual", "pipe",
        "error", "retry", "discard", "master", "postfix", "postfix-script", "postsuper",
        "postqueue", "postdrop", "sendmail", "postmap", "postalias", "postconf", "postlog",
        "postmulti", "postkick", "verify", "flush", "showq", "tlsmgr", "proxymap", "proxywrite",
        "spawn", "trivial-rewrite", "rewrite", "oqmgr", "nqmgr", "qmqpd", "policy-spf",
    ]
}
