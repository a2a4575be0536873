extension Rule {
    static func reply(
        _ id: String, _ codes: [Int], stages: [SMTPStage] = [], _ cause: Cause,
        _ summary: String, sample: String
    ) -> Rule {
        Rule(
            id, cause, tier: .replyCode, summary: summary, replyCodes: codes, stages: stages,
            sample: sample)
    }

    /// The basic reply code (RFC 5321, RFC 7504) and the stage, when neither text nor an
    /// enhanced code decided.
    static let replyCodeRules: [Rule] = [
        reply(
            "reply.454", [454], .tls, "454: TLS not available due to a temporary reason.",
            sample: SampleLine.postfixOwn(
                "someone@example.net", relay: genericRelay, dsn: "4.0.0",
                text: "host mx.example.net[192.0.2.25] said: 454 Please try again later "
                    + "(in reply to STARTTLS command)")),
        reply(
            "reply.4xx", [421, 450, 451, 452, 471], .remoteError,
            "421/450/451/452: the remote cannot take the message now.",
            sample: ex("451 Local error, come back in a while", deferred: true)),
        Rule(
            "reply.refused", .policy, tier: .replyCode,
            summary: "550/553/554 whose only words are a refusal (\"Rejected\", \"Denied\"): "
                + "the receiver refused without saying the recipient is unknown, at any stage.",
            any: ["rejected", "refused", "denied", "blocked", "forbidden"],
            none: ["recipient address rejected", "recipient rejected"],
            replyCodes: [550, 553, 554],
            sample: ex("550 Rejected for no reason given")),
        reply(
            "reply.550.rcpt", [550, 551, 553], stages: [.rcptTo], .recipientUnknown,
            "550/551/553 to RCPT TO: mailbox unavailable, not local or not allowed.",
            sample: pf("5.0.0", "550 <someone@example.net>... Mailbox name not allowed")),
        reply(
            "reply.552.rcpt", [552], stages: [.rcptTo], .mailboxFull,
            "552 to RCPT TO: exceeded storage allocation.",
            sample: ex("552 <someone@example.net>: Storage allocation exceeded for this user")),
        reply(
            "reply.552.data", [552], stages: [.mailFrom, .data, .endOfData], .messageTooLarge,
            "552 to MAIL FROM or DATA: the message exceeds the size the server takes.",
            sample: pf(
                "5.0.0", "552 Message rejected; the limit is 10485760 bytes",
                stage: "end of DATA")),
        reply(
            "reply.521", [521, 556], .domainNotFound,
            "521/556 (RFC 7504): the host or domain does not accept mail.",
            sample: ex(
                "521 mail.example.net does not receive email",
                after: "initial connection")),
        reply(
            "reply.530", [530, 534, 535, 538], .authFailure,
            "530/534/535/538: authentication required or refused.",
            sample: pf("5.0.0", "535 Incorrect login or password", stage: "MAIL FROM")),
        reply(
            "reply.5xx.syntax", [500, 501, 502, 503, 504, 555], .protocolError,
            "500-504/555: the command or its parameters were not understood.",
            sample: ex(
                "500 Command line not recognised",
                after: "MAIL FROM:<news@example.org> SIZE=5210")),
        reply(
            "reply.5xx", [550, 551, 553, 554], .policy,
            "550/553/554 elsewhere in the dialogue: refused without a stated reason.",
            sample: pf("5.0.0", "554 Transaction failed", stage: "end of DATA")),
    ]
}
