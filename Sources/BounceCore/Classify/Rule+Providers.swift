extension Rule {
    static let gmailRelay = "gmail-smtp-in.l.google.com[142.250.102.27]:25"
    static let gmailHost = "gmail-smtp-in.l.google.com [142.250.102.27]"
    static let outlookRelay = "outlook-com.olc.protection.outlook.com[52.101.68.14]:25"
    static let exoRelay = "contoso-com.mail.protection.outlook.com[52.101.41.3]:25"
    static let exoHost = "contoso-com.mail.protection.outlook.com [52.101.41.3]"
    static let yahooRelay = "mta7.am0.yahoodns.net[67.195.204.77]:25"
    static let yahooHost = "mta7.am0.yahoodns.net [67.195.204.77]"

    /// Provider codes and wordings whose meaning the provider documents. They precede the
    /// generic phrases because their wording often contains misleading words ("Access denied").
    static let providerRules: [Rule] = [
        Rule(
            "gmail.4.7.28", .reputation,
            summary: "Gmail 4.7.28/5.7.28: unusual rate of unsolicited mail from our IP or domain.",
            any: ["unusual rate of unsolicited mail", "unusual rate of mail"],
            sample: SampleLine.postfix(
                "friend@gmail.com", relay: gmailRelay, dsn: "4.7.28", status: "deferred",
                said: "421-4.7.28 Gmail has detected an unusual rate of unsolicited mail "
                    + "originating from your IP address. To protect our users from spam, mail "
                    + "sent from your IP address has been temporarily rate limited. For more "
                    + "information, go to 421-4.7.28 "
                    + "https://support.google.com/mail/?p=UnsolicitedRateLimitError to review "
                    + "our 421 4.7.28 Bulk Email Senders Guidelines. "
                    + "a640c23a62f3a-aa5f4e3a7b1si98765466b.123 - gsmtp",
                stage: "end of DATA")),
        Rule(
            "gmail.low-reputation", .reputation,
            summary: "Gmail: the message is suspicious due to the very low reputation of the "
                + "sending IP or domain.",
            any: ["very low reputation", "low reputation of the sending"],
            sample: SampleLine.exim(
                "friend@gmail.com", host: gmailHost, after: "end of data",
                reply: "550-5.7.1 [198.51.100.23      12] Gmail has detected that this message "
                    + "is likely\\n550-5.7.1 suspicious due to the very low reputation of the "
                    + "sending domain. To best\\n550 5.7.1 protect our users from spam, the "
                    + "message has been blocked. - gsmtp")),
        Rule(
            "microsoft.5.7.708", .reputation,
            summary: "Exchange Online 5.7.708: traffic not accepted from this IP (poor "
                + "reputation, often a new IP).",
            any: ["traffic not accepted from this ip"],
            sample: SampleLine.postfix(
                "ceo@contoso.com", relay: exoRelay, dsn: "5.7.708",
                said: "550 5.7.708 Service unavailable. Access denied, traffic not accepted from "
                    + "this IP. For more information please go to "
                    + "http://go.microsoft.com/fwlink/?LinkId=526653 AS(7230) "
                    + "[BN8NAM12FT063.eop-nam12.prod.protection.outlook.com]",
                stage: "MAIL FROM")),
        Rule(
            "microsoft.4.7.650", .reputation,
            summary: "Exchange Online 4.7.650/4.7.651: temporarily rate limited due to IP "
                + "reputation.",
            any: ["rate limited due to ip reputation", "limited due to ip reputation"],
            sample: SampleLine.exim(
                "ceo@contoso.com", host: exoHost, deferred: true,
                after: "MAIL FROM:<news@example.org> SIZE=20511",
                reply: "451 4.7.650 The mail server [198.51.100.23] has been temporarily rate "
                    + "limited due to IP reputation. For e-mail delivery information, see "
                    + "https://postmaster.live.com (S775) "
                    + "[Name=Protocol Filter Agent][AGT=PFA][MxId=11BB4A5F8B3E29C0] "
                    + "[AM3PEPF0000A78E.eurprd04.prod.outlook.com 2026-11-26T10:14:03.401Z "
                    + "08DD0D2B6A3E1F44]")),
        Rule(
            "yahoo.tss04", .reputation,
            summary: "Yahoo/AOL [TSS04]/[TSS09]/[GL01]: deferred due to unexpected volume or user "
                + "complaints.",
            any: [
                "[tss04]", "[tss09]", "[tss11]", "[gl01]", "unexpected volume or user complaints",
            ],
            sample: SampleLine.postfix(
                "pat@yahoo.com", relay: yahooRelay, dsn: "4.7.0", status: "deferred",
                said: "421 4.7.0 [TSS04] Messages from 198.51.100.23 temporarily deferred due to "
                    + "unexpected volume or user complaints - 4.16.55.1; see "
                    + "https://postmaster.yahooinc.com/error-codes",
                stage: "MAIL FROM")),
        Rule(
            "yahoo.ts03", .reputation,
            summary: "Yahoo/AOL [TS01]-[TS03]: all messages from the IP permanently deferred.",
            any: ["[ts01]", "[ts02]", "[ts03]", "will be permanently deferred"],
            sample: SampleLine.exim(
                "chris@aol.com", host: yahooHost, after: "MAIL FROM:<news@example.org> SIZE=9402",
                reply: "554 5.7.9 [TS03] All messages from 198.51.100.23 will be permanently "
                    + "deferred; Retrying will NOT succeed. See "
                    + "https://postmaster.yahooinc.com/error-codes")),
        Rule(
            "microsoft.banned-sender", .blacklisted,
            summary: "Exchange Online 5.7.511/5.7.606-5.7.608: banned sender or sending IP.",
            codes: ["5.7.511", "5.7.606", "5.7.607", "5.7.608"],
            blocklist: Blocklist(
                name: "Microsoft banned IP", delistURL: "https://sender.office.com/"),
            sample: Rule.pf(
                "5.7.511",
                "550 5.7.511 Access denied, banned sender[198.51.100.23]. "
                    + "To request removal, forward this message to delist@microsoft.com. "
                    + "[BL02EPF0001A0F8.namprd09.prod.outlook.com]", stage: "MAIL FROM")),
        Rule(
            "microsoft.5.7.750", .reputation,
            summary:
                "Exchange Online 5.7.705/5.7.750: tenant or sender blocked over its threshold.",
            codes: ["5.7.705", "5.7.750"],
            sample: Rule.ex(
                "550 5.7.750 Service unavailable. Client blocked from sending from "
                    + "unregistered domains. [SN1NAM02FT0041.eop-nam02.prod.protection.outlook.com]",
                after: "MAIL FROM:<news@example.org> SIZE=7001")),
        Rule(
            "microsoft.dbeb", .recipientUnknown,
            summary: "Exchange Online 5.4.1 Recipient address rejected: Access denied "
                + "(Directory-Based Edge Blocking: no such recipient).",
            any: ["recipient address rejected: access denied"],
            codes: ["5.4.1"],
            sample: SampleLine.postfix(
                "former.employee@contoso.com", relay: exoRelay, dsn: "5.4.1",
                said: "550 5.4.1 Recipient address rejected: Access denied. For more "
                    + "information see https://aka.ms/EXOSmtpErrors "
                    + "[DB1PEPF00039232.eurprd03.prod.outlook.com 2026-11-26T10:14:03.118Z "
                    + "08DD0D2B6A3E1F44]")),
        Rule(
            "microsoft.4.7.500", .rateLimited,
            summary: "Exchange Online / Outlook.com 4.7.500-4.7.699: server busy, try again later.",
            any: ["server busy. please try again later"],
            sample: SampleLine.postfix(
                "j.smith@outlook.com", relay: outlookRelay, dsn: "4.7.500", status: "deferred",
                said: "451 4.7.500 Server busy. Please try again later from [198.51.100.23]. "
                    + "(S77719) [Name=Protocol Filter Agent][AGT=PFA][MxId=11BB4A5F8B3E29C0] "
                    + "[VI1EUR04FT011.eop-eur04.prod.protection.outlook.com]",
                stage: "MAIL FROM")),
        Rule(
            "gmail.4.2.1", .rateLimited,
            summary: "Gmail 4.2.1: the recipient is receiving mail at a rate that prevents more "
                + "deliveries.",
            any: ["receiving mail at a rate that", "receiving mail too quickly"],
            sample: SampleLine.exim(
                "busy.person@gmail.com", host: gmailHost, deferred: true,
                reply: "450-4.2.1 The user you are trying to contact is receiving mail at a rate "
                    + "that\\n450-4.2.1 prevents additional messages from being delivered. Please "
                    + "resend your\\n450 4.2.1 message at a later time. - gsmtp")),
        Rule(
            "gmail.5.7.0.security", .contentRejected,
            summary: "Gmail 5.7.0: the content presents a potential security issue (attachment, "
                + "link).",
            any: ["content presents a potential", "potential security issue"],
            sample: SampleLine.postfix(
                "friend@gmail.com", relay: gmailRelay, dsn: "5.7.0",
                said: "552-5.7.0 This message was blocked because its content presents a "
                    + "potential 552-5.7.0 security issue. Please visit 552-5.7.0  "
                    + "https://support.google.com/mail/?p=BlockedMessage to review our 552 5.7.0 "
                    + "message content and attachment content guidelines. "
                    + "d2e1a72fcca58-7245f0a1c3esi1234567b3a.412 - gsmtp",
                stage: "end of DATA")),
        Rule(
            "gmail.5.7.1.unsolicited", .spam,
            summary: "Gmail 5.7.1: this message is likely unsolicited mail (spam), not a block on "
                + "the IP.",
            any: ["likely unsolicited mail", "message is likely unsolicited"],
            sample: SampleLine.exim(
                "friend@gmail.com", host: gmailHost, after: "end of data",
                reply: "550-5.7.1 [198.51.100.23      19] Our system has detected that this "
                    + "message is\\n550-5.7.1 likely unsolicited mail. To reduce the amount of "
                    + "spam sent to Gmail,\\n550-5.7.1 this message has been blocked. - gsmtp")),
        Rule(
            "gmail.5.7.25.ptr", .reverseDNS,
            summary: "Gmail 5.7.25: the sending IP has no PTR record or it does not match.",
            any: ["does not have a ptr record", "ptr record setup"],
            sample: SampleLine.postfix(
                "friend@gmail.com", relay: gmailRelay, dsn: "5.7.25",
                said: "550-5.7.25 [198.51.100.23] The IP address sending this message does not "
                    + "have a 550-5.7.25 PTR record setup, or the corresponding forward DNS entry "
                    + "does not 550-5.7.25 point to the sending IP. As a policy, Gmail does not "
                    + "accept messages 550-5.7.25 from IPs with missing PTR records. - gsmtp")),
        Rule(
            "gmail.not-tls", .tls,
            summary: "Gmail: rate limited because the message was not sent over TLS.",
            any: ["wasn't sent over a tls connection", "not sent over a tls connection"],
            sample: SampleLine.postfix(
                "friend@gmail.com", relay: gmailRelay, dsn: "4.7.29", status: "deferred",
                said: "421-4.7.29 Your email has been rate limited because this message wasn't "
                    + "sent 421-4.7.29 over a TLS connection. To protect our users from spam, "
                    + "your email has 421 4.7.29 been temporarily rate limited. - gsmtp",
                stage: "end of DATA")),
        Rule(
            "yahoo.5.7.9.policy", .policy,
            summary: "Yahoo/AOL 5.7.9: message not accepted for policy reasons.",
            any: ["not accepted for policy reasons"],
            // [PH01] says the content was judged spam or phishing: spam.phrase decides it.
            none: ["[ph01]"],
            sample: SampleLine.postfix(
                "pat@yahoo.com", relay: yahooRelay, dsn: "5.7.9",
                said: "554 5.7.9 Message not accepted for policy reasons.  See "
                    + "https://postmaster.yahooinc.com/error-codes",
                stage: "end of DATA")),
        Rule(
            "yahoo.no-account", .recipientUnknown,
            summary: "Yahoo/AOL: this user doesn't have an account.",
            any: ["doesn't have a yahoo", "doesn't have an aol", "user doesn't have a"],
            sample: SampleLine.exim(
                "no.body@yahoo.com", host: yahooHost,
                reply: "554 delivery error: dd This user doesn't have a yahoo.com account "
                    + "(no.body@yahoo.com) [0] - mta1046.mail.gq1.yahoo.com")),
        Rule(
            "icloud.cs01", .spam,
            summary:
                "iCloud [CS01]: message rejected due to local policy (content judged as spam).",
            any: ["[cs01]"],
            sample: SampleLine.postfix(
                "kim@icloud.com", relay: "mx01.mail.icloud.com[17.57.154.33]:25", dsn: "5.7.1",
                said: "554 5.7.1 [CS01] Message rejected due to local policy. Please visit "
                    + "https://support.apple.com/en-us/HT204137",
                stage: "end of DATA")),
        Rule(
            "icloud.hm08", .reputation,
            summary: "iCloud [HM08]/[HM07]: rejected for the sender's reputation or volume.",
            any: ["[hm08]", "[hm07]"],
            sample: SampleLine.exim(
                "kim@icloud.com", host: "mx02.mail.icloud.com [17.57.154.34]",
                after: "MAIL FROM:<news@example.org> SIZE=12001",
                reply: "550 5.7.1 [HM08] Message rejected due to local policy. Please visit "
                    + "https://support.apple.com/en-us/HT204137")),
        Rule(
            "mailru.spam", .spam,
            summary: "mail.ru: spam message rejected.",
            any: ["spam message rejected", "notspam-support"],
            sample: SampleLine.postfix(
                "ivan@mail.ru", relay: "mxs.mail.ru[94.100.180.31]:25", dsn: "5.0.0",
                said: "550 spam message rejected. Please visit "
                    + "https://help.mail.ru/notspam-support/id?c=Vl3HW1hP or report details to "
                    + "abuse@corp.mail.ru. Error code: 5A9B3E1C. ID: 00000000A1B2C3D4.",
                stage: "end of DATA")),
        Rule(
            "yandex.spam", .spam,
            summary: "Yandex: message rejected under suspicion of SPAM.",
            any: ["under suspicion of spam"],
            sample: SampleLine.exim(
                "olga@yandex.ru", host: "mx.yandex.ru [77.88.21.249]", after: "end of data",
                reply: "554 5.7.1 [2] Message rejected under suspicion of SPAM; "
                    + "https://ya.cc/1IrBc 1732615800-abcDEFgh12-XyZ")),
        Rule(
            "mimecast.spoofing", .senderAuthentication,
            summary: "Mimecast: rejected by the anti-spoofing policy.",
            any: ["anti-spoofing policy", "anti-spoofing"],
            sample: SampleLine.postfix(
                "accounts@partner.example",
                relay: "eu-smtp-inbound-1.mimecast.com[195.130.217.221]:25",
                dsn: "5.0.0",
                said: "550 Rejected by header based Anti-Spoofing policy: accounts@partner.example "
                    + "- https://community.mimecast.com/docs/DOC-1369#550 "
                    + "[k3Wq2HZbNzGfVv4aDcM9Ww.uk67]",
                stage: "end of DATA")),
        Rule(
            "mimecast.internal-resource", .remoteError,
            summary: "Mimecast 451: internal resource temporarily unavailable.",
            any: ["internal resource temporarily unavailable"],
            sample: SampleLine.exim(
                "accounts@partner.example",
                host: "eu-smtp-inbound-1.mimecast.com [195.130.217.221]",
                deferred: true,
                reply: "451 Internal resource temporarily unavailable - "
                    + "https://community.mimecast.com/docs/DOC-1369#451")),
        Rule(
            "mimecast.security-policies", .policy,
            summary: "Mimecast 554: email rejected due to security policies; or an envelope block.",
            any: ["rejected due to security policies", "envelope blocked"],
            sample: SampleLine.postfix(
                "accounts@partner.example",
                relay: "eu-smtp-inbound-2.mimecast.com[91.220.42.231]:25",
                dsn: "5.0.0",
                said: "554 Email rejected due to security policies - "
                    + "https://community.mimecast.com/docs/DOC-1369#554 "
                    + "[Ab1cD2eF3gH4iJ5kL6mN7o.uk248]",
                stage: "end of DATA")),
        Rule(
            "gmx.policy", .policy,
            summary: "GMX/WEB.DE: rejected due to policy restrictions.",
            any: ["reject due to policy restrictions", "policy restrictions"],
            sample: SampleLine.exim(
                "max.mustermann@web.de", host: "mx-ha03.web.de [212.227.17.8]",
                after: "end of data",
                reply: "554-Transaction failed\\n554-Reject due to policy restrictions.\\n554 For "
                    + "explanation visit https://postmaster.web.de/en/case?c=r0701&i=ip&v="
                    + "198.51.100.23&r=0MWQdN-1t8Lx10VKz")),
        Rule(
            "comcast.not-our-customer", .recipientUnknown,
            summary: "Comcast: not our customer.",
            any: ["not our customer"],
            sample: SampleLine.postfix(
                "old.account@comcast.net", relay: "mx2c1.comcast.net[96.114.157.81]:25",
                dsn: "5.1.1",
                said: "550 5.1.1 <old.account@comcast.net> Not our Customer")),
        Rule(
            "cpanel.could-not-deliver", .recipientUnknown,
            summary: "cPanel's Exim: the account or domain may not exist (its guesses also name "
                + "block lists, but the address is what fails).",
            any: ["could not deliver mail to"],
            all: ["may not exist"],
            sample: SampleLine.postfix(
                "office@smallbiz.example", relay: "smallbiz.example[192.0.2.210]:25",
                dsn: "5.0.0",
                said: "550-The mail server could not deliver mail to office@smallbiz.example.  "
                    + "The account or 550-domain may not exist, they may be blacklisted, or "
                    + "missing the proper 550 dns entries.")),
    ]
}
