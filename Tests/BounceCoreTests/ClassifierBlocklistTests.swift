import Testing

@testable import BounceCore

struct BlocklistCase: Sendable, CustomTestStringConvertible {
    var reply: String
    var name: String?
    var ip: String?
    var cause: Cause = .blacklisted

    var testDescription: String { "\(name ?? "none"): \(reply.prefix(50))" }
}

let blocklistCases: [BlocklistCase] = [
    BlocklistCase(
        reply: "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using "
            + "zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.9",
        name: "zen.spamhaus.org", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using "
            + "abcdefghij1234567890.zen.dq.spamhaus.net", name: "zen.spamhaus.org",
        ip: "203.0.113.9"),
    BlocklistCase(
        reply: "550 5.7.1 Mail from IP 203.0.113.9 was rejected due to listing in Spamhaus SBL.",
        name: "Spamhaus SBL", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "554 Rejected: 203.0.113.9 is listed at xbl.spamhaus.org", name: "Spamhaus XBL",
        ip: "203.0.113.9"),
    BlocklistCase(
        reply: "550 Rejected, see https://www.spamhaus.org/query/ip/203.0.113.9 (PBL) "
            + "listed in pbl.spamhaus.org", name: "Spamhaus PBL", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "554 Service unavailable; Client host [203.0.113.9] blocked using Barracuda "
            + "Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=203.0.113.9",
        name: "b.barracudacentral.org", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "550 5.7.1 Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.9",
        name: "bl.spamcop.net", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "554 5.7.1 Client host [203.0.113.9] blocked using dnsbl.sorbs.net",
        name: "dnsbl.sorbs.net", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "550 IP 203.0.113.9 is listed on dnsbl-2.uceprotect.net", name: "UCEPROTECT-Level2",
        ip: "203.0.113.9"),
    BlocklistCase(
        reply: "554 Blocked by psbl.surriel.com, see https://psbl.org/listing?ip=203.0.113.9",
        name: "psbl.surriel.com", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "550 5.7.1 Rejected: 203.0.113.9 listed at bl.mailspike.net", name: "Mailspike",
        ip: "203.0.113.9"),
    BlocklistCase(
        reply: "550 5.7.1 (203.0.113.9) listed by ivmSIP, see https://www.invaluement.com/lookup/",
        name: "Invaluement", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "554 5.7.1 Blocked by SpamRATS dyna.spamrats.com (203.0.113.9)", name: "SpamRATS",
        ip: "203.0.113.9"),
    BlocklistCase(
        reply: "554 5.7.1 Client host [2001:db8:5::23] blocked using zen.spamhaus.org",
        name: "zen.spamhaus.org", ip: "2001:db8:5::23"),
    BlocklistCase(
        reply: "550 5.7.1 Client host [203.0.113.9] blocked using rbl.corp.example; see "
            + "https://corp.example/rbl", name: "rbl.corp.example", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "550 5.7.1 Unfortunately, messages from [203.0.113.9] weren't sent. Please contact "
            + "your Internet service provider since part of their network is on our block list "
            + "(S3140).", name: "Microsoft S3140", ip: "203.0.113.9"),
    BlocklistCase(
        reply: "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL",
        name: "Yahoo BL23", ip: nil),
    BlocklistCase(
        reply: "421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to "
            + "unexpected volume or user complaints - 4.16.55.1", name: nil, ip: "203.0.113.9",
        cause: .reputation),
    BlocklistCase(
        reply: "554 Your IP is blacklisted", name: nil, ip: nil),
]

@Test(arguments: blocklistCases)
func blocklistIsExtracted(_ test: BlocklistCase) {
    let result = ReplyEvent.classify(test.reply)
    #expect(result.classification.cause == test.cause)
    #expect(result.classification.blocklist?.name == test.name)
    #expect(result.listedIP == test.ip)
}

@Test func knownBlocklistsHaveDelistingPages() {
    for entry in BlocklistCatalog.entries {
        let url = entry.blocklist.delistURL ?? ""
        #expect(url.hasPrefix("http"), "\(entry.blocklist.name)")
        #expect(!entry.phrases.isEmpty)
    }
    for rule in Rule.standard {
        if let blocklist = rule.blocklist {
            #expect(blocklist.delistURL?.hasPrefix("http") == true, "\(rule.id)")
            #expect(rule.cause == .blacklisted || rule.cause == .reputation, "\(rule.id)")
        }
    }
}

@Test func greylistingNeverReportsABlocklist() {
    // A list name wins over greylisting wording; plain greylisting names no list.
    let result = ReplyEvent.classify(
        "450 4.2.0 Greylisted; also listed in zen.spamhaus.org", status: .deferred)
    #expect(result.classification.cause == .blacklisted)
    #expect(result.classification.blocklist?.name == "zen.spamhaus.org")
    let grey = ReplyEvent.classify("450 4.2.0 Greylisted, come back in 300 seconds")
    #expect(grey.classification.cause == .greylisted)
    #expect(grey.classification.blocklist == nil)
    #expect(grey.listedIP == nil)
}

@Test(
    arguments: [
        ("from 10.1.2.3 ok", "10.1.2.3"),
        ("[192.0.2.1]:25 refused", "192.0.2.1"),
        ("version 1.2.3.4.5 only", nil),
        ("host1.2.3.4 then (192.0.2.77)", "192.0.2.77"),
        ("at 10:14:03 from fe80::1", "fe80::1"),
        ("at 10:14:03 only", nil),
        ("octet 256.1.1.1 bad", nil),
        ("[2001:db8::25]:25", "2001:db8::25"),
    ] as [(String, String?)])
func ipAddressIsFound(_ text: String, _ expected: String?) {
    var bytes = Array(text.utf8)
    let found = bytes.withUnsafeMutableBufferPointer { mutable -> String? in
        let buffer = UnsafeBufferPointer(mutable)
        return ReplyScan.firstIPAddress(in: buffer)?.string(in: buffer)
    }
    #expect(found == expected)
}
