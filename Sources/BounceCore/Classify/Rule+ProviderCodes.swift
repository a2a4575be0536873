extension Rule {
    /// A Postfix sample line for a provider's reply.
    static func at(
        _ relay: String, _ to: String, dsn: String, status: String = "bounced",
        _ reply: String, stage: String = "RCPT TO"
    ) -> String {
        SampleLine.postfix(to, relay: relay, dsn: dsn, status: status, said: reply, stage: stage)
    }

    /// Providers' own codes from their published error references (Google's SMTP error list,
    /// Exchange Online's NDR codes, Outlook.com's S/SC/DY/OU codes, Yahoo's postmaster codes,
    /// Apple, Comcast, T-Online, Orange, Zoho, the corporate filters). They decide before the
    /// providers' wordings and every generic phrase.
    static let providerCodeRules: [Rule] = [
        Rule(
            "gmx.case-rdns", .reverseDNS,
            summary: "GMX/WEB.DE: bad DNS PTR record; the case code `c=rdns` is carried in the "
                + "help link.",
            any: ["c=rdns", "ptr resource record"],
            sample: ex(
                "554-gmx.net (mxgmx015) Nemesis ESMTP Service not available\\n554-No SMTP "
                    + "service\\n554-Bad DNS PTR resource record.\\n554 For explanation visit "
                    + "https://postmaster.gmx.net/en/case?c=rdns&i=ip&v=198.51.100.23&r=1N2x4",
                after: "initial connection", to: "max.mustermann@gmx.de")),
        Rule(
            "microsoft.5.1.10", .recipientUnknown,
            summary: "Exchange Online / Outlook.com 550 5.1.10 RecipientNotFound: the recipient "
                + "is not found by SMTP address lookup (a null MX is 556 5.1.10).",
            codes: ["5.1.10"], replyCodes: [550],
            sample: at(
                outlookRelay, "no.such.person@outlook.com", dsn: "5.1.10",
                "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient no.such.person@outlook.com "
                    + "not found by SMTP address lookup")),
        Rule(
            "microsoft.5.1.90", .rateLimited,
            summary: "Exchange Online 5.1.90/5.2.121/5.2.122: daily recipient limit, or the "
                + "recipient's hourly limit for one sender.",
            codes: ["5.1.90", "5.2.121", "5.2.122", "4.2.121", "4.2.122"],
            sample: ex(
                "550 5.2.122 The recipient has exceeded their limit for the number of messages "
                    + "they can receive per hour from this sender", to: "ceo@contoso.com")),
        Rule(
            "microsoft.sender-not-allowed", .policy,
            summary: "Exchange Online 5.7.124/5.7.133-5.7.136: the sender is not allowed or not "
                + "authenticated for this group or mailbox (a restriction, not SMTP AUTH).",
            codes: ["5.7.124", "5.7.133", "5.7.134", "5.7.135", "5.7.136", "5.7.505", "5.7.507"],
            sample: at(
                exoRelay, "all-staff@contoso.com", dsn: "5.7.133",
                "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication "
                    + "required; Delivery restriction check failed as sender not authenticated")),
        Rule(
            "microsoft.spam-abuse", .reputation,
            summary: "Exchange Online 5.7.501-5.7.503, 5.7.700-5.7.705: the sending account or "
                + "tenant is blocked for spam abuse or over its threshold.",
            codes: ["5.7.501", "5.7.502", "5.7.503", "5.7.700", "5.7.703"],
            sample: ex(
                "550 5.7.501 Access denied, spam abuse detected. For more information please go to "
                    + "http://go.microsoft.com/fwlink/?LinkId=526653",
                after: "MAIL FROM:<news@example.org> SIZE=4201", to: "ceo@contoso.com")),
        Rule(
            "microsoft.5.7.508", .rateLimited,
            summary: "Exchange Online 5.7.508: the sending IP exceeded the limits permitted within "
                + "its range.",
            codes: ["5.7.508"],
            sample: at(
                exoRelay, "ceo@contoso.com", dsn: "5.7.508",
                "550 5.7.508 Access denied, [198.51.100.23] has exceeded permitted limits within "
                    + "198.51.100.0/24 range", stage: "MAIL FROM")),
        Rule(
            "microsoft.5.7.510", .policy,
            summary: "Exchange Online 5.7.506/5.7.510/5.7.520: bad HELO, no mail over IPv6, "
                + "external forwarding not allowed.",
            codes: ["5.7.506", "5.7.510", "5.7.520"],
            sample: ex(
                "550 5.7.510 Access denied, contoso.com does not accept email over IPv6",
                after: "MAIL FROM:<news@example.org> SIZE=4201", to: "ceo@contoso.com")),
        Rule(
            "microsoft.s775", .reputation,
            summary: "Outlook.com S775/S843/S8001/S8002 and SC-/DY-/OU- codes: refused or rate "
                + "limited for the sending IP's reputation.",
            any: [
                "(s775)", "(s843)", "(s8001)", "(s8002)", "sc-001", "sc-002", "sc-003", "sc-004",
                "dy-001", "dy-002", "ou-001", "ou-002",
            ],
            // Exchange Online's 4.7.650 carries S775 too; microsoft.4.7.650 names it.
            none: ["due to ip reputation"],
            sample: at(
                outlookRelay, "j.smith@outlook.com", dsn: "4.7.0", status: "deferred",
                "421 4.7.0 The mail server [198.51.100.23] has been temporarily rate limited. "
                    + "(S8001) [VI1EUR05FT062.eop-eur05.prod.protection.outlook.com]",
                stage: "MAIL FROM")),
        Rule(
            "gmail.unrecognized-auth", .authFailure,
            summary: "Gmail 504 5.7.4 Unrecognized authentication type; 534/535 application-"
                + "specific password required.",
            any: ["unrecognized authentication type", "application-specific password"],
            sample: at(
                "smtp.gmail.com[142.250.102.108]:587", "friend@gmail.com", dsn: "5.7.4",
                "504 5.7.4 Unrecognized authentication type. For more information, go to 504 "
                    + "5.7.4  https://support.google.com/a/answer/3221692 "
                    + "d2e1a72fcca58-7245f0a1c3esi1234567b3a.9 - gsmtp", stage: "MAIL FROM")),
        Rule(
            "gmail.suspicious", .spam,
            summary: "Gmail 421 4.7.0: the message is suspicious due to the nature of the content "
                + "or the links within.",
            any: ["suspicious due to the nature of the content"],
            sample: ex(
                "421-4.7.0 This message is suspicious due to the nature of the content or the "
                    + "links\\n421-4.7.0 within. To best protect our users from spam, the message "
                    + "has been\\n421 4.7.0 blocked. - gsmtp", deferred: true, after: "end of data",
                to: "friend@gmail.com")),
        Rule(
            "gmail.not-in-whitelist", .policy,
            summary: "Google Workspace 421 4.7.0: the IP is not in the recipient domain's allow "
                + "list.",
            any: ["ip not in whitelist for rcpt domain", "not in whitelist"],
            sample: at(
                gmailRelay, "staff@workspace.example", dsn: "4.7.0", status: "deferred",
                "421 4.7.0 IP not in whitelist for RCPT domain, closing connection. "
                    + "d2e1a72fcca58-7245f0a1c3esi1234567b3a.17 - gsmtp")),
        Rule(
            "gmail.relay-limit", .rateLimited,
            summary: "Google Workspace 4.2.1/5.4.5/5.7.1: SMTP relay or daily sending limit "
                + "exceeded.",
            any: ["relay limit exceeded", "daily sending quota", "email quota exceeded"],
            sample: ex(
                "550-5.4.5 Daily SMTP relay limit exceeded for user. For more information on SMTP "
                    + "relay\\n550-5.4.5 sending limits please visit\\n550 5.4.5  "
                    + "https://support.google.com/a/answer/166852 - gsmtp",
                after: "MAIL FROM:<news@example.org> SIZE=4201", to: "friend@gmail.com")),
        Rule(
            "yahoo.tss", .reputation,
            summary: "Yahoo/AOL [TSS01]-[TSS12] and [IPTS01]-[IPTS04]: deferred or refused for "
                + "the sending IP's reputation, volume or complaints.",
            any: [
                "[tss01]", "[tss02]", "[tss03]", "[tss05]", "[tss06]", "[tss07]", "[tss08]",
                "[tss10]", "[tss12]", "[ipts01]", "[ipts02]", "[ipts03]", "[ipts04]",
            ],
            sample: at(
                yahooRelay, "pat@yahoo.com", dsn: "4.7.0", status: "deferred",
                "421 4.7.0 [IPTS04] Messages from 198.51.100.23 temporarily deferred due to user "
                    + "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
                stage: "MAIL FROM")),
        Rule(
            "yahoo.rl", .rateLimited,
            summary: "Yahoo/AOL [RL01]-[RL03]: too many connections or messages from the IP.",
            any: ["[rl01]", "[rl02]", "[rl03]"],
            sample: ex(
                "421 4.7.0 [RL02] Connection rate limited for 198.51.100.23; see "
                    + "https://postmaster.yahooinc.com/error-codes", deferred: true,
                after: "MAIL FROM:<news@example.org> SIZE=4201", to: "chris@aol.com")),
        Rule(
            "icloud.hm01", .reputation,
            summary: "iCloud [HM01]-[HM06]: refused for the sending IP's or domain's reputation.",
            any: ["[hm01]", "[hm02]", "[hm03]", "[hm04]", "[hm05]", "[hm06]"],
            sample: ex(
                "550 5.7.0 [HM01] Message rejected due to local policy. Please visit "
                    + "https://support.apple.com/en-us/102322",
                after: "MAIL FROM:<news@example.org> SIZE=4201", to: "kim@icloud.com")),
        Rule(
            "icloud.cs02", .spam,
            summary: "iCloud [CS02]-[CS04]: the content was judged spam.",
            any: ["[cs02]", "[cs03]", "[cs04]"],
            sample: at(
                "mx01.mail.icloud.com[17.57.154.33]:25", "kim@me.com", dsn: "5.7.1",
                "554 5.7.1 [CS02] Message rejected due to local policy. Please visit "
                    + "https://support.apple.com/en-us/102322", stage: "end of DATA")),
        Rule(
            "comcast.rl", .rateLimited,
            summary: "Comcast RL000001-RL000011: too many sessions or messages from the IP.",
            any: ["#rl000001", "#rl000002", "#rl000010", "#rl000011"],
            sample: ex(
                "421 resimta-h1p-028.sys.comcast.net resimta-h1p-028.sys.comcast.net "
                    + "198.51.100.23 rate limited, see "
                    + "https://postmaster.comcast.net/smtp-error-codes.php#RL000001",
                deferred: true, after: "initial connection", to: "sam@comcast.net")),
        Rule(
            "comcast.ib", .reverseDNS,
            summary: "Comcast IB401/IB501: the sending IP has no reverse DNS or a generic one.",
            any: ["#ib401", "#ib501", "#ib502"],
            sample: at(
                "mx1a1.comcast.net[96.114.157.80]:25", "sam@comcast.net", dsn: "5.0.0",
                "554 resimta-po-21v.sys.comcast.net 198.51.100.23 rejected: PTR lookup failure, "
                    + "see https://postmaster.comcast.net/smtp-error-codes.php#IB501",
                stage: "MAIL FROM")),
        Rule(
            "tonline.dynamic", .policy,
            summary: "T-Online: mail from a dynamic IP range is refused (\"(DYN)\").",
            any: ["(dyn)"],
            all: ["t-online"],
            sample: ex(
                "554 IP=198.51.100.23 - Dynamic IP addresses not allowed (Ask your postmaster for "
                    + "help or to contact tosa@rx.t-online.de to clarify.) (DYN)",
                after: "initial connection", to: "erika@t-online.de")),
        Rule(
            "zoho.unusual-activity", .reputation,
            summary: "Zoho 5.4.6 unusual sending activity, 5.1.8 outgoing blocked.",
            any: ["unusual sending activity", "email outgoing blocked"],
            sample: ex(
                "550 5.4.6 Unusual sending activity detected. Please try after sometime.",
                after: "MAIL FROM:<news@example.org> SIZE=4201", to: "ravi@zoho.com")),
        Rule(
            "symantec.relay", .relayDenied,
            summary: "Symantec.cloud: \"you are trying to use me as a relay\".",
            any: ["as a relay, but i have not been configured", "trying to use me"],
            sample: at(
                "cluster5.eu.messagelabs.com[85.158.136.3]:25", "it@enterprise.example",
                dsn: "5.0.0",
                "553-you are trying to use me [server-12.tower-220.messagelabs.com] as a relay, "
                    + "553 but I have not been configured to let you do this.")),
        Rule(
            "mailchannels.spam", .spam,
            summary: "MailChannels and SpamExperts: the message was classified as spam.",
            any: ["rejected as spam by mailchannels", "spamexperts"],
            sample: at(
                "mx1.mailchannels.net[23.83.209.1]:25", "owner@hosted.example", dsn: "5.7.1",
                "550 5.7.1 [CS] Message rejected as spam by MailChannels", stage: "end of DATA")),
    ]

    /// Providers' and filters' own block lists, before the generic list wording.
    static let providerBlocklistRules: [Rule] = [
        Rule(
            "microsoft.5.7.513", .blacklisted,
            summary: "Exchange Online 5.7.513: the receiving tenant's own block list (Customer "
                + "Block list, AS16012607).",
            codes: ["5.7.513"],
            blocklist: Blocklist(
                name: "Microsoft customer block list",
                delistURL: "https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/"
                    + "ndr/non-delivery-reports-in-exchange-online"),
            sample: at(
                exoRelay, "ceo@contoso.com", dsn: "5.7.513",
                "550 5.7.513 Service unavailable, Client host [198.51.100.23] blocked by "
                    + "contoso.com using Customer Block list (AS16012607)", stage: "MAIL FROM")),
        Rule(
            "yahoo.bl22", .blacklisted,
            summary: "Yahoo/AOL [BL22]: the sending IP is on a block list Yahoo uses.",
            any: ["[bl22]"],
            blocklist: Blocklist(
                name: "Yahoo BL22", delistURL: "https://senders.yahooinc.com/contact"),
            sample: at(
                yahooRelay, "pat@yahoo.com", dsn: "5.7.1",
                "553 5.7.1 [BL22] Connections not accepted from IP addresses on Spamhaus PBL; see "
                    + "https://postmaster.yahooinc.com/error-codes", stage: "MAIL FROM")),
        Rule(
            "trendmicro.ers", .blacklisted,
            summary: "Trend Micro Email Reputation Services: the IP is on one of Trend Micro's "
                + "lists (RBL+, QIL, DUL).",
            any: [
                "trend micro email reputation", "ers.trendmicro.com", "mail-abuse.com",
                "trend micro rbl", "trend micro qil", "trend micro dul",
            ],
            blocklist: Blocklist(
                name: "Trend Micro ERS",
                delistURL: "https://servicecentral.trendmicro.com/en-us/ers/ip-lookup/"),
            sample: at(
                "in.hes.trendmicro.com[150.70.226.147]:25", "it@enterprise.example", dsn: "5.7.1",
                "550 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using Trend "
                    + "Micro Email Reputation database. Please see "
                    + "https://servicecentral.trendmicro.com/en-us/ers/ip-lookup/",
                stage: "MAIL FROM")),
        Rule(
            "symantec.blocked", .blacklisted,
            summary: "Broadcom/Symantec Email Security.cloud (MessageLabs): connection rejected "
                + "by policy; the IP is on its list.",
            any: ["connection rejected by policy", "ipremoval.sms.symantec.com"],
            blocklist: Blocklist(
                name: "Symantec.cloud", delistURL: "https://ipremoval.sms.symantec.com/"),
            sample: ex(
                "501 Connection rejected by policy [7.7] 20805, please visit "
                    + "www.symanteccloud.com/troubleshooting for more details about this error "
                    + "message.", after: "initial connection", to: "it@enterprise.example")),
        Rule(
            "sophos.blocked", .blacklisted,
            summary: "Sophos Email: the IP is on Sophos's reputation list.",
            any: ["sophos.com/en-us/threat-center", "blocked by sophos"],
            blocklist: Blocklist(
                name: "Sophos", delistURL: "https://www.sophos.com/en-us/threat-center/ip-lookup"),
            sample: ex(
                "554 5.7.1 Service unavailable; client [198.51.100.23] blocked by Sophos, see "
                    + "https://www.sophos.com/en-us/threat-center/ip-lookup",
                after: "MAIL FROM:<news@example.org> SIZE=4201", to: "it@enterprise.example")),
        Rule(
            "tonline.blocked", .blacklisted,
            summary: "T-Online: the IP is refused by T-Online's own block list (\"(BL)\"; ask "
                + "tosa@rx.t-online.de).",
            any: ["(bl)", "(rbl)"],
            all: ["t-online"],
            blocklist: Blocklist(
                name: "T-Online", delistURL: "https://postmaster.t-online.de/"),
            sample: at(
                "mx00.t-online.de[194.25.134.8]:25", "erika@t-online.de", dsn: "5.0.0",
                "554 IP=198.51.100.23 - A problem occurred. (Ask your postmaster for help or to "
                    + "contact tosa@rx.t-online.de to clarify.) (BL)", stage: "MAIL FROM")),
    ]
}
