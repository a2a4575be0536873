extension Provider {
    /// The built-in providers: the large mailbox providers of the West, China, Russia, Korea
    /// and Europe, the big ISPs' mail, and the corporate filtering services that answer for the
    /// domains they protect. Relay suffixes are those of their published MX hosts; signatures
    /// are stamps their servers write into replies.
    public static let standard: [Provider] = mailboxProviders + regionalProviders + filters

    static let mailboxProviders: [Provider] = [
        Provider(
            "google", relays: ["google.com", "googlemail.com"], signatures: [" gsmtp"],
            domains: ["gmail.com", "googlemail.com"],
            sample: relayed(
                "jane@example-corp.com", "aspmx.l.google.com", "142.250.27.26",
                "452-4.2.2 The recipient's inbox is out of storage space. 452 4.2.2 "
                    + "https://support.google.com/mail/?p=OverQuotaTemp 3f1a9c2b.0 - gsmtp")),
        Provider(
            "microsoft",
            relays: [
                // `*.mail.protection.outlook.com` (Exchange Online) and
                // `*.olc.protection.outlook.com` (outlook.com) are under `outlook.com`: the
                // shortest suffix that decides keeps the hashing of every relay short.
                "outlook.com", "hotmail.com", "msn.com",
            ],
            signatures: ["protection.outlook.com", "prod.outlook.com", "mail.live.com/"],
            domains: [
                "outlook.com", "hotmail.com", "hotmail.de", "hotmail.co.uk", "hotmail.fr",
                "hotmail.it", "hotmail.es", "live.com", "live.de", "live.co.uk", "live.fr",
                "msn.com", "outlook.de", "outlook.fr",
            ],
            sample: relayed(
                "sales@contoso.com", "contoso-com.mail.protection.outlook.com", "52.101.41.3",
                "550 5.4.1 Recipient address rejected: Access denied. "
                    + "[BN8NAM12FT053.eop-nam12.prod.protection.outlook.com]")),
        Provider(
            "yahoo", relays: ["yahoodns.net", "yahoo.com", "aol.com"],
            signatures: ["postmaster.yahooinc.com", "senders.yahooinc.com"],
            domains: [
                "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.es",
                "yahoo.co.jp", "ymail.com", "rocketmail.com", "aol.com", "aim.com",
            ],
            sample: relayed(
                "joe@yahoo.com", "mta7.am0.yahoodns.net", "67.195.204.77",
                "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to "
                    + "unexpected volume or user complaints - 4.16.55.1; "
                    + "see https://postmaster.yahooinc.com/error-codes")),
        Provider(
            "apple", relays: ["icloud.com"], signatures: ["support.apple.com/"],
            domains: ["icloud.com", "me.com", "mac.com"],
            sample: signed(
                "kim@me.com", "17.57.155.24",
                "554 5.7.1 [CS01] Message rejected due to local policy. Please visit "
                    + "https://support.apple.com/en-us/HT204137")),
        Provider(
            "zoho", relays: ["zoho.com", "zoho.eu", "zoho.in", "zohomail.com"],
            domains: ["zoho.com", "zohomail.com", "zoho.eu"],
            sample: relayed(
                "raj@example-startup.in", "mx.zoho.in", "169.148.142.10",
                "550 5.1.1 User does not exist - <raj@example-startup.in>")),
        Provider(
            "fastmail", relays: ["messagingengine.com", "fastmail.com"],
            domains: ["fastmail.com", "fastmail.fm", "fastmail.net"],
            sample: relayed(
                "ann@fastmail.com", "in1-smtp.messagingengine.com", "103.168.172.218",
                "550 5.2.1 <ann@fastmail.com>: This account is disabled")),
        Provider(
            "proton", relays: ["protonmail.ch", "proton.ch"],
            domains: ["proton.me", "protonmail.com", "protonmail.ch", "pm.me"],
            sample: domained(
                "max@proton.me", "452 4.2.2 Mailbox full")),
        Provider(
            "tutanota", relays: ["tutanota.de", "tutanota.com"],
            domains: ["tutanota.com", "tutanota.de", "tuta.io", "tuta.com", "keemail.me"],
            sample: relayed(
                "lea@tutanota.de", "mail.tutanota.de", "81.3.6.162",
                "550 5.1.1 Recipient address rejected: User unknown")),
        Provider(
            "gmx", relays: ["gmx.net", "gmx.com", "web.de", "mail.com"],
            domains: [
                "gmx.net", "gmx.de", "gmx.at", "gmx.ch", "gmx.com", "web.de", "mail.com",
                "email.com",
            ],
            sample: relayed(
                "paul@web.de", "mx-ha03.web.de", "212.227.17.8",
                "550 Requested action not taken: mailbox unavailable")),
        Provider(
            "ionos", relays: ["kundenserver.de", "ionos.de", "ionos.com", "1and1.com"],
            sample: relayed(
                "info@example-handwerk.de", "mx00.ionos.de", "217.72.192.67",
                "550 Requested action not taken: mailbox unavailable")),
        Provider(
            "t-online", relays: ["t-online.de"], domains: ["t-online.de", "magenta.de"],
            sample: relayed(
                "hans@t-online.de", "mx00.t-online.de", "194.25.134.8",
                "554 IP=192.0.2.25 - A problem occurred. (Ask your postmaster for help or to "
                    + "contact tosa@rx.t-online.de to clarify.) (BL)")),
        Provider(
            "godaddy", relays: ["secureserver.net"],
            sample: relayed(
                "shop@example-store.com", "mx1.secureserver.net", "68.178.213.37",
                "554 5.7.1 192.0.2.25 has been blocked. See https://www.spamhaus.org/")),
        Provider(
            "rackspace", relays: ["emailsrvr.com"],
            sample: relayed(
                "it@example-law.com", "mx1.emailsrvr.com", "146.20.161.11",
                "550 5.1.1 <it@example-law.com>: Recipient address rejected: User unknown")),
        Provider(
            "ovh", relays: ["ovh.net"],
            sample: relayed(
                "contact@example-ovh.fr", "mx1.mail.ovh.net", "188.165.36.237",
                "550 5.1.1 <contact@example-ovh.fr>: Recipient address rejected")),
        Provider(
            "strato", relays: ["rzone.de"],
            sample: relayed(
                "buero@example-strato.de", "smtpin.rzone.de", "81.169.145.97",
                "550 5.1.1 <buero@example-strato.de>... User unknown")),
        Provider(
            "cloudflare", relays: ["cloudflare.net"],
            sample: relayed(
                "me@example-cf.dev", "route1.mx.cloudflare.net", "162.159.205.11",
                "550 5.1.1 Address does not exist")),
    ]

    static let regionalProviders: [Provider] = [
        Provider(
            "tencent", relays: ["qq.com"],
            signatures: ["mail.qq.com/", "exmail.qq.com/"],
            domains: ["qq.com", "vip.qq.com", "foxmail.com"],
            sample: relayed(
                "12345678@qq.com", "mx3.qq.com", "203.205.219.57",
                "550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?"
                    + "subtype=1&&id=20022&&no=1000726")),
        Provider(
            "netease",
            relays: [
                "netease.com", "163.com", "126.com", "yeah.net", "188.com",
            ],
            signatures: ["mail.163.com/help", "help.163.com", "dt:spm"],
            domains: [
                "163.com", "126.com", "yeah.net", "188.com", "vip.163.com", "vip.126.com",
                "netease.com",
            ],
            sample: relayed(
                "lihua@163.com", "163mx01.mxmail.netease.com", "220.181.14.138",
                "550 User not found: lihua@163.com")),
        Provider(
            "sina", relays: ["sina.com", "sina.com.cn", "sina.net"],
            domains: ["sina.com", "sina.cn", "sina.com.cn", "vip.sina.com"],
            sample: relayed(
                "wang@sina.com", "mx.sina.com", "202.108.3.242",
                "550 5.1.1 User unknown")),
        Provider(
            "sohu", relays: ["sohu.com"], domains: ["sohu.com", "vip.sohu.com"],
            sample: domained("zhang@sohu.com", "550 User not found")),
        Provider(
            "aliyun", relays: ["aliyun.com", "mxhichina.com"],
            domains: ["aliyun.com", "aliyun.cn"],
            sample: relayed(
                "chen@example-cn.com", "mxw.mxhichina.com", "47.246.146.52",
                "551 5.1.1 recipient is not exist")),
        Provider(
            "china-mobile", relays: ["139.com"], domains: ["139.com"],
            sample: domained("liu@139.com", "550 Mailbox not found")),
        Provider(
            "china-telecom", relays: ["21cn.com"], domains: ["21cn.com", "189.cn"],
            sample: domained("zhao@21cn.com", "550 Mailbox unavailable")),
        Provider(
            "mailru", relays: ["mail.ru"], signatures: ["help.mail.ru/"],
            domains: ["mail.ru", "bk.ru", "inbox.ru", "list.ru", "internet.ru", "my.com"],
            sample: relayed(
                "ivan@mail.ru", "mxs.mail.ru", "217.69.139.150",
                "550 spam message rejected. Please visit "
                    + "http://help.mail.ru/notspam-support/id?c=1 or report details to "
                    + "abuse@corp.mail.ru. Error code: 1.")),
        Provider(
            "yandex", relays: ["yandex.net", "yandex.ru"], signatures: ["https://ya.cc/"],
            domains: ["yandex.ru", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "narod.ru"],
            sample: relayed(
                "olga@yandex.ru", "mx.yandex.ru", "77.88.21.249",
                "554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc")),
        Provider(
            "rambler", relays: ["rambler.ru"],
            domains: ["rambler.ru", "lenta.ru", "ro.ru", "autorambler.ru", "myrambler.ru"],
            sample: relayed(
                "petr@rambler.ru", "mx.rambler.ru", "81.19.77.166",
                "550 5.1.1 <petr@rambler.ru>: Recipient address rejected: User unknown")),
        Provider(
            "ukrnet", relays: ["ukr.net"], domains: ["ukr.net"],
            sample: domained("taras@ukr.net", "550 5.1.1 User unknown")),
        Provider(
            "naver", relays: ["naver.com"], domains: ["naver.com"],
            sample: relayed(
                "kim@naver.com", "mx1.naver.com", "125.209.238.100",
                "550 5.1.1 Recipient address rejected")),
        Provider(
            "kakao", relays: ["daum.net", "hanmail.net", "kakao.com"],
            domains: ["daum.net", "hanmail.net", "kakao.com"],
            sample: domained("park@hanmail.net", "550 5.1.1 Mailbox unavailable")),
        Provider(
            "rediff", relays: ["rediffmail.com"], domains: ["rediffmail.com"],
            sample: domained("amit@rediffmail.com", "550 5.1.1 No such user")),
        Provider(
            "seznam", relays: ["seznam.cz"], domains: ["seznam.cz", "email.cz", "post.cz"],
            sample: relayed(
                "jan@seznam.cz", "mx1.seznam.cz", "77.75.78.42",
                "550 5.1.1 Mailbox does not exist")),
        Provider(
            "wp", relays: ["wp.pl", "o2.pl"], domains: ["wp.pl", "o2.pl", "tlen.pl"],
            sample: domained("adam@wp.pl", "550 5.1.1 Mailbox unavailable")),
        Provider(
            "onet", relays: ["onet.pl"],
            domains: ["onet.pl", "op.pl", "onet.eu", "poczta.onet.pl", "vp.pl"],
            sample: domained("ewa@onet.pl", "550 5.1.1 User unknown")),
        Provider(
            "interia", relays: ["interia.pl"], domains: ["interia.pl", "interia.eu", "poczta.fm"],
            sample: domained("ola@interia.pl", "550 5.1.1 User unknown")),
        Provider(
            "orange", relays: ["orange.fr", "wanadoo.fr"], domains: ["orange.fr", "wanadoo.fr"],
            sample: relayed(
                "marie@orange.fr", "smtp-in.orange.fr", "80.12.242.19",
                "550 5.1.1 <marie@orange.fr>: Recipient address rejected")),
        Provider(
            "free", relays: ["free.fr"], domains: ["free.fr"],
            sample: relayed(
                "luc@free.fr", "mx1.free.fr", "212.27.48.6",
                "550 5.1.1 <luc@free.fr>: Recipient address rejected: User unknown")),
        Provider(
            "sfr", relays: ["sfr.fr"], domains: ["sfr.fr", "neuf.fr", "cegetel.net"],
            sample: domained("paul@sfr.fr", "550 5.1.1 Mailbox unavailable")),
        Provider(
            "laposte", relays: ["laposte.net"], domains: ["laposte.net"],
            sample: domained("anne@laposte.net", "552 5.2.2 Mailbox full")),
        Provider(
            "libero", relays: ["libero.it", "iol.it"],
            domains: ["libero.it", "virgilio.it", "inwind.it"],
            sample: relayed(
                "marco@libero.it", "smtp-in.libero.it", "213.209.1.129",
                "550 5.1.1 <marco@libero.it> Recipient address rejected")),
        Provider(
            "comcast", relays: ["comcast.net"], domains: ["comcast.net"],
            sample: relayed(
                "bob@comcast.net", "mx1a1.comcast.net", "96.114.157.80",
                "554 resimta-po-10v.sys.comcast.net comcast 192.0.2.25 Comcast block for "
                    + "spam. Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000"
            )),
        Provider(
            "att", relays: ["prodigy.net", "att.net"],
            domains: ["att.net", "sbcglobal.net", "bellsouth.net", "pacbell.net"],
            sample: relayed(
                "sue@att.net", "al-ip4-mx-vip1.prodigy.net", "144.160.159.21",
                "553 5.3.0 flpd575 DNSBL:RBL 521< 192.0.2.25 >_is_blocked")),
        Provider(
            "cox", relays: ["cox.net"], domains: ["cox.net"],
            sample: domained("tom@cox.net", "550 5.1.1 Not our customer")),
        Provider(
            "charter", relays: ["charter.net"], domains: ["charter.net", "spectrum.net"],
            sample: domained("ray@charter.net", "550 5.1.1 Recipient unknown")),
    ]

    static let filters: [Provider] = [
        Provider(
            "proofpoint", relays: ["pphosted.com", "ppe-hosted.com"],
            signatures: ["pphosted.com", "proofpoint"],
            sample: relayed(
                "ap@example-bank.com", "mx0a-00123401.pphosted.com", "148.163.150.10",
                "550 5.7.1 Mail rejected by policy")),
        Provider(
            "mimecast", relays: ["mimecast.com", "mimecast-offshore.com"],
            signatures: ["mimecast"],
            sample: signed(
                "hr@example-insurer.co.uk", "195.130.217.1",
                "550 Invalid recipient - https://community.mimecast.com/docs/DOC-1369#550 "
                    + "[hRcm2FXpOZS5pBs1r8xkVg.uk217]")),
        Provider(
            "cisco", relays: ["iphmx.com"],
            sample: relayed(
                "it@example-pharma.com", "mx1.hc1234-56.iphmx.com", "68.232.140.1",
                "550 #5.1.0 Address rejected.")),
        Provider(
            "barracuda", relays: ["barracudanetworks.com"],
            signatures: ["barracudanetworks.com/"],
            sample: relayed(
                "team@example-school.edu", "d123456a.ess.barracudanetworks.com", "209.222.82.252",
                "550 permanent failure for one or more recipients (team@example-school.edu:blocked)"
            )),
        Provider(
            "broadcom", relays: ["messagelabs.com"], signatures: ["messagelabs"],
            sample: relayed(
                "legal@example-energy.com", "cluster1.eu.messagelabs.com", "85.158.142.97",
                "553-mail rejected because your IP is in the PBL. See http://www.spamhaus.org/pbl")),
        Provider(
            "trendmicro", relays: ["trendmicro.com", "trendmicro.eu"],
            sample: relayed(
                "info@example-maker.jp", "in.hes.trendmicro.com", "18.208.22.100",
                "550 5.1.1 Recipient address rejected: User unknown")),
        Provider(
            "sophos", relays: ["sophos.com"],
            sample: relayed(
                "office@example-clinic.de", "mx-01-eu-central-1.prod.hydra.sophos.com",
                "35.157.150.1", "550 5.7.1 Message rejected due to content restrictions")),
        Provider(
            "forcepoint", relays: ["mailcontrol.com"],
            sample: relayed(
                "sec@example-defence.co.uk", "cluster-a.mailcontrol.com", "208.87.233.190",
                "550 5.7.1 Recipient rejected")),
        Provider(
            "spamexperts",
            relays: ["spamexperts.com", "spamexperts.eu", "spamexperts.net", "antispamcloud.com"],
            sample: relayed(
                "mail@example-host.nl", "mx.spamexperts.com", "185.201.17.10",
                "550 5.7.1 Listed by spamexperts")),
        Provider(
            // Hornetsecurity's older and outbound servers are `*.antispameurope.com`.
            "hornetsecurity", relays: ["hornetsecurity.com", "antispameurope.com"],
            sample: relayed(
                "einkauf@example-gmbh.de", "mx01.hornetsecurity.com", "94.100.132.6",
                "550 5.1.1 Recipient address rejected")),
        Provider(
            "mailchannels", relays: ["mailchannels.net"],
            sample: relayed(
                "owner@example-shop.net", "mx1.mailchannels.net", "23.83.209.135",
                "550 5.7.1 [CS01] Message rejected")),
    ]

    /// A Postfix bounce whose relay names the provider's server.
    static func relayed(_ recipient: String, _ host: String, _ ip: String, _ reply: String)
        -> String
    {
        SampleLine.postfix(
            recipient, relay: "\(host)[\(ip)]:25", dsn: dsnOf(reply), status: status(of: reply),
            said: reply)
    }

    /// A reply signed by the provider, from a server that has no name in DNS.
    static func signed(_ recipient: String, _ ip: String, _ reply: String) -> String {
        SampleLine.postfix(
            recipient, relay: "\(ip)[\(ip)]:25", dsn: dsnOf(reply), status: status(of: reply),
            said: reply)
    }

    /// A delivery through a smart host that hides the provider's server: only the recipient
    /// domain tells.
    static func domained(_ recipient: String, _ reply: String) -> String {
        SampleLine.postfix(
            recipient, relay: "smarthost.example.net[192.0.2.80]:25", dsn: dsnOf(reply),
            status: status(of: reply), said: reply)
    }

    private static func status(of reply: String) -> String {
        reply.hasPrefix("4") ? "deferred" : "bounced"
    }

    private static func dsnOf(_ reply: String) -> String {
        reply.hasPrefix("4") ? "4.0.0" : "5.0.0"
    }
}
