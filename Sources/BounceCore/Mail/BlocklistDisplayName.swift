/// The name a person knows a block list by, for alert subjects and bodies.
///
/// Metrics and rules use the normalised name (`zen.spamhaus.org`), which is what `match:
/// blocklist:` compares; a mail reads better with `Spamhaus ZEN`. Lists without an entry
/// here keep their normalised name, which for most is already the operator's own.
public enum BlocklistDisplayName {
    private static let names: [String: String] = [
        "zen.spamhaus.org": "Spamhaus ZEN",
        "sbl-xbl.spamhaus.org": "Spamhaus SBL-XBL",
        "b.barracudacentral.org": "Barracuda BRBL",
        "bl.spamcop.net": "SpamCop",
        "dnsbl.sorbs.net": "SORBS",
        "psbl.surriel.com": "PSBL",
        "ips.backscatterer.org": "Backscatterer",
    ]

    /// `Spamhaus ZEN` for `zen.spamhaus.org`; other names as they are.
    public static func of(_ name: String) -> String {
        names[name.lowercased()] ?? name
    }
}
