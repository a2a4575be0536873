extension Rule {
    /// Texts that name a block list. They come first among the text rules: a list name means
    /// `blacklisted` even in a 4xx reply that says "try again later" (CAUSES.md).
    static let blocklistRules: [Rule] = [
        Rule(
            "microsoft.s3150", .blacklisted,
            summary: "Outlook.com/Hotmail: part of the sender's network is on Microsoft's block "
                + "list (S3150).",
            any: ["(s3150)", "s3150"],
            blocklist: Blocklist(
                name: "Microsoft S3150", delistURL: "https://olcsupport.office.com/"),
            sample: SampleLine.postfix(
                "jane.doe@hotmail.com",
                relay: "hotmail-com.olc.protection.outlook.com[52.101.68.14]:25",
                dsn: "5.7.1",
                said: "550 5.7.1 Unfortunately, messages from [198.51.100.23] weren't sent. Please "
                    + "contact your Internet service provider since part of their network is on "
                    + "our block list (S3150). You can also refer your provider to "
                    + "http://mail.live.com/mail/troubleshooting.aspx#errors. "
                    + "[AM4PEPF00027A6C.eurprd04.prod.outlook.com 2026-11-26T10:14:03.512Z "
                    + "08DD0D2B6A3E1F44]")),
        Rule(
            "microsoft.s3140", .blacklisted,
            summary: "Outlook.com/Hotmail: the sending IP is on Microsoft's block list (S3140).",
            any: ["(s3140)", "s3140"],
            blocklist: Blocklist(
                name: "Microsoft S3140", delistURL: "https://olcsupport.office.com/"),
            sample: SampleLine.exim(
                "j.smith@outlook.com",
                host: "outlook-com.olc.protection.outlook.com [52.101.68.14]",
                reply: "550 5.7.1 Unfortunately, messages from [198.51.100.23] weren't sent. "
                    + "Please contact your Internet service provider since part of their network "
                    + "is on our block list (S3140). You can also refer your provider to "
                    + "http://mail.live.com/mail/troubleshooting.aspx#errors.")),
        Rule(
            "microsoft.5.7.606", .blacklisted,
            summary: "Exchange Online: banned sending IP (5.7.606-5.7.649); delist at "
                + "sender.office.com.",
            any: ["banned sending ip"],
            blocklist: Blocklist(
                name: "Microsoft banned IP", delistURL: "https://sender.office.com/"),
            sample: SampleLine.postfix(
                "ceo@contoso.com", relay: "contoso-com.mail.protection.outlook.com[52.101.41.3]:25",
                dsn: "5.7.606",
                said: "550 5.7.606 Access denied, banned sending IP [198.51.100.23]. To request "
                    + "removal from this list please visit https://sender.office.com/ and follow "
                    + "the directions. For more information please go to "
                    + "http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) "
                    + "[DB5EUR03FT042.eop-EUR03.prod.protection.outlook.com]")),
        Rule(
            "yahoo.bl21", .blacklisted,
            summary: "Yahoo/AOL [BL21]: the sending IP is on a Spamhaus list Yahoo uses.",
            any: ["[bl21]"],
            blocklist: Blocklist(
                name: "Yahoo BL21", delistURL: "https://senders.yahooinc.com/contact"),
            sample: SampleLine.postfix(
                "pat@yahoo.com", relay: "mta6.am0.yahoodns.net[67.195.204.74]:25", dsn: "5.7.1",
                status: "bounced",
                said: "553 5.7.1 [BL21] Connections will not be accepted from 198.51.100.23, "
                    + "because the ip is in Spamhaus's list; see "
                    + "https://postmaster.yahooinc.com/error-codes",
                stage: "MAIL FROM")),
        Rule(
            "yahoo.bl23", .blacklisted,
            summary: "Yahoo/AOL [BL23]: the sending IP is on the Spamhaus XBL.",
            any: ["[bl23]"],
            blocklist: Blocklist(
                name: "Yahoo BL23", delistURL: "https://senders.yahooinc.com/contact"),
            sample: SampleLine.exim(
                "chris@aol.com", host: "mx-aol.mail.gm0.yahoodns.net [67.195.228.94]",
                after: "MAIL FROM:<news@example.org> SIZE=18231",
                reply: "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus "
                    + "XBL; see https://postmaster.yahooinc.com/error-codes")),
        Rule(
            "gmx.blacklisted", .blacklisted,
            summary: "GMX/WEB.DE: the sending IP is black listed (Nemesis ESMTP, c=bl).",
            any: ["black listed", "&c=bl"],
            all: ["nemesis"],
            blocklist: Blocklist(
                name: "GMX/WEB.DE", delistURL: "https://postmaster.gmx.net/en/contact"),
            sample: SampleLine.postfixOwn(
                "max.mustermann@gmx.de", relay: "mx00.emig.gmx.net[212.227.15.9]:25",
                dsn: "5.0.0", status: "bounced",
                text: "host mx00.emig.gmx.net[212.227.15.9] refused to talk to me: "
                    + "554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP "
                    + "service 554-IP address is black listed. 554 For explanation visit "
                    + "https://postmaster.gmx.net/en/case?c=bl&i=ip&v=198.51.100.23&r=1MJV2S")),
        Rule(
            "comcast.bl000000", .blacklisted,
            summary: "Comcast: the sending IP is on Comcast's block list or a DNSBL (BL0000xx).",
            any: ["#bl00000", "found on one or more dnsbls"],
            blocklist: Blocklist(name: "Comcast", delistURL: "https://postmaster.comcast.net/"),
            sample: SampleLine.postfixOwn(
                "sam@comcast.net", relay: "mx1a1.comcast.net[96.114.157.80]:25", dsn: "5.0.0",
                status: "bounced",
                text: "host mx1a1.comcast.net[96.114.157.80] refused to talk to me: 554 "
                    + "resimta-po-21v.sys.comcast.net resimta-po-21v.sys.comcast.net "
                    + "198.51.100.23 found on one or more DNSBLs, see "
                    + "http://postmaster.comcast.net/smtp-error-codes.php#BL000001")),
        Rule(
            "proofpoint.blocked", .blacklisted,
            summary: "Proofpoint: the sending IP is blocked by Proofpoint's reputation list.",
            any: ["ipcheck.proofpoint.com", "dnsbl-lookup.cgi"],
            blocklist: Blocklist(name: "Proofpoint", delistURL: "https://ipcheck.proofpoint.com/"),
            sample: SampleLine.exim(
                "buyer@bigcorp.example", host: "mx0a-00123401.pphosted.com [148.163.156.1]",
                after: "MAIL FROM:<news@example.org> SIZE=20511",
                reply: "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=198.51.100.23")),
        Rule(
            "cloudmark.blocked", .blacklisted,
            summary: "Orange and others: the sending IP is blocked for spamming (Cloudmark CSI).",
            any: ["blocked for spamming", "bloquee pour incident de spam", "csi.cloudmark.com"],
            blocklist: Blocklist(
                name: "Cloudmark CSI", delistURL: "https://csi.cloudmark.com/en/reset/"),
            sample: SampleLine.postfixOwn(
                "claire@orange.fr", relay: "smtp-in.orange.fr[193.252.22.65]:25", dsn: "5.0.0",
                status: "bounced",
                text: "host smtp-in.orange.fr[193.252.22.65] refused to talk to me: 550 mwinf5c37 "
                    + "ME Adresse IP source bloquee pour incident de spam. Client host blocked for "
                    + "spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/"
                    + "?ip=198.51.100.23 [102]")),
        Rule(
            "cisco.hat-reject", .blacklisted,
            summary: "Cisco Secure Email (IronPort): the sender's SenderBase/Talos reputation put "
                + "it on the reject list.",
            any: ["your access to submit messages to this e-mail system has been rejected"],
            blocklist: Blocklist(
                name: "Cisco Talos", delistURL: "https://talosintelligence.com/reputation_center/"),
            sample: SampleLine.postfixOwn(
                "orders@supplier.example", relay: "esa1.supplier.iphmx.com[68.232.140.10]:25",
                dsn: "5.0.0", status: "bounced",
                text: "host esa1.supplier.iphmx.com[68.232.140.10] refused to talk to me: 554 "
                    + "#5.7.1 Your access to submit messages to this e-mail system has been "
                    + "rejected.")),
        Rule(
            "spamhaus.dnsbl", .blacklisted,
            summary: "A Spamhaus zone (ZEN, SBL, XBL, PBL, CSS, DBL) is named.",
            any: ["spamhaus"],
            sample: SampleLine.postfix(
                "someone@example.net", relay: "mx.example.net[192.0.2.25]:25", dsn: "5.7.1",
                said: "554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using "
                    + "zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.23")),
        Rule(
            "barracuda.brbl", .blacklisted,
            summary: "The Barracuda Reputation Block List is named.",
            any: ["barracudacentral", "barracuda reputation"],
            sample: SampleLine.postfix(
                "info@shop.example", relay: "d123456a.ess.barracudanetworks.com[209.222.82.255]:25",
                dsn: "5.7.1",
                said: "554 Service unavailable; Client host [198.51.100.23] blocked using "
                    + "Barracuda Reputation; "
                    + "http://www.barracudanetworks.com/reputation/?r=1&ip=198.51.100.23")),
        Rule(
            "dnsbl.named", .blacklisted,
            summary: "Another DNSBL is named (SpamCop, SORBS, UCEPROTECT, PSBL, Mailspike, "
                + "Invaluement, SpamRATS, Abusix, ...).",
            any: [
                "spamcop", "sorbs", "uceprotect", "psbl", "mailspike", "invaluement", "spamrats",
                "backscatterer", "abusix", "senderscore", "ivmsip", "spameatingmonkey",
                "s5h.net", "nordspam",
            ],
            sample: SampleLine.exim(
                "office@firm.example", host: "mail.firm.example [192.0.2.80]",
                reply: "550 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using "
                    + "bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?198.51.100.23"
            )),
        Rule(
            "dnsbl.generic", .blacklisted,
            summary: "The text says the sender is on a block list without naming a known one.",
            any: [
                "blocked using ", "blacklisted", "black listed", "blocklisted", "block list",
                "blocklist", "black list", "blacklist", "dnsbl", " rbl", "rbl ", "rbl:",
                "is listed", "listed in ", "listed at ", "listed on ", "listed by ",
                "due to listing", "ip reputation list",
            ],
            // cPanel's "could not deliver" reply lists "may be blacklisted" among the guesses.
            none: [
                "greylist", "graylist", "grey-list", "grey list", "gray list", "may be blacklisted",
            ],
            sample: SampleLine.postfix(
                "admin@university.example", relay: "mx1.university.example[192.0.2.60]:25",
                dsn: "4.7.1", status: "deferred",
                said: "450 4.7.1 Client host rejected: 198.51.100.23 is listed in "
                    + "rbl.university.example, try again later")),
    ]
}
