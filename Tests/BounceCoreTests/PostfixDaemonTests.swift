import Testing

@testable import BounceCore

/// The daemon names of the Postfix distribution, decided by length and bytes, against a plain
/// list: every name is known, and nothing one byte away from a name is unless it is a name.
@Suite struct PostfixDaemonTests {
    static let known: Set<String> = [
        "smtpd", "smtp", "qmgr", "cleanup", "pickup", "postscreen", "dnsblog", "tlsproxy",
        "anvil", "scache", "bounce", "defer", "trace", "lmtp", "local", "virtual", "pipe",
        "error", "retry", "discard", "master", "postfix", "postfix-script", "postsuper",
        "postqueue", "postdrop", "sendmail", "postmap", "postalias", "postconf", "postlog",
        "postmulti", "postkick", "verify", "flush", "showq", "tlsmgr", "proxymap", "proxywrite",
        "spawn", "trivial-rewrite", "rewrite", "oqmgr", "nqmgr", "qmqpd", "policy-spf",
    ]
    static let inbound: Set<String> = ["smtpd", "postscreen", "dnsblog", "tlsproxy", "anvil"]

    /// Each name, cut by one byte, lengthened by one, and with each byte changed.
    static func candidates() -> [String] {
        var result: [String] = ["", "x", "SMTPD", "smtpd2", "postfix/smtpd"]
        for name in known {
            result.append(name)
            result.append(String(name.dropLast()))
            result.append(String(name.dropFirst()))
            result.append(name + "d")
            let bytes = Array(name.utf8)
            for position in bytes.indices {
                var changed = bytes
                changed[position] ^= 0x01
                result.append(String(decoding: changed, as: UTF8.self))
            }
        }
        return result
    }

    @Test func knownAndInboundNamesMatchTheLists() {
        for name in Self.candidates() {
            let line = Array(("x " + name).utf8)
            line.withUnsafeBufferPointer { buffer in
                let daemon = ByteRange(2, buffer.count)
                #expect(
                    PostfixDaemon.isKnown(daemon, in: buffer) == Self.known.contains(name),
                    "\(name)")
                #expect(
                    PostfixDaemon.isInbound(daemon, in: buffer) == Self.inbound.contains(name),
                    "\(name)")
            }
        }
    }
}
