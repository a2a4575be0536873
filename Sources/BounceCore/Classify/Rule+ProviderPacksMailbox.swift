extension Rule {
    static let mailruRelay = "mxs.mail.ru[94.100.180.31]:25"
    static let mailruHost = "mxs.mail.ru [217.69.139.150]"
    static let sfrRelay = "smtp-in.sfr.fr[93.17.128.11]:25"
    static let sfrHost = "smtp-in.sfr.fr [93.17.128.22]"
    static let ionosRelay = "mx00.ionos.de[217.72.192.78]:25"
    static let ionosHost = "mx01.ionos.de [217.72.192.67]"
    static let fastmailDomains = [
        "fastmail.com", "fastmail.fm", "fastmail.net", "fastmail.org", "messagingengine.com",
    ]
    static let ramblerDomains = [
        "rambler.ru", "lenta.ru", "ro.ru", "autorambler.ru", "myrambler.ru", "rambler.ua",
    ]

    /// mail.ru, Rambler, SFR, IONOS, Proton, Fastmail and Titan, and the defaults of Cisco Secure
    /// Email (IronPort, `*.iphmx.com`): each rule follows the meaning the provider gives its own
    /// reply (SFR's `SFR_IN_x0y` codes, IONOS's "policy violations", mail.ru's "user is
    /// terminated"). They decide before the generic wording, after the block lists.
    static let mailboxProviderPackRules: [Rule] = [
        Rule(
            "mailru.user-terminated", .mailboxDisabled,
            summary: "mail.ru `Local mailbox <address> is unavailable: user is terminated`: the "
                + "account exists but is closed (its `invalid mailbox` preamble is not an "
                + "unknown user).",
            any: ["user is terminated"],
            sample: SampleLine.exim(
                "olga.petrova@mail.ru", host: mailruHost, after: "end of data",
                reply: "550 Message was not accepted -- invalid mailbox.  Local mailbox "
                    + "olga.petrova@mail.ru is unavailable: user is terminated")),
        Rule(
            "mailru.sending-disabled", .policy,
            summary: "mail.ru `550 message sending for this account is disabled`: mail.ru stopped "
                + "sending from our account (suspected compromise); the recipient is not at "
                + "fault.",
            any: ["message sending for this account is disabled"],
            sample: SampleLine.postfix(
                "partner@elsewhere.example", relay: "smtp.mail.ru[94.100.180.160]:465",
                dsn: "5.0.0", said: "550 message sending for this account is disabled",
                stage: "MAIL FROM")),
        Rule(
            "rambler.try-again-later", .greylisted,
            summary: "Rambler `452 4.7.1 Try again later` after DATA: Rambler's deferral of mail "
                + "it has not seen before, which passes on a later try.",
            any: ["try again later"], replyCodes: [452], destinations: ramblerDomains,
            sample: SampleLine.postfix(
                "arina.volkova@rambler.ru", relay: "mx.rambler.ru[81.19.77.166]:25",
                dsn: "4.7.1", status: "deferred", said: "452 4.7.1 Try again later",
                stage: "end of DATA")),
        Rule(
            "sfr.bad-behaviour", .reputation,
            summary: "SFR `SFR_IN_x01`, `x02`, `x04`: the IP is refused for two hours for too "
                + "much spam, too many viruses or too many unknown recipients.",
            any: sfrCodes(["01", "02", "04"]),
            sample: SampleLine.postfix(
                "luc.martin@sfr.fr", relay: sfrRelay, dsn: "4.7.1", status: "deferred",
                said: "450 4.7.1 Service refused due to bad behaviour - Too many spam messages. "
                    + "SFR_IN_101", stage: "MAIL FROM")),
        Rule(
            "sfr.smtp-errors", .protocolError,
            summary: "SFR `SFR_IN_x03`: the IP made too many SMTP protocol errors and is "
                + "refused for two hours.",
            any: sfrCodes(["03"]),
            sample: SampleLine.exim(
                "marie.dubois@neuf.fr", host: sfrHost, deferred: true,
                after: "MAIL FROM:<news@example.org> SIZE=4410",
                reply: "450 4.7.1 Service refused due to bad behaviour - Too many SMTP errors. "
                    + "SFR_IN_103")),
        Rule(
            "sfr.volume", .rateLimited,
            summary: "SFR `SFR_IN_x05`: the IP sent more than its volume limit and is refused for "
                + "two hours.",
            any: sfrCodes(["05"]),
            sample: SampleLine.postfix(
                "paul.bernard@sfr.fr", relay: sfrRelay, dsn: "4.7.1", status: "deferred",
                said: "450 4.7.1 Service refused due to bad behaviour - Volume exceeded. "
                    + "SFR_IN_205", stage: "MAIL FROM")),
        Rule(
            "ionos.policy-violations", .reputation,
            summary: "IONOS `421`/`450 Reject due to policy violations`: the IP is barred for "
                + "sending to too many unknown addresses or for reported spam.",
            any: ["reject due to policy violations"],
            sample: SampleLine.exim(
                "info@ionos-kunde.example", host: ionosHost, deferred: true,
                after: "MAIL FROM:<news@example.org> SIZE=5120",
                reply: "421 Reject due to policy violations")),
        Rule(
            "proton.not-logged-in", .authFailure,
            summary: "Proton's submission servers `553 5.7.1 <sender>: Sender address rejected: "
                + "not logged in`: we relayed without SMTP AUTH.",
            any: ["sender address rejected: not logged in"],
            sample: SampleLine.postfix(
                "friend@elsewhere.example", relay: "smtp.protonmail.ch[185.70.42.31]:587",
                dsn: "5.7.1",
                said: "553 5.7.1 <alerts@example.org>: Sender address rejected: not logged in")),
        Rule(
            "fastmail.internal-error", .recipientUnknown,
            summary: "Fastmail `554 5.0.0 Unexpected internal error` for a Fastmail address: "
                + "Fastmail documents it as \"no such user\".",
            any: ["unexpected internal error"], destinations: fastmailDomains,
            sample: SampleLine.postfix(
                "kate.walsh@fastmail.fm", relay: "in1-smtp.messagingengine.com[103.168.172.218]:25",
                dsn: "5.0.0", said: "554 5.0.0 Unexpected internal error")),
        Rule(
            "fastmail.header-address", .policy,
            summary: "Fastmail `551 5.7.1 Not authorised to send from this header address`: the "
                + "From: address is not one the account may use.",
            any: ["not authorised to send from this header address"],
            sample: SampleLine.exim(
                "partner@elsewhere.example", host: "smtp.fastmail.com [103.168.172.45]",
                after: "end of data",
                reply: "551 5.7.1 Not authorised to send from this header address")),
        Rule(
            "titan.null-mx-sender", .policy,
            summary: "Titan `550 5.7.27 ... Sender address rejected: Domain <domain> does not "
                + "accept mail (nullMX)`: our sender domain publishes a null MX; no "
                + "authentication failed. Postfix's own wording of a recipient domain's null MX "
                + "stays `domain_not_found`.",
            any: ["does not accept mail (nullmx)"], all: ["sender address rejected"],
            sample: SampleLine.postfix(
                "owner@titan-customer.example", relay: "mx1.titan.email[3.6.113.32]:25",
                dsn: "5.7.27",
                said: "550 5.7.27 <noreply@nullmx.example>: Sender address rejected: Domain "
                    + "nullmx.example does not accept mail (nullMX)")),
        Rule(
            "cisco.spf", .senderAuthentication,
            summary: "Cisco Secure Email (IronPort) defaults `550 #5.7.1 SPF unauthorized mail is "
                + "prohibited` and `451 #4.4.3 Temporary error occurred during SPF verification`.",
            any: ["spf unauthorized mail is prohibited", "error occurred during spf verification"],
            sample: SampleLine.postfix(
                "cfo@cisco-customer.example",
                relay: "esa1.cisco-customer.iphmx.com[68.232.140.10]:25", dsn: "5.7.1",
                said: "550 #5.7.1 SPF unauthorized mail is prohibited.", stage: "MAIL FROM")),
        Rule(
            "cisco.recipients-per-hour", .rateLimited,
            summary: "Cisco Secure Email default `452 Too many recipients received this hour`: "
                + "the mail flow policy's hourly recipient limit.",
            any: ["too many recipients received this hour"],
            sample: SampleLine.exim(
                "hr@cisco-customer.example",
                host: "esa2.cisco-customer.iphmx.com [68.232.140.11]", deferred: true,
                reply: "452 Too many recipients received this hour")),
    ]

    /// SFR's `SFR_IN_<n><type>` codes for every internal first digit `n`.
    static func sfrCodes(_ types: [String]) -> [String] {
        types.flatMap { type in (1...9).map { "sfr_in_\($0)\(type)" } }
    }
}
