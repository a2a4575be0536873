/// The block lists we know by name: the phrases that identify each one in a reply, its
/// normalised name and its delisting page.
///
/// Order matters: the first entry whose phrase occurs wins, so specific zones come before the
/// bare operator names (`sbl.spamhaus.org` before `spamhaus`).
public enum BlocklistCatalog {
    /// One known list.
    public struct Entry: Sendable {
        public var phrases: [String]
        public var blocklist: Blocklist

        public init(_ phrases: [String], _ name: String, delist: String) {
            self.phrases = phrases
            self.blocklist = Blocklist(name: name, delistURL: delist)
        }
    }

    static let spamhausLookup = "https://check.spamhaus.org/"

    /// Every known list, most specific first.
    public static let entries: [Entry] = [
        Entry(
            ["zen.spamhaus.org", "zen.dq.spamhaus.net", "spamhaus zen"], "zen.spamhaus.org",
            delist: spamhausLookup),
        Entry(["sbl-xbl.spamhaus.org"], "sbl-xbl.spamhaus.org", delist: spamhausLookup),
        Entry(
            ["sbl.spamhaus.org", "spamhaus sbl", "/sbl/query/", "sbl.dq.spamhaus.net"],
            "Spamhaus SBL", delist: spamhausLookup),
        Entry(
            ["xbl.spamhaus.org", "spamhaus xbl", "cbl.abuseat.org", "xbl.dq.spamhaus.net"],
            "Spamhaus XBL", delist: spamhausLookup),
        Entry(
            ["pbl.spamhaus.org", "spamhaus pbl", "pbl.dq.spamhaus.net"], "Spamhaus PBL",
            delist: spamhausLookup),
        Entry(["spamhaus css", "css.spamhaus.org"], "Spamhaus CSS", delist: spamhausLookup),
        Entry(
            ["dbl.spamhaus.org", "spamhaus dbl", "dbl.dq.spamhaus.net"], "Spamhaus DBL",
            delist: spamhausLookup),
        Entry(
            ["b.barracudacentral.org", "barracudacentral", "barracuda reputation"],
            "b.barracudacentral.org", delist: "https://www.barracudacentral.org/rbl/removal-request"
        ),
        Entry(
            ["bl.spamcop.net", "spamcop"], "bl.spamcop.net",
            delist: "https://www.spamcop.net/bl.shtml"),
        Entry(
            ["dnsbl-1.uceprotect.net", "uceprotect-level1", "uceprotect level 1"],
            "UCEPROTECT-Level1", delist: "https://www.uceprotect.net/en/rblcheck.php"),
        Entry(
            ["dnsbl-2.uceprotect.net", "uceprotect-level2", "uceprotect level 2"],
            "UCEPROTECT-Level2", delist: "https://www.uceprotect.net/en/rblcheck.php"),
        Entry(
            ["dnsbl-3.uceprotect.net", "uceprotect-level3", "uceprotect level 3"],
            "UCEPROTECT-Level3", delist: "https://www.uceprotect.net/en/rblcheck.php"),
        Entry(
            ["uceprotect"], "UCEPROTECT-Level1",
            delist: "https://www.uceprotect.net/en/rblcheck.php"),
        Entry(
            ["dnsbl.sorbs.net", "sorbs.net", "sorbs"], "dnsbl.sorbs.net",
            delist: "http://www.sorbs.net/lookup.shtml"),
        Entry(["psbl.surriel.com", "psbl.org"], "psbl.surriel.com", delist: "https://psbl.org/"),
        Entry(["mailspike"], "Mailspike", delist: "https://mailspike.io/ip_verify"),
        Entry(
            ["invaluement", "ivmsip", "ivmuri"], "Invaluement",
            delist: "https://www.invaluement.com/lookup/"),
        Entry(["spamrats"], "SpamRATS", delist: "https://www.spamrats.com/removal.php"),
        Entry(
            ["backscatterer"], "ips.backscatterer.org",
            delist: "https://www.backscatterer.org/?target=test"),
        Entry(["abusix"], "Abusix Mail Intelligence", delist: "https://lookup.abusix.com/"),
        Entry(
            ["spameatingmonkey"], "SEM (Spam Eating Monkey)",
            delist: "https://spameatingmonkey.com/lookup"),
        Entry(["s5h.net"], "all.s5h.net", delist: "https://www.usenix.org.uk/content/rbl.html"),
        Entry(["nordspam"], "NordSpam", delist: "https://www.nordspam.com/removal/"),
        Entry(
            ["senderscore", "sender score"], "Validity Sender Score",
            delist: "https://senderscore.org/"),
        Entry(
            ["cloudmark", "csi.cloudmark"], "Cloudmark CSI",
            delist: "https://csi.cloudmark.com/en/reset/"),
        Entry(
            ["proofpoint", "pphosted"], "Proofpoint",
            delist: "https://ipcheck.proofpoint.com/"),
        Entry(
            ["senderbase", "talosintelligence", "ironport"], "Cisco Talos",
            delist: "https://talosintelligence.com/reputation_center/"),
        Entry(
            ["gmx.net", "gmx.", "web.de"], "GMX/WEB.DE",
            delist: "https://postmaster.gmx.net/en/contact"),
        Entry(["comcast"], "Comcast", delist: "https://postmaster.comcast.net/"),
        Entry(["spamhaus"], "Spamhaus", delist: spamhausLookup),
    ]
}
