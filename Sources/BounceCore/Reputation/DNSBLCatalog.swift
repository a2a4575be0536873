/// The block lists bouncewatch knows how to query, with the meaning of their answers.
///
/// Delisting pages come from `BlocklistCatalog` (the lists as bounces name them) wherever a
/// list is there too, so the two tables never disagree.
public enum DNSBLCatalog {
    private typealias Code = DNSBLList.ReturnCode

    /// The lists checked by `lists: default`: every list of `all` that needs no key, except
    /// those that list whole networks or providers (UCEPROTECT 2 and 3) and SORBS, whose
    /// zones stopped answering in 2024.
    public static var defaults: [DNSBLList] {
        let left = ["uceprotect-2", "uceprotect-3", "sorbs"]
        return all.filter { !$0.needsKey && !left.contains($0.id) }
    }

    /// The list called `id`.
    public static func list(_ id: String) -> DNSBLList? {
        all.first { $0.id == id }
    }

    /// The delisting page `BlocklistCatalog` gives the list called `name`, else `fallback`.
    static func delist(_ name: String, _ fallback: String) -> String {
        BlocklistCatalog.entries.first { $0.blocklist.name == name }?.blocklist.delistURL
            ?? fallback
    }

    private static func listed(_ meaning: String) -> [Code] {
        [Code([127, 0, 0, 2], meaning)]
    }

    static let zenCodes = [
        Code([127, 0, 0, 2], "SBL: Spamhaus SBL, a known spam source or spam operation"),
        Code([127, 0, 0, 3], "SBL CSS: snowshoe or low-reputation sending seen by Spamhaus"),
        Code([127, 0, 0, 4], "XBL: exploited or infected host (CBL)"),
        Code([127, 0, 0, 5], "XBL: exploited or infected host"),
        Code([127, 0, 0, 6], "XBL: exploited or infected host"),
        Code([127, 0, 0, 7], "XBL: exploited or infected host"),
        Code([127, 0, 0, 9], "SBL DROP: hijacked or criminal network"),
        Code([127, 0, 0, 10], "PBL: end-user address range, listed by its provider"),
        Code([127, 0, 0, 11], "PBL: end-user address range, listed by Spamhaus"),
    ]

    static let dblCodes = [
        Code([127, 0, 1, 2], "spam domain"),
        Code([127, 0, 1, 4], "phishing domain"),
        Code([127, 0, 1, 5], "malware domain"),
        Code([127, 0, 1, 6], "botnet command and control domain"),
        Code([127, 0, 1, 102], "abused legitimate domain: spam"),
        Code([127, 0, 1, 103], "abused legitimate domain: spammed redirector"),
        Code([127, 0, 1, 104], "abused legitimate domain: phishing"),
        Code([127, 0, 1, 105], "abused legitimate domain: malware"),
        Code([127, 0, 1, 106], "abused legitimate domain: botnet command and control"),
    ]
    static let dblRange = DNSBLList.address(127, 0, 1, 2)...DNSBLList.address(127, 0, 1, 254)
    static let dblRefusals = [Code([127, 0, 1, 255], "IP queries prohibited")]

    static let spamhausNames = [
        "zen.spamhaus.org", "sbl-xbl.spamhaus.org", "Spamhaus SBL", "Spamhaus XBL",
        "Spamhaus PBL", "Spamhaus CSS", "Spamhaus",
    ]
    static let zenRange = DNSBLList.address(127, 0, 0, 2)...DNSBLList.address(127, 0, 0, 11)
    static let uceprotect = "https://www.uceprotect.net/en/rblcheck.php"

    /// Every built-in list.
    public static let all: [DNSBLList] = [
        DNSBLList(
            id: "spamhaus-zen", name: "Spamhaus ZEN", zone: "zen.spamhaus.org", ipv6: true,
            codes: zenCodes, listingRange: zenRange,
            delist: delist("zen.spamhaus.org", "https://check.spamhaus.org/"),
            blocklistNames: spamhausNames),
        DNSBLList(
            id: "spamhaus-dbl", name: "Spamhaus DBL", zone: "dbl.spamhaus.org", kind: .domain,
            codes: dblCodes, listingRange: dblRange, refusals: dblRefusals,
            delist: delist("Spamhaus DBL", "https://check.spamhaus.org/"),
            blocklistNames: ["Spamhaus DBL"], testPoint: .name("dbltest.com")),
        DNSBLList(
            id: "spamhaus-dqs-zen", name: "Spamhaus ZEN (DQS)", zone: "zen.dq.spamhaus.net",
            ipv6: true, codes: zenCodes, listingRange: zenRange,
            delist: delist("zen.spamhaus.org", "https://check.spamhaus.org/"), needsKey: true,
            minimumIntervalSeconds: 300, blocklistNames: spamhausNames),
        DNSBLList(
            id: "spamhaus-dqs-dbl", name: "Spamhaus DBL (DQS)", zone: "dbl.dq.spamhaus.net",
            kind: .domain, codes: dblCodes, listingRange: dblRange, refusals: dblRefusals,
            delist: delist("Spamhaus DBL", "https://check.spamhaus.org/"), needsKey: true,
            minimumIntervalSeconds: 300, blocklistNames: ["Spamhaus DBL"],
            testPoint: .name("dbltest.com")),
        DNSBLList(
            id: "spamcop", name: "SpamCop", zone: "bl.spamcop.net",
            codes: listed("reported as a spam source by SpamCop users"),
            delist: delist("bl.spamcop.net", "https://www.spamcop.net/bl.shtml"),
            blocklistNames: ["bl.spamcop.net"]),
        DNSBLList(
            id: "barracuda", name: "Barracuda BRBL", zone: "b.barracudacentral.org",
            codes: listed("poor reputation in the Barracuda Reputation Block List"),
            delist: delist(
                "b.barracudacentral.org", "https://www.barracudacentral.org/rbl/removal-request"),
            blocklistNames: ["b.barracudacentral.org"]),
        DNSBLList(
            id: "sorbs", name: "SORBS", zone: "dnsbl.sorbs.net",
            codes: [
                Code([127, 0, 0, 2], "open HTTP proxy"), Code([127, 0, 0, 3], "open SOCKS proxy"),
                Code([127, 0, 0, 4], "other open proxy"), Code([127, 0, 0, 5], "open relay"),
                Code([127, 0, 0, 6], "spam source"), Code([127, 0, 0, 7], "vulnerable web server"),
                Code([127, 0, 0, 8], "listed at the owner's request"),
                Code([127, 0, 0, 9], "zombie network"),
                Code([127, 0, 0, 10], "dynamic address range"),
                Code([127, 0, 0, 11], "bad DNS configuration"),
                Code([127, 0, 0, 12], "domain that sends no mail"),
                Code([127, 0, 0, 14], "network with no mail servers expected"),
            ],
            listingRange: DNSBLList.address(127, 0, 0, 2)...DNSBLList.address(127, 0, 0, 14),
            delist: delist("dnsbl.sorbs.net", "http://www.sorbs.net/lookup.shtml"),
            blocklistNames: ["dnsbl.sorbs.net"]),
        DNSBLList(
            id: "uceprotect-1", name: "UCEPROTECT Level 1", zone: "dnsbl-1.uceprotect.net",
            codes: listed("this address sent mail to UCEPROTECT's traps"),
            delist: delist("UCEPROTECT-Level1", uceprotect), minimumIntervalSeconds: 900,
            blocklistNames: ["UCEPROTECT-Level1"]),
        DNSBLList(
            id: "uceprotect-2", name: "UCEPROTECT Level 2", zone: "dnsbl-2.uceprotect.net",
            codes: listed("the address's allocation has too many Level 1 listings"),
            delist: delist("UCEPROTECT-Level2", uceprotect), minimumIntervalSeconds: 900,
            blocklistNames: ["UCEPROTECT-Level2"]),
        DNSBLList(
            id: "uceprotect-3", name: "UCEPROTECT Level 3", zone: "dnsbl-3.uceprotect.net",
            codes: listed("the address's provider (AS) has too many Level 1 listings"),
            delist: delist("UCEPROTECT-Level3", uceprotect), minimumIntervalSeconds: 900,
            blocklistNames: ["UCEPROTECT-Level3"]),
        DNSBLList(
            id: "psbl", name: "PSBL", zone: "psbl.surriel.com",
            codes: listed("sent mail to the Passive Spam Block List's traps"),
            delist: delist("psbl.surriel.com", "https://psbl.org/"),
            blocklistNames: ["psbl.surriel.com"]),
        DNSBLList(
            id: "mailspike", name: "Mailspike", zone: "bl.mailspike.net",
            codes: [
                Code([127, 0, 0, 2], "listed: bad reputation"),
                Code([127, 0, 0, 10], "worst possible reputation"),
                Code([127, 0, 0, 11], "very bad reputation"),
                Code([127, 0, 0, 12], "bad reputation"),
            ],
            delist: delist("Mailspike", "https://mailspike.io/ip_verify"),
            blocklistNames: ["Mailspike"]),
        DNSBLList(
            id: "abusix", name: "Abusix Mail Intelligence", zone: "combined.mail.abusix.zone",
            ipv6: true,
            codes: [
                Code([127, 0, 0, 2], "black: a spam source"),
                Code([127, 0, 0, 3], "exploit: a compromised or infected host"),
                Code([127, 0, 0, 4], "policy: a dynamic or residential address"),
                Code([127, 0, 0, 11], "policy: no reverse DNS"),
                Code([127, 0, 0, 12], "policy: generic reverse DNS"),
            ],
            delist: delist("Abusix Mail Intelligence", "https://lookup.abusix.com/"),
            needsKey: true, minimumIntervalSeconds: 300,
            blocklistNames: ["Abusix Mail Intelligence"]),
        DNSBLList(
            id: "abusix-dbl", name: "Abusix domain blacklist", zone: "dblack.mail.abusix.zone",
            kind: .domain, codes: listed("domain listed by Abusix"),
            delist: delist("Abusix Mail Intelligence", "https://lookup.abusix.com/"),
            needsKey: true, minimumIntervalSeconds: 300,
            blocklistNames: ["Abusix Mail Intelligence"], testPoint: .none),
        DNSBLList(
            id: "sem", name: "SEM (Spam Eating Monkey)", zone: "bl.spameatingmonkey.net",
            codes: listed("sent spam to Spam Eating Monkey's traps"),
            delist: delist("SEM (Spam Eating Monkey)", "https://spameatingmonkey.com/lookup"),
            blocklistNames: ["SEM (Spam Eating Monkey)"]),
        DNSBLList(
            id: "sem-uri", name: "SEM URI", zone: "uribl.spameatingmonkey.net", kind: .domain,
            codes: listed("domain seen in spam by Spam Eating Monkey"),
            delist: delist("SEM (Spam Eating Monkey)", "https://spameatingmonkey.com/lookup"),
            blocklistNames: ["SEM (Spam Eating Monkey)"], testPoint: .none),
        DNSBLList(
            id: "backscatterer", name: "Backscatterer", zone: "ips.backscatterer.org",
            codes: listed("sends backscatter: bounces or auto-replies to forged senders"),
            delist: delist("ips.backscatterer.org", "https://www.backscatterer.org/"),
            minimumIntervalSeconds: 900, blocklistNames: ["ips.backscatterer.org"]),
        DNSBLList(
            id: "s5h", name: "s5h.net", zone: "all.s5h.net",
            codes: listed("sent mail to s5h.net's traps"),
            delist: delist("all.s5h.net", "https://www.usenix.org.uk/content/rbl.html"),
            blocklistNames: ["all.s5h.net"]),
        DNSBLList(
            id: "spamrats", name: "SpamRATS", zone: "all.spamrats.com",
            codes: [
                Code([127, 0, 0, 36], "RATS-Dyna: a dynamic address with no mail server name"),
                Code([127, 0, 0, 37], "RATS-NoPtr: no reverse DNS"),
                Code([127, 0, 0, 38], "RATS-Spam: a spam source"),
                Code([127, 0, 0, 43], "RATS-Auth: authentication attacks"),
            ],
            listingRange: DNSBLList.address(127, 0, 0, 36)...DNSBLList.address(127, 0, 0, 43),
            delist: delist("SpamRATS", "https://www.spamrats.com/removal.php"),
            blocklistNames: ["SpamRATS"]),
        DNSBLList(
            id: "nordspam", name: "NordSpam", zone: "bl.nordspam.com",
            codes: listed("listed by NordSpam"),
            delist: delist("NordSpam", "https://www.nordspam.com/removal/"),
            blocklistNames: ["NordSpam"]),
        DNSBLList(
            id: "nordspam-dbl", name: "NordSpam domains", zone: "dbl.nordspam.com",
            kind: .domain, codes: listed("domain listed by NordSpam"),
            delist: delist("NordSpam", "https://www.nordspam.com/removal/"),
            blocklistNames: ["NordSpam"], testPoint: .none),
        DNSBLList(
            id: "surbl", name: "SURBL", zone: "multi.surbl.org", kind: .domain,
            codes: [
                Code([127, 0, 0, 8], "PH: phishing"), Code([127, 0, 0, 16], "MW: malware"),
                Code([127, 0, 0, 64], "ABUSE: spam"), Code([127, 0, 0, 128], "CR: cracked site"),
            ],
            refusals: [Code([127, 0, 0, 1], "query blocked: public resolver or over the limit")],
            bitmask: true, delist: "https://www.surbl.org/surbl-analysis",
            blocklistNames: ["SURBL"], testPoint: .name("test.surbl.org")),
        DNSBLList(
            id: "uribl", name: "URIBL", zone: "multi.uribl.com", kind: .domain,
            codes: [
                Code([127, 0, 0, 2], "black: seen in spam"),
                Code([127, 0, 0, 4], "grey: bulk mail"),
                Code([127, 0, 0, 8], "red: new spam domain"),
            ],
            refusals: [Code([127, 0, 0, 1], "query refused: public resolver or over the limit")],
            bitmask: true, delist: "https://admin.uribl.com/", blocklistNames: ["URIBL"],
            testPoint: .name("test.uribl.com")),
    ]
}
