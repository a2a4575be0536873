extension Rule {
    static let sohuRelay = "mx1.sohu.com[123.126.104.100]:25"
    static let aliyunRelay = "mx1.qiye.aliyun.com[47.246.146.62]:25"
    static let aliyunHost = "mx2.qiye.aliyun.com [47.246.146.63]"
    static let aliyunSubmission = "smtp.qiye.aliyun.com[47.246.146.1]:465"
    static let daumRelay = "mx1.hanmail.net[211.231.108.46]:25"
    static let daumHost = "mx2.hanmail.net [211.231.108.47]"

    /// Sohu, Aliyun (Alibaba Mail), Tencent Exmail, Naver and Daum/Kakao: replies whose provider
    /// documents a meaning the generic wording would miss (Aliyun's "behaviour spam" is about the
    /// sending IP, not the message; Daum's `CCRT` is a block by its spam centre, not a busy
    /// server). They decide before the generic wording, after the block lists.
    static let asiaProviderPackRules: [Rule] = [
        Rule(
            "sohu.ip-reject", .blacklisted,
            summary: "Sohu `553 5.7.0 IP REJECT: <ip>:<time>:<url>`: the sending IP is on Sohu's "
                + "own block list (too much mail, forged sender domains or spam-like content); "
                + "the reply's own link leads to the removal request.",
            any: ["ip reject:"], replyCodes: [553],
            blocklist: Blocklist(name: "Sohu", delistURL: "https://mail.sohu.com/"),
            sample: SampleLine.postfix(
                "li.ming@sohu.com", relay: sohuRelay, dsn: "5.7.0",
                said: "553 5.7.0 IP REJECT: 198.51.100.23:1764152043:http://mail.sohu.com/",
                stage: "MAIL FROM")),
        Rule(
            "aliyun.behaviour-spam", .reputation,
            summary: "Aliyun Mail `554 Reject by behaviour spam` and `454 Transient reject by "
                + "behaviour spam`: the sending IP or domain sends too much or has a poor "
                + "reputation; the message itself was not judged.",
            any: ["reject by behaviour spam"],
            sample: SampleLine.postfix(
                "hr@aliyun-customer.example", relay: aliyunRelay, dsn: "5.0.0",
                said: "554 Reject by behaviour spam at Rcpt State(Connection IP address:"
                    + "198.51.100.23)ANTISPAM_BAT[01201311R121b, xx]")),
        Rule(
            "aliyun.content-spam", .spam,
            summary: "Aliyun Mail `554 Reject by content spam` and `spamed by local spam "
                + "engine`: the content was judged spam.",
            any: ["reject by content spam", "spamed by local spam engine"],
            sample: SampleLine.exim(
                "sales@aliyun-customer.example", host: aliyunHost, after: "end of data",
                reply: "554 Reject by content spam")),
        Rule(
            "aliyun.rcpt-not-exist", .recipientUnknown,
            summary: "Aliyun Mail `554 RCPT (<address>) dosn't exist` (its own spelling): no "
                + "such mailbox.",
            any: ["dosn't exist"],
            sample: SampleLine.postfix(
                "zhou.li@aliyun-customer.example", relay: aliyunRelay, dsn: "5.0.0",
                said: "554 RCPT (zhou.li@aliyun-customer.example) dosn't exist")),
        Rule(
            "aliyun.receive-not-allowed", .mailboxDisabled,
            summary: "Aliyun Mail `542 This account isn't allowed to receive email`: the "
                + "mailbox exists but may not receive.",
            any: ["isn't allowed to receive email"],
            sample: SampleLine.exim(
                "wu.fang@aliyun-customer.example", host: aliyunHost,
                reply: "542 This account isn't allowed to receive email")),
        Rule(
            "aliyun.rcpt-threshold", .rateLimited,
            summary: "Aliyun Mail `504`/`505 the number of RCPT attempts (the total of RCPTs) is "
                + "achieved the maximum threshold`: too many recipients for now.",
            any: ["number of rcpt attempts is achieved", "total of rcpts is achieved"],
            sample: SampleLine.postfix(
                "partner@elsewhere.example", relay: aliyunSubmission, dsn: "5.0.0",
                said: "505 the total of RCPTs is achieved the maximum threshold")),
        Rule(
            "aliyun.size-threshold", .messageTooLarge,
            summary: "Aliyun Mail `510 The length of DATA content (of Attach) is achieved the "
                + "maximum threshold`: the body or the attachments are over its size limit.",
            any: ["length of data content is achieved", "length of attach is achieved"],
            sample: SampleLine.postfix(
                "partner@elsewhere.example", relay: aliyunSubmission, dsn: "5.0.0",
                said: "510 The length of Attach is achieved the maximum threshold",
                stage: "end of DATA")),
        Rule(
            "exmail.content-rejected", .spam,
            summary: "Tencent Exmail and QQ Mail `550 Error: content rejected`: their content "
                + "filter refused the message as spam (the keyword their bounce help lists).",
            any: ["error: content rejected"],
            sample: SampleLine.postfix(
                "sales@exmail-customer.example", relay: exmailRelay, dsn: "5.0.0",
                said: "550 Error: content rejected", stage: "end of DATA")),
        Rule(
            "naver.realip", .reputation,
            summary: "Naver `421 4.3.2 Your IP(<ip>) is filtered ... register your IP to "
                + "http://realip.naver.com`: Naver filters the sending IP for its past mail until "
                + "it is registered.",
            any: ["realip.naver.com"],
            sample: SampleLine.postfix(
                "lee.jiwoo@naver.com", relay: "mx2.naver.com[125.209.222.14]:25", dsn: "4.3.2",
                status: "deferred",
                said: "421 4.3.2 Your IP(198.51.100.23) is filtered and this connection will be "
                    + "closed. You must register your IP to http://realip.naver.com",
                stage: "MAIL FROM")),
        Rule(
            "daum.anti-spam-block", .reputation,
            summary: "Daum/Kakao `554 5.7.1 DAS51 <ip>: Your mail is blocked automatically by "
                + "anti-spam system`: the sending IP is blocked for the spam it sent.",
            any: ["blocked automatically by anti-spam system"],
            sample: SampleLine.exim(
                "choi.minsu@hanmail.net", host: daumHost,
                after: "MAIL FROM:<news@example.org> SIZE=6120",
                reply: "554 5.7.1 DAS51 198.51.100.23: Your mail is blocked automatically by "
                    + "anti-spam system. (E06)")),
        Rule(
            "daum.ccrt", .reputation,
            summary: "Daum/Kakao `421 4.4.5 CCRT <ip>: Connection refused. Server is busy(RT)`: "
                + "its spam centre took the IP for a spam source and refuses it for a while.",
            any: [" ccrt "],
            sample: SampleLine.postfix(
                "kang.hyun@daum.net", relay: daumRelay, dsn: "4.4.5", status: "deferred",
                said: "421 4.4.5 CCRT 198.51.100.23: Connection refused. Server is busy(RT)",
                stage: "MAIL FROM")),
        Rule(
            "daum.chic", .remoteError,
            summary: "Daum/Kakao `421 4.4.1 CHIC <ip>: Network is busy`: its receiving server "
                + "cannot answer for now (no network failure on our side).",
            any: [" chic "],
            sample: SampleLine.exim(
                "yoon.seo@daum.net", host: daumHost, deferred: true,
                after: "MAIL FROM:<news@example.org> SIZE=3302",
                reply: "421 4.4.1 CHIC 198.51.100.23: Network is busy.")),
    ]
}
