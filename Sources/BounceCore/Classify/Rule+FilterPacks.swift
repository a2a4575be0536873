extension Rule {
    static let spamExpertsRelay = "mx.spamexperts.com[185.201.16.3]:25"
    static let spamExpertsHost = "mx.spamexperts.com [185.201.16.3]"
    static let hornetRelay = "mx01.hornetsecurity.com[94.100.132.6]:25"
    static let hornetHost = "mx02.hornetsecurity.com [94.100.132.7]"

    /// Filter wordings that carry a block list word without meaning a DNSBL of ours, or that name
    /// the filter's own list: they come before the generic block list rules, which would read the
    /// first as a listing and give the second an unnormalised name.
    ///
    /// Sources: N-able's SpamExperts / Mail Assure documentation ("Rejection classification",
    /// "SMTP responses": a blacklisted sender IP or envelope sender is refused at SMTP level,
    /// permanently) and Hornetsecurity's support article on blocked, rejected and quarantined
    /// mail (an IP on Hornetsecurity's own RBL is blocked with the reason "RBL").
    static let filterPackOverrideRules: [Rule] = [
        Rule(
            "spamexperts.listed", .blacklisted,
            summary: "SpamExperts (N-able Mail Assure): our IP is on the filter's own list "
                + "(blacklisted by its administrator or on its internal lists); the protected "
                + "domain's administrator or the filter's operator removes it.",
            any: ["listed by spamexperts", "blacklisted by spamexperts", "spamexperts blacklist"],
            // No public removal form: the page says who decides (the protected domain's
            // administrator or the filter's operator).
            blocklist: Blocklist(
                name: "SpamExperts",
                delistURL: "https://documentation.n-able.com/spamexperts/userguide/Content/"
                    + "C_Domain%20Level/incoming/classifications/smtp-responses.htm"),
            sample: SampleLine.exim(
                "web@se-customer.example", host: spamExpertsHost,
                after: "MAIL FROM:<news@example.org> SIZE=4210",
                reply: "550 5.7.1 Your IP 198.51.100.23 is listed by SpamExperts, message refused")
        ),
        Rule(
            "spamexperts.sender-blacklisted", .policy,
            summary: "SpamExperts: the envelope sender (our MAIL FROM address or domain) is on the "
                + "protected domain's own sender list; no DNSBL is meant.",
            any: [
                "sender blacklisted", "sender is blacklisted", "sender address is blacklisted",
                "blacklisted sender", "envelope sender is blacklisted",
            ],
            none: [
                "spamhaus", "dnsbl", " rbl", "blocked using", "listed at", "listed in",
                "listed on", "client host", "sender ip", "ip address",
            ],
            sample: SampleLine.postfix(
                "web@se-customer.example", relay: spamExpertsRelay, dsn: "5.7.1",
                said: "550 5.7.1 Sender blacklisted by the recipient domain", stage: "MAIL FROM")),
        Rule(
            "hornetsecurity.rbl", .blacklisted,
            summary: "Hornetsecurity: our IP is on Hornetsecurity's own RBL (reason \"RBL\" in its "
                + "tracking); delisting is requested from Hornetsecurity's support.",
            any: [
                "hornetsecurity rbl", "listed by hornetsecurity", "hornetsecurity block list",
                "hornetsecurity blocklist", "hornetsecurity blacklist",
            ],
            blocklist: Blocklist(
                name: "Hornetsecurity",
                delistURL: "https://support.hornetsecurity.com/hc/en-us/articles/22692634844561"),
            sample: SampleLine.postfix(
                "einkauf@hs-customer.example", relay: hornetRelay, dsn: "5.7.1",
                said: "554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using "
                    + "Hornetsecurity RBL")),
    ]

    /// SpamExperts' (N-able Mail Assure) SMTP-level rejections, Sophos Email's content
    /// restrictions and Hornetsecurity's categories, each with the meaning the filter documents.
    /// They decide before the generic wording.
    ///
    /// SpamExperts documents which incoming and outgoing messages it refuses at SMTP level
    /// instead of quarantining ("Rejection classification"): bounces to more than one
    /// recipient, unsigned bounces where BATV is enforced, restricted characters in the local
    /// part, the domain's maximum of local parts, too many failed recipients, the maximum of
    /// bounces per hour, headers with an illegal BOM, an invalid HELO, too many failed
    /// authentication attempts; and that a recipient it cannot verify with the protected server
    /// is refused temporarily. It is an Exim-based filter, so the wordings are Exim's or close to
    /// them. Hornetsecurity classifies refused mail as Spam, Infomail (newsletters and
    /// advertising), Content (attachment and content rules), Threat and AdvThreat (malware);
    /// its replies name the category.
    static let filterPackRules: [Rule] = [
        Rule(
            "spamexperts.bounce-recipients", .policy,
            summary: "SpamExperts: a bounce (empty MAIL FROM) addressed to more than one "
                + "recipient is refused; real bounces have one recipient.",
            any: [
                "bounces are never sent to more than one recipient",
                "bounce message sent to more than one recipient",
                "bounce messages to more than one recipient",
            ],
            sample: SampleLine.exim(
                "web2@se-customer.example", host: spamExpertsHost,
                reply: "550 Legitimate bounces are never sent to more than one recipient.")),
        Rule(
            "spamexperts.unsigned-bounce", .policy,
            summary: "SpamExperts with BATV enforced: a bounce to an address whose MAIL FROM was "
                + "not BATV-signed is refused.",
            any: ["unsigned bounce", "batv signature", "invalid batv", "batv check"],
            sample: SampleLine.postfix(
                "web3@se-customer.example", relay: spamExpertsRelay, dsn: "5.7.1",
                said: "550 5.7.1 Unsigned bounce message rejected: BATV signature missing or "
                    + "invalid")),
        Rule(
            "spamexperts.restricted-characters", .protocolError,
            summary: "SpamExperts (and Exim's default ACL): the local part holds characters the "
                + "domain refuses (`@`, `%`, `!`, `/`, `|`, a leading dot): a malformed address, "
                + "not an unknown mailbox.",
            any: [
                "restricted characters in address", "restricted characters in the address",
                "restricted characters in local part", "restricted characters in the local part",
            ],
            sample: SampleLine.exim(
                "sales%office@se-customer.example", host: spamExpertsHost,
                reply: "550 Restricted characters in address")),
        Rule(
            "spamexperts.local-parts", .policy,
            summary: "SpamExperts: the protected domain has reached the maximum number of local "
                + "parts (mailboxes) its filtering allows, so a new one is refused.",
            any: [
                "maximum local parts", "maximum number of local parts", "too many local parts",
            ],
            sample: SampleLine.postfix(
                "new.hire@se-customer.example", relay: spamExpertsRelay, dsn: "5.7.1",
                said: "550 5.7.1 Maximum local parts reached for this domain")),
        Rule(
            "spamexperts.failed-recipients", .reputation,
            summary: "SpamExperts: the sending IP tried too many recipients that do not exist "
                + "and is refused (its protection against address harvesting); clean the list.",
            any: ["too many failed recipients"],
            sample: SampleLine.exim(
                "web4@se-customer.example", host: spamExpertsHost,
                reply: "550 Too many failed recipients from 198.51.100.23")),
        Rule(
            "spamexperts.hourly-bounces", .rateLimited,
            summary: "SpamExperts: more bounces per hour than the filter accepts from one sender.",
            any: ["maximum hourly bounces", "hourly bounces exceeded", "bounces per hour"],
            sample: SampleLine.postfix(
                "web5@se-customer.example", relay: spamExpertsRelay, dsn: "5.7.1",
                said: "550 5.7.1 Maximum hourly bounces exceeded for this sender")),
        Rule(
            "spamexperts.illegal-bom", .contentRejected,
            summary: "SpamExperts: the message headers contain a byte order mark (BOM), which it "
                + "refuses as malformed.",
            any: ["illegal bom", "byte order mark"],
            sample: SampleLine.exim(
                "web6@se-customer.example", host: spamExpertsHost, after: "end of data",
                reply: "550 Message headers contain illegal BOM (byte order mark)")),
        Rule(
            "spamexperts.invalid-helo", .policy,
            summary: "SpamExperts: our HELO/EHLO name does not follow the RFCs (not a fully "
                + "qualified name, or an address literal it refuses).",
            // Its own wording only: a generic "Invalid HELO name" stays with policy.phrase.
            any: ["invalid helo/ehlo", "helo/ehlo greeting"],
            sample: SampleLine.exim(
                "web7@se-customer.example", host: spamExpertsHost, after: "EHLO localhost",
                reply: "550 Invalid HELO/EHLO greeting")),
        Rule(
            "spamexperts.recipient-callout", .remoteError,
            summary: "SpamExperts / Exim: the recipient could not be verified with the protected "
                + "mail server behind the filter (down or unreachable), so the message is "
                + "deferred; the recipient may well exist.",
            any: [
                "could not complete recipient verify callout",
                "could not complete recipient callout",
            ],
            sample: SampleLine.postfix(
                "web8@se-customer.example", relay: spamExpertsRelay, dsn: "4.0.0",
                status: "deferred", said: "451 Could not complete recipient verify callout")),
        Rule(
            "spamexperts.auth-attempts", .authFailure,
            summary: "SpamExperts' outgoing filter (`smtp.antispamcloud.com`): too many failed "
                + "SMTP AUTH attempts from our server; it is refused for a while (brute force "
                + "protection). Check the credentials we send.",
            any: [
                "too many failed authentication attempts", "too many authentication failures",
                "too many failed auth attempts",
            ],
            sample: SampleLine.postfix(
                "partner@elsewhere.example", relay: "smtp.antispamcloud.com[185.201.18.5]:587",
                dsn: "4.7.0", status: "deferred",
                said: "421 4.7.0 Too many failed authentication attempts, try again later",
                stage: "MAIL FROM")),
        Rule(
            "sophos.content-restrictions", .contentRejected,
            summary: "Sophos Email `550 5.7.1 Message rejected due to content restrictions`: a "
                + "content or data control policy (attachment types, keywords) refused the "
                + "message; no spam verdict.",
            any: ["due to content restrictions"],
            sample: SampleLine.exim(
                "office@sophos-customer.example",
                host: "mx-01-eu-central-1.prod.hydra.sophos.com [35.157.150.1]",
                after: "end of data",
                reply: "550 5.7.1 Message rejected due to content restrictions")),
        Rule(
            "hornetsecurity.infomail", .spam,
            summary: "Hornetsecurity's Infomail category (newsletters and advertising the "
                + "recipient's settings refuse): judged unsolicited bulk mail.",
            any: ["infomail"],
            sample: SampleLine.postfix(
                "vertrieb@hs-customer.example", relay: hornetRelay, dsn: "5.7.1",
                said: "550 5.7.1 Message classified as Infomail by Hornetsecurity and rejected",
                stage: "end of DATA")),
        Rule(
            "hornetsecurity.threat", .contentRejected,
            summary: "Hornetsecurity's Threat, AdvThreat (ATP) and Content categories: malware or "
                + "content and attachment rules, not a spam verdict.",
            any: [" threat", "advthreat", " atp", "classified as content"],
            all: ["hornetsecurity"],
            none: ["spam", "infomail"],
            sample: SampleLine.exim(
                "buchhaltung@hs-customer.example", host: hornetHost, after: "end of data",
                reply: "554 5.7.1 Message rejected by Hornetsecurity: classified as AdvThreat")),
    ]
}
