extension Rule {
    /// A rule deciding by one or more enhanced status code patterns alone.
    static func code(
        _ id: String, _ patterns: [String], _ cause: Cause, _ summary: String, sample: String
    ) -> Rule {
        Rule(
            id, cause, tier: .enhancedCode, summary: summary, codes: patterns, sample: sample)
    }

    static func pf(
        _ dsn: String, _ reply: String, status: String = "bounced", stage: String = "RCPT TO",
        to: String = "someone@example.net"
    ) -> String {
        SampleLine.postfix(
            to, relay: genericRelay, dsn: dsn, status: status, said: reply, stage: stage)
    }

    static func ex(
        _ reply: String, deferred: Bool = false, after: String? = nil,
        to: String = "someone@example.net"
    ) -> String {
        SampleLine.exim(to, host: genericHost, deferred: deferred, after: after, reply: reply)
    }

    /// RFC 3463 and the IANA registry of enhanced status codes, plus provider extensions. The
    /// tier runs twice: with the code from the reply text, then with Postfix's `dsn=`.
    /// Provider codes come before the generic `x.7.x` fallback.
    static let codeRules: [Rule] = [
        code(
            "esc.x.1.0", ["x.1.0"], .recipientUnknown,
            "5.1.0: other address status (bad "
                + "recipient).",
            sample: ex("550 5.1.0 Address rejected.")),
        code(
            "esc.x.1.1", ["x.1.1"], .recipientUnknown, "5.1.1: bad destination mailbox address.",
            sample: pf("5.1.1", "550 5.1.1 <someone@example.net>... Bad mailbox address")),
        code(
            "esc.x.1.2", ["x.1.2"], .domainNotFound, "5.1.2: bad destination system address.",
            sample: ex("550 5.1.2 <someone@example.net>: Bad destination system")),
        // x.1.3 is the address's syntax, not its existence (CAUSES.md lists 5.1.0, 5.1.1 and
        // 5.1.6 for `recipient_unknown`; syntax errors are `protocol_error`).
        code(
            "esc.x.1.3", ["x.1.3"], .protocolError,
            "5.1.3: bad destination mailbox address syntax.",
            sample: ex(
                "553 5.1.3 <a..b@example.net>: The recipient address is not a valid RFC 5321 "
                    + "address", to: "a..b@example.net")),
        code(
            "esc.x.1.6", ["x.1.4", "x.1.6", "x.1.9"], .recipientUnknown,
            "5.1.4/5.1.6/5.1.9: ambiguous or moved destination mailbox.",
            sample: pf(
                "5.1.6",
                "551 5.1.6 Recipient has moved; please write to "
                    + "someone@new.example")),
        code(
            "esc.x.1.7", ["x.1.7", "x.1.8"], .policy,
            "5.1.7/5.1.8: our sender address is malformed or its domain is bad.",
            sample: ex(
                "553 5.1.8 <news@example.org>: Domain of sender address has no MX",
                after: "MAIL FROM:<news@example.org>")),
        code(
            "esc.x.1.10", ["x.1.10"], .domainNotFound,
            "5.1.10: the recipient domain has a null "
                + "MX.",
            sample: pf(
                "5.1.10",
                "556 5.1.10 <someone@example.net>: Recipient domain publishes no mail exchanger")),
        code(
            "esc.x.2.1", ["x.2.1"], .mailboxDisabled,
            "5.2.1: mailbox disabled, not accepting "
                + "messages.",
            sample: ex("550 5.2.1 <someone@example.net>: Mailbox not accepting messages")),
        code(
            "esc.x.2.2", ["x.2.2"], .mailboxFull, "4.2.2/5.2.2: mailbox full.",
            sample: pf(
                "4.2.2",
                "452 4.2.2 <someone@example.net>: Insufficient space in mail "
                    + "drop", status: "deferred")),
        code(
            "esc.x.2.3", ["x.2.3", "x.3.4"], .messageTooLarge,
            "5.2.3/5.3.4: message length exceeds the administrative or system limit.",
            sample: ex("552 5.3.4 Error: message file is over the limit", after: "end of data")),
        code(
            "esc.x.2.4", ["x.2.4"], .remoteError, "5.2.4: mailing list expansion problem.",
            sample: pf("5.2.4", "550 5.2.4 Mailing list expansion problem", stage: "end of DATA")),
        code(
            "esc.x.3.0", ["x.3.0", "x.3.1", "x.3.2", "x.3.5"], .remoteError,
            "5.3.0-5.3.5: the remote mail system failed or is not accepting messages.",
            sample: ex("452 4.3.1 Insufficient resources", deferred: true)),
        code(
            "esc.x.3.3", ["x.3.3"], .protocolError,
            "5.3.3: system not capable of selected "
                + "features.",
            sample: pf("5.3.3", "554 5.3.3 Unrecognized feature requested", stage: "MAIL FROM")),
        code(
            "esc.x.4.0", ["x.4.0", "x.4.1", "x.4.2"], .network,
            "4.4.1/4.4.2: no answer from host, bad connection.",
            sample: ex(
                "421 4.4.2 mx.example.net Error: timeout exceeded", deferred: true,
                after: "end of data")),
        code(
            "esc.x.4.3", ["x.4.3", "x.4.4"], .domainNotFound,
            "4.4.3/5.4.4: directory server failure, unable to route.",
            sample: pf(
                "5.4.4", "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain",
                stage: "RCPT TO")),
        code(
            "esc.x.4.5", ["x.4.5"], .remoteError, "4.4.5: mail system congestion.",
            sample: ex("451 4.4.5 Queue congested, come back later", deferred: true)),
        code(
            "esc.x.4.6", ["x.4.6", "x.4.8"], .policy, "5.4.6/5.4.8: routing loop detected.",
            sample: pf(
                "5.4.6", "554 5.4.6 Too many Received headers",
                stage: "end of DATA")),
        code(
            "esc.x.4.7", ["x.4.7"], .expired, "4.4.7: delivery time expired.",
            sample: ex("554 5.4.7 Delivery expired (message too old)", after: "end of data")),
        code(
            "esc.x.5.3", ["x.5.3"], .rateLimited, "4.5.3: too many recipients.",
            sample: pf("4.5.3", "452 4.5.3 Error: recipient limit reached", status: "deferred")),
        code(
            "esc.x.5.x", ["x.5.x"], .protocolError,
            "5.5.x: protocol status (syntax, sequence, "
                + "parameters).",
            sample: ex(
                "503 5.5.1 Error: nested MAIL command",
                after: "MAIL FROM:<news@example.org> SIZE=5210")),
        code(
            "esc.x.6.x", ["x.6.x"], .contentRejected,
            "5.6.x: media or conversion problem with "
                + "the content.",
            sample: pf("5.6.0", "554 5.6.0 Message contains bad headers", stage: "end of DATA")),
        code(
            "esc.x.7.4", ["x.7.4", "x.7.5", "x.7.6", "x.7.10", "x.7.11", "x.7.30"], .tls,
            "5.7.4-5.7.6, 5.7.10, 5.7.11, 5.7.30: encryption needed or failed.",
            sample: ex("530 5.7.11 Encryption needed", after: "MAIL FROM:<news@example.org>")),
        code(
            "esc.x.7.7", ["x.7.7"], .contentRejected, "5.7.7: message integrity failure.",
            sample: pf("5.7.7", "554 5.7.7 Message integrity failure", stage: "end of DATA")),
        code(
            "esc.x.7.8", ["x.7.8", "x.7.9", "x.7.12", "x.7.14", "x.7.57"], .authFailure,
            "5.7.8/5.7.9/5.7.12/5.7.14: credentials invalid or mechanism too weak.",
            sample: pf(
                "5.7.9", "534 5.7.9 Authentication mechanism is too weak",
                stage: "MAIL FROM")),
        code(
            "esc.x.7.13", ["x.7.13"], .mailboxDisabled, "5.7.13: user account disabled.",
            sample: pf("5.7.13", "525 5.7.13 User account is not active")),
        code(
            "esc.x.7.20",
            [
                "x.7.20", "x.7.21", "x.7.22", "x.7.23", "x.7.24", "x.7.26", "x.7.27", "x.7.29",
                "x.7.509",
            ], .senderAuthentication, "5.7.20-5.7.27, 5.7.29: SPF, DKIM, DMARC or ARC failed.",
            sample: ex(
                "550 5.7.23 Message rejected because of failed authentication checks",
                after: "end of data")),
        code(
            "esc.x.7.25", ["x.7.25"], .reverseDNS, "5.7.25: reverse DNS validation failed.",
            sample: pf(
                "5.7.25", "550 5.7.25 Client IP address has no matching name",
                stage: "MAIL FROM")),
        code(
            "esc.x.7.28", ["x.7.28", "x.7.708"], .reputation,
            "5.7.28: mail flood detected; "
                + "5.7.708: traffic refused.",
            sample: ex(
                "421 4.7.28 Flood of mail detected from 198.51.100.23", deferred: true,
                after: "MAIL FROM:<news@example.org> SIZE=7001")),
        code(
            "esc.x.7.x", ["x.7.x"], .policy, "5.7.x otherwise: refused by site policy.",
            sample: pf(
                "5.7.1",
                "554 5.7.1 <someone@example.net>: Recipient address rejected: "
                    + "Please see the site policy page", stage: "RCPT TO")),
    ]
}
