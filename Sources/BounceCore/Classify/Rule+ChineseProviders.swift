extension Rule {
    static let neteaseRelay = "163mx01.mxmail.netease.com[220.181.14.141]:25"
    static let neteaseHost = "126mx02.mxmail.netease.com [220.181.15.141]"
    static let qqRelay = "mx3.qq.com[203.205.219.57]:25"
    static let qqHost = "mx2.qq.com [203.205.221.96]"
    static let exmailRelay = "mxbiz1.qq.com[183.3.255.47]:25"

    /// A NetEase reply as its servers word it: the code, then a link to the help page, whose
    /// name (`help_spam_16.htm`) is not evidence of anything.
    static func netease(_ code: String, _ words: String) -> String {
        "\(code) \(words) http://mail.163.com/help/help_spam_16.htm?ip=198.51.100.23"
            + "&hostid=gzga-smtp-mta-g1-5&time=1764152043"
    }

    /// Tencent (QQ Mail, Exmail/Foxmail), NetEase (163, 126, yeah.net, 188), Sina, Sohu and
    /// Aliyun Mail: their own codes (NetEase's `XX:YYY` codes, QQ's `no=10007xx` help pages),
    /// which decide before any generic wording.
    static let chineseProviderRules: [Rule] = [
        Rule(
            "netease.rate", .rateLimited,
            summary: "NetEase HL:ICC/HL:IFC, MI:DMC/MI:CCL/MI:SFQ/MI:STC, RP:DRC/RP:CCL/RP:QRC/"
                + "RP:TRC/RP:RCL: too many connections, messages, commands or recipients.",
            any: [
                "hl:icc", "hl:ifc", "mi:dmc", "mi:ccl", "mi:sfq", "mi:stc", "rp:drc", "rp:ccl",
                "rp:qrc", "rp:trc", "rp:rcl",
            ],
            sample: SampleLine.postfix(
                "li.wei@163.com", relay: neteaseRelay, dsn: "4.0.0", status: "deferred",
                said: netease("451 MI:SFQ", "Sender frequency limited in 15 minutes"),
                stage: "RCPT TO")),
        Rule(
            "netease.reputation", .reputation,
            summary: "NetEase HL:REP/HL:MEP/HL:IHU: the IP sent to many unknown users, forged "
                + "sender domains or spam, and is suspended for a while.",
            any: ["hl:rep", "hl:mep", "hl:ihu"],
            sample: SampleLine.exim(
                "wang.fang@126.com", host: neteaseHost, deferred: true,
                after: "MAIL FROM:<news@example.org> SIZE=8211",
                reply: netease("421 HL:REP", "Suspicious sending behaviour, too many unknown users")
            )),
        Rule(
            "netease.blocked", .blacklisted,
            summary:
                "NetEase DT:RBL/WM:BLI/HL:IPB/IP:BL: the IP is on a block list NetEase uses or "
                + "not among the addresses it accepts.",
            any: ["dt:rbl", "wm:bli", "hl:ipb", "ip:bl "],
            blocklist: Blocklist(name: "NetEase", delistURL: "https://help.mail.163.com/"),
            sample: SampleLine.postfix(
                "zhang.min@yeah.net", relay: "yeahmx01.mxmail.netease.com[220.181.14.161]:25",
                dsn: "5.0.0",
                said: netease("554 IP:BL", "198.51.100.23 is not in the allowed sender list"),
                stage: "MAIL FROM")),
        Rule(
            "netease.authentication", .senderAuthentication,
            summary: "NetEase MI:SPF/MI:DMA: SPF or DMARC of the sender domain failed.",
            any: ["mi:spf", "mi:dma"],
            sample: SampleLine.exim(
                "chen.jie@163.com", host: "163mx03.mxmail.netease.com [220.181.14.143]",
                after: "end of data",
                reply: netease("550 MI:DMA", "DMARC policy of the sender domain not passed"))),
        Rule(
            "netease.relay", .relayDenied,
            summary: "NetEase RP:FRL: no open relay.",
            any: ["rp:frl"],
            sample: SampleLine.postfix(
                "someone@elsewhere.example", relay: neteaseRelay, dsn: "5.0.0",
                said: netease("550 RP:FRL", "Forwarding not permitted"))),
        Rule(
            "netease.protocol", .protocolError,
            summary: "NetEase MI:NHD/MI:CEL/RP:CEL: an empty HELO or too many wrong commands.",
            any: ["mi:nhd", "mi:cel", "rp:cel"],
            sample: SampleLine.exim(
                "liu.yang@188.com", host: "188mx01.mxmail.netease.com [220.181.14.151]",
                deferred: true, after: "MAIL FROM:<news@example.org> SIZE=4102",
                reply: netease("450 MI:CEL", "Too many error commands"))),
        Rule(
            "netease.sender", .policy,
            summary: "NetEase MI:IMF/DT:SUM/WM:BLU/MI:SPB: the sender address is malformed, "
                + "differs from the header sender, or is not allowed.",
            any: ["mi:imf", "dt:sum", "wm:blu", "mi:spb"],
            sample: SampleLine.postfix(
                "huang.lei@126.com", relay: "126mx01.mxmail.netease.com[220.181.15.140]:25",
                dsn: "5.0.0",
                said: netease("554 DT:SUM", "Envelope sender does not match the header sender"),
                stage: "end of DATA")),
        Rule(
            "qq.frequency", .rateLimited,
            summary: "QQ Mail/Exmail: IP, connection, domain or sender frequency limited "
                + "(help pages no=1000722, 1000723, 1000725).",
            any: ["frequency limited", "no=1000722", "no=1000723", "no=1000725"],
            sample: SampleLine.postfix(
                "12345678@qq.com", relay: qqRelay, dsn: "5.0.0",
                said: "550 Ip frequency limited. http://service.mail.qq.com/cgi-bin/help?"
                    + "subtype=1&&id=20022&&no=1000725")),
        Rule(
            "qq.recipient-flooded", .rateLimited,
            summary: "QQ Mail: \"Mailbox unavailable or access denied\" is QQ's refusal of a "
                + "recipient who received too much mail in a short time.",
            any: ["mailbox unavailable or access denied"],
            destinations: ["qq.com", "foxmail.com"],
            sample: SampleLine.exim(
                "87654321@qq.com", host: qqHost,
                reply: "550 Mailbox unavailable or access denied [MJfrB0Nh1DE2Mx3Ns2FCAA--.1234S2]")
        ),
        Rule(
            "qq.content-denied", .spam,
            summary: "QQ Mail/Exmail: mail content denied (no=1000726): reported or detected as "
                + "spam.",
            any: ["mail content denied", "no=1000726"],
            sample: SampleLine.postfix(
                "sales@customer.example", relay: exmailRelay, dsn: "5.0.0",
                said: "550 Mail content denied. http://service.exmail.qq.com/cgi-bin/help?"
                    + "subtype=1&&id=20022&&no=1000726",
                stage: "end of DATA")),
        Rule(
            "qq.not-found", .recipientUnknown,
            summary: "QQ Mail/Exmail: mailbox not found (no=1000728).",
            any: ["no=1000728"],
            sample: SampleLine.exim(
                "left.company@customer.example", host: "mxbiz2.qq.com [183.3.255.48]",
                reply: "550 Mailbox not found. http://service.exmail.qq.com/cgi-bin/help?"
                    + "subtype=1&&id=20022&&no=1000728")),
        Rule(
            "qq.address-syntax", .protocolError,
            summary: "QQ Mail/Exmail: bad address syntax (no=1000730).",
            any: ["no=1000730"],
            sample: SampleLine.postfix(
                "first..last@qq.com", relay: qqRelay, dsn: "5.0.0",
                said: "501 Bad address syntax. http://service.mail.qq.com/cgi-bin/help?"
                    + "subtype=1&&id=20022&&no=1000730")),
        Rule(
            "qq.spam-sender", .reputation,
            summary: "QQ Mail: suspected spam sender (the sending domain or operator sent much "
                + "spam).",
            any: ["suspected spam sender"],
            sample: SampleLine.exim(
                "55555555@qq.com", host: qqHost, after: "MAIL FROM:<news@example.org> SIZE=5012",
                reply: "550 Suspected spam sender. [N6xrA1Jh2CE4Mx9Ns8ZCAA--.2345S3]")),
        Rule(
            "qq.rejected-by-recipient", .policy,
            summary: "QQ Mail: the recipient's own block list or filter refused the sender.",
            any: ["mail is rejected by recipients", "rejected by recipients"],
            sample: SampleLine.postfix(
                "99999999@qq.com", relay: qqRelay, dsn: "5.0.0",
                said: "550 Mail is rejected by recipients [HfWsC0Bh3GE8Mx1Ns5QCAA--.3456S4]",
                stage: "end of DATA")),
    ]
}
