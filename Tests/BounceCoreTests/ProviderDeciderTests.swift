import Testing

@testable import BounceCore

/// `ProviderDecider` remembers relay verdicts; whatever it remembers, it must decide exactly as
/// the table does.
@Suite struct ProviderDeciderTests {
    /// Relay names of every kind: providers' MX hosts in mixed case, strangers, names of every
    /// length around the cache's word and key limits, and more names than the cache has slots.
    static func relays() -> [String] {
        var names = [
            "gmail-smtp-in.l.google.com", "ASPMX.L.GOOGLE.COM", "alt1.aspmx.l.google.com",
            "hotmail-com.olc.protection.outlook.com", "contoso-com.mail.protection.outlook.com",
            "mta5.am0.yahoodns.net", "mx01.mail.icloud.com", "mxbiz1.qq.com", "mx.example.net",
            "mail.example.net", "google.com.example.net", "xgoogle.com", "google.com",
            "a.b", "g.co", "mx1.example.com",
            // 47, 48 and 49 bytes: the longest remembered and the first looked up every time.
            String(repeating: "a", count: 36) + ".google.com",
            String(repeating: "b", count: 37) + ".google.com",
            String(repeating: "c", count: 38) + ".google.com",
            String(repeating: "d", count: 90) + ".mail.protection.outlook.com",
        ]
        names += (0..<3000).map { "mx\($0).tenant\($0 % 7).mail.protection.outlook.com" }
        names += (0..<3000).map { "mail\($0).example\($0 % 13).org" }
        return names
    }

    @Test func decidesAsTheTableDoesWhateverItRemembers() {
        let table = ProviderTable.standard
        var decider = ProviderDecider(table)
        let names = Self.relays()
        var lines: [String] = []
        // Three passes in different orders: first sight, hits, and slots taken by other names.
        for pass in 0..<3 {
            for (offset, name) in names.enumerated() {
                let relay = pass == 1 ? names[(offset * 7919) % names.count] : name
                lines.append(
                    SampleLine.postfix(
                        "user@d\(offset % 50).example", relay: relay, dsn: "4.7.0",
                        status: "deferred", said: "421 4.7.0 Try again later"))
            }
        }
        var decided = 0
        var checked = 0
        ClassifiedLines.forEach(lines) { _, event, _, buffer in
            let expected = table.decide(event, in: buffer)
            #expect(decider.decide(event, in: buffer) == expected)
            if expected != nil { decided += 1 }
            checked += 1
        }
        #expect(checked == lines.count)
        // Both kinds of verdict were remembered and replayed.
        #expect(decided > 9000 && decided < checked)
    }

    /// The relay's host name, found eight bytes at a time, is `ProviderTable.hostName` for
    /// names of every length around the word and memory limits, with each of the bytes that end
    /// it, none, and relay ranges that end inside the name.
    @Test func findsTheRelayHostNameAsTheTableDoes() {
        var compared = 0
        for length in 0...60 {
            let name = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            for tail in ["[192.0.2.1]:25", " [192.0.2.1]", ":25", "", "x[", "  "] {
                let bytes = Array(("<" + name + tail + ">").utf8)
                bytes.withUnsafeBufferPointer { line in
                    for end in 1...(line.count) {
                        let relay = ByteRange(1, end)
                        let expected = ProviderTable.hostName(relay, in: line)
                        let found = ProviderDecider.hostName(relay, in: line)
                        #expect(
                            found.baseAddress == expected.baseAddress, "\(name)\(tail) to \(end)")
                        #expect(found.count == expected.count, "\(name)\(tail) to \(end)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 10000)
    }

    /// Exim relays (`host [ip]`) and relays that decide nothing, so that the recipient domain
    /// decides from memory: in three passes, every answer is the table's.
    @Test func decidesEximRelaysAndDomainsAsTheTableDoes() {
        let table = ProviderTable.standard
        var decider = ProviderDecider(table)
        let hosts = [
            "gmail-smtp-in.l.google.com [142.251.146.26]", "MX01.MAIL.ICLOUD.COM [17.57.154.38]",
            "mx.example.net [192.0.2.7]", "mta5.am0.yahoodns.net [67.195.228.82]",
            String(repeating: "q", count: 60) + ".outlook.com [52.101.0.1]",
        ]
        let providerDomains = [
            "gmail.com", "GMAIL.COM", "yahoo.co.jp", "qq.com", "163.com", "hotmail.com", "web.de",
        ]
        let domains = (0..<6000).map { number in
            number % 2 == 0
                ? providerDomains[(number / 2) % providerDomains.count]
                : "d\(number).example\(number % 11).net"
        }
        var lines: [String] = []
        for pass in 0..<3 {
            for (offset, domain) in domains.enumerated() {
                let chosen = pass == 1 ? domains[(offset * 7919) % domains.count] : domain
                lines.append(
                    SampleLine.exim(
                        "user@\(chosen)", host: hosts[offset % hosts.count],
                        reply: "550 5.1.1 User unknown"))
                lines.append(
                    SampleLine.postfixOwn(
                        "user@\(chosen)", dsn: "4.4.1",
                        text: "connect to mx.\(chosen)[192.0.2.1]:25: Connection refused"))
            }
        }
        var byBasis: [ProviderBasis: Int] = [:]
        var checked = 0
        ClassifiedLines.forEach(lines) { _, event, _, buffer in
            let expected = table.decide(event, in: buffer)
            #expect(decider.decide(event, in: buffer) == expected)
            if let expected { byBasis[expected.basis, default: 0] += 1 }
            checked += 1
        }
        #expect(checked == lines.count)
        // Relays and domains both decided, from memory and afresh.
        #expect(byBasis[.relay, default: 0] > 1000)
        #expect(byBasis[.domain, default: 0] > 1000)
    }

    @Test func aRelayWithoutAVerdictStillFallsBackToTheDomain() {
        var decider = ProviderDecider(.standard)
        let lines = (0..<2).map { _ in
            SampleLine.postfix(
                "user@gmail.com", relay: "smarthost.example.net", dsn: "4.4.1", status: "deferred",
                said: "421 4.4.1 Connection timed out")
        }
        ClassifiedLines.forEach(lines) { _, event, _, buffer in
            let match = decider.decide(event, in: buffer)
            #expect(match.map { decider.table.providers[$0.index].name } == "google")
            #expect(match?.basis == .domain)
        }
    }
}
