extension Rule {
    static let sinaRelay = "freemx1.sinamail.sina.com.cn[202.108.3.190]:25"
    static let docomoHost = "mfsmax.docomo.ne.jp [203.138.181.112]"
    static let auRelay = "lsean.ezweb.ne.jp[111.107.113.241]:25"
    static let softbankRelay = "mx.softbank.ne.jp[126.240.66.8]:25"
    static let orangeHost = "smtp-in.orange.fr [80.12.242.27]"
    static let orangeRelay = "smtp-in.orange.fr[80.12.242.27]:25"
    static let godaddyRelay = "mailstore1.secureserver.net[68.178.213.37]:25"
    static let yandexRelay = "mx.yandex.ru[77.88.21.249]:25"
    static let coremailRelay = "mx.coremail-customer.example[192.0.2.88]:25"

    /// Provider wordings that contain a block list word without naming a list, and a reputation
    /// score named with a list's name: they come before the block list rules, which would
    /// otherwise read them as a listing.
    static let providerPackOverrideRules: [Rule] = [
        Rule(
            "coremail.user-blacklist", .policy,
            summary: "Coremail (used by Sina, Sohu and many Chinese company domains) `User in "
                + "blacklist`: the recipient has put the sender on a personal block list; no "
                + "DNSBL is meant.",
            any: ["user in blacklist"],
            sample: SampleLine.postfix(
                "xu.li@coremail-customer.example", relay: coremailRelay, dsn: "5.0.0",
                said: "550 User in blacklist")),
        Rule(
            "senderscore.low-score", .reputation,
            summary: "A receiver refuses our IP for its low Validity Sender Score (a reputation "
                + "score from 0 to 100): a reputation verdict, not a listing on "
                + "bl.score.senderscore.com, which stays `blacklisted`.",
            any: ["reputation score", "low score", "score too low"],
            all: ["senderscore"],
            none: ["blocked using", "listed", "bl.score.senderscore.com"],
            blocklist: Blocklist(
                name: "Validity Sender Score", delistURL: "https://senderscore.org/"),
            sample: SampleLine.exim(
                "info@hoster.example", host: "mx.hoster.example [192.0.2.64]", deferred: true,
                after: "MAIL FROM:<news@example.org> SIZE=4210",
                reply: "450 4.7.1 Your IP 198.51.100.23 has a low reputation score (SenderScore "
                    + "9), try again later")),
    ]

    /// Replies of Sina Mail, the Japanese carriers (docomo, au, SoftBank), Orange, GoDaddy and
    /// Yandex whose words, read by the generic phrases, would give the wrong cause or none: each
    /// rule follows the provider's own published meaning of the reply. They decide before the
    /// generic wording, after the block lists.
    static let providerPackRules: [Rule] = [
        Rule(
            "sina.blocked", .blacklisted,
            summary: "Sina Mail `550 black ip`: the sending IP is on Sina's own block list (its "
                + "`554 rbl deny` is read as a DNSBL refusal by `dnsbl.generic`).",
            any: ["black ip"],
            sample: SampleLine.postfix(
                "wang.lei@sina.com", relay: sinaRelay, dsn: "5.0.0",
                said: "550 black ip. (198.51.100.23)", stage: "MAIL FROM")),
        Rule(
            "sina.anti-spam", .spam,
            summary: "Sina Mail `552 message rejected by anti-spam engine` and `552 too many "
                + "same size mails` (many near-identical messages): judged spam.",
            any: ["rejected by anti-spam engine", "too many same size mails"],
            sample: SampleLine.exim(
                "li.na@sina.cn", host: "freemx2.sinamail.sina.com.cn [202.108.3.191]",
                after: "end of data", reply: "552 message rejected by anti-spam engine.")),
        Rule(
            "sina.user-locked", .mailboxDisabled,
            summary: "Sina Mail `550 user is locked`: the recipient's mailbox is locked.",
            any: ["user is locked"],
            sample: SampleLine.postfix(
                "zhao.qiang@sina.com", relay: sinaRelay, dsn: "5.0.0",
                said: "550 user is locked.")),
        Rule(
            "sina.rcpt-limit", .rateLimited,
            summary: "Sina Mail `451 out of allow RCPT numbers`: more recipients than it allows "
                + "in one transaction.",
            any: ["out of allow rcpt numbers"],
            sample: SampleLine.postfix(
                "sun.li@sina.com", relay: sinaRelay, dsn: "4.0.0", status: "deferred",
                said: "451 out of allow RCPT numbers.")),
        Rule(
            "sina.ip-mismatch", .senderAuthentication,
            summary: "Sina Mail `556 remote ip check error`: the sending IP does not belong to "
                + "the MAIL FROM domain.",
            any: ["remote ip check error"],
            sample: SampleLine.exim(
                "zhou.min@sina.com", host: "freemx1.sinamail.sina.com.cn [202.108.3.190]",
                after: "MAIL FROM:<news@example.org> SIZE=4210",
                reply: "556 remote ip check error.")),
        Rule(
            "sina.helo-port", .policy,
            summary: "Sina Mail `555 helohost error`, `554 smtpport check error` (the sender is "
                + "not a mail server it accepts), `554 Black mail address`: site policy.",
            any: ["helohost error", "smtpport check error", "black mail address"],
            sample: SampleLine.postfix(
                "wu.hao@sina.com", relay: sinaRelay, dsn: "5.0.0",
                said: "554 smtpport check error.", stage: "MAIL FROM")),
        Rule(
            "sina.attachment-size", .messageTooLarge,
            summary: "Sina Mail `554 attachment is too long`: one attachment is over its size "
                + "limit.",
            any: ["attachment is too long"],
            sample: SampleLine.exim(
                "qiu.yu@sina.com", host: "freemx1.sinamail.sina.com.cn [202.108.3.190]",
                after: "end of data", reply: "554 attachment is too long.")),
        Rule(
            "coremail.local-user-only", .relayDenied,
            summary: "Coremail `Requested action not taken: Local user only`: the server takes "
                + "mail for its own users only and will not relay.",
            any: ["local user only"],
            sample: SampleLine.postfix(
                "friend@elsewhere.example", relay: coremailRelay, dsn: "5.0.0",
                said: "553 Requested action not taken: Local user only")),
        Rule(
            "barracuda.suspect-content", .spam,
            summary: "Barracuda Email Security Gateway `420 ... deferred due to suspect "
                + "content`: the content looks like spam; it is tried again later.",
            any: ["deferred due to suspect content"],
            sample: SampleLine.exim(
                "it@barracuda-customer.example",
                host: "d12345b.ess.barracudanetworks.com [209.222.82.254]", deferred: true,
                after: "end of data",
                reply: "420 message deferred due to suspect content, try again later")),
        Rule(
            "free.too-many-spams", .reputation,
            summary: "Free (free.fr) `421 Too many spams from your IP`: the sending IP is "
                + "refused for a while for the spam it sent.",
            any: ["too many spams from your ip"],
            sample: SampleLine.postfix(
                "paul@free.fr", relay: "mx1.free.fr[212.27.48.6]:25", dsn: "4.0.0",
                status: "deferred",
                said: "421 Too many spams from your IP (198.51.100.23), please visit "
                    + "http://postmaster.free.fr/", stage: "HELO")),
        Rule(
            "docomo.too-much-mail-data", .mailboxFull,
            summary: "NTT docomo `552 Too much mail data`: the recipient's mailbox is full "
                + "(docomo's documented meaning; no size limit is meant).",
            any: ["too much mail data"],
            destinations: ["docomo.ne.jp"],
            sample: SampleLine.exim(
                "hanako.sato@docomo.ne.jp", host: docomoHost, after: "end of data",
                reply: "552 Too much mail data hanako.sato@docomo.ne.jp")),
        Rule(
            "docomo.line-too-long", .contentRejected,
            summary: "NTT docomo `500 Line Too Long`: a line of the message is longer than "
                + "1,000 bytes.",
            any: ["line too long"],
            destinations: ["docomo.ne.jp"],
            sample: SampleLine.postfix(
                "ichiro.suzuki@docomo.ne.jp",
                relay: "mfsmax.docomo.ne.jp[203.138.181.112]:25", dsn: "5.0.0",
                said: "500 Line Too Long", stage: "end of DATA")),
        Rule(
            "au.address-format", .protocolError,
            summary: "au (KDDI) `554 <address>: Relay access denied` for an ezweb.ne.jp or "
                + "au.com recipient: the address is malformed (two `@`, `!` in the local part); "
                + "au documents it so, it is no relay refusal.",
            any: ["relay access denied"], replyCodes: [554],
            destinations: ["ezweb.ne.jp", "au.com"],
            sample: SampleLine.postfix(
                "taro..@ezweb.ne.jp", relay: auRelay, dsn: "5.0.0",
                said: "554 <taro..@ezweb.ne.jp>: Relay access denied")),
        Rule(
            "softbank.sender-domain", .policy,
            summary: "SoftBank `553 <domain> does not exist`: the MAIL FROM domain has no DNS "
                + "record, so every recipient is refused.",
            any: ["does not exist"], replyCodes: [553],
            destinations: ["softbank.ne.jp", "i.softbank.jp"],
            sample: SampleLine.postfix(
                "jiro.tanaka@i.softbank.jp", relay: softbankRelay, dsn: "5.0.0",
                said: "553 bounce.example.org does not exist")),
        Rule(
            "orange.ofr-suspended", .reputation,
            summary: "Orange `421 ... Service refuse ... OFR_999`: the IP is suspended for two "
                + "hours after earlier breaches of Orange's limits.",
            any: ["ofr_999"],
            sample: SampleLine.exim(
                "claire@orange.fr", host: orangeHost, deferred: true, after: "initial connection",
                reply: "421 mwinf5c21 ME Service refuse. Veuillez essayer plus tard. Service "
                    + "refused, please try later. OFR_999 [999]")),
        Rule(
            "orange.ofr-recipient", .recipientUnknown,
            summary: "Orange `OFR_416`: invalid recipient.",
            any: ["ofr_416"],
            sample: SampleLine.postfix(
                "no.body@orange.fr", relay: orangeRelay, dsn: "5.0.0",
                said: "550 mwinf5d22 ME Adresse d au moins un destinataire invalide. OFR_416 "
                    + "[416]")),
        Rule(
            "orange.ofr-quota", .mailboxFull,
            summary: "Orange `OFR_417`: the recipient's mailbox is over quota.",
            any: ["ofr_417"],
            sample: SampleLine.exim(
                "sophie@orange.fr", host: orangeHost,
                reply: "552 5.1.1 <sophie@orange.fr>: Boite du destinataire pleine. OFR_417 "
                    + "[417]")),
        Rule(
            "godaddy.ib101", .remoteError,
            summary: "GoDaddy `421 Server temporarily unavailable ... IB101`: its queue has "
                + "more mail than usual.",
            any: [" ib101"],
            sample: SampleLine.postfix(
                "sales@godaddy-customer.example", relay: godaddyRelay, dsn: "4.0.0",
                status: "deferred",
                said: "421 Server temporarily unavailable. Try again later. IB101",
                stage: "MAIL FROM")),
        Rule(
            "yandex.spam-statistics", .reputation,
            summary: "Yandex `Blocked by spam statistics`: mail from the sender is refused for "
                + "a day because it sent mostly spam.",
            any: ["blocked by spam statistics"],
            sample: SampleLine.postfix(
                "ivan@yandex.ru", relay: yandexRelay, dsn: "5.7.1",
                said: "554 5.7.1 Blocked by spam statistics - see "
                    + "https://yandex.com/support/mail/bounces/yandex/", stage: "MAIL FROM")),
    ]
}
