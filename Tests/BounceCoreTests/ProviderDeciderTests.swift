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

    /// Replies from relays no provider owns, so that a signature in the reply decides: texts
    /// with and without a provider's signature, texts that differ from each other only in a
    /// byte or in length, longer than the memory keeps, and more texts than it has ways; in
    /// three passes, every answer is the table's.
    @Test func decidesSignaturesAsTheTableDoesWhateverItRemembers() {
        let table = ProviderTable.standard
        var decider = ProviderDecider(table)
        let signed = [
            "550 5.7.1 Service unavailable, see https://support.apple.com/en-us/HT204137",
            "451 4.7.650 The mail server has been temporarily rate limited [AM0PR06MB.eurprd06.prod.outlook.com]",
            "421 4.7.0 Try again later, closing connection. d75a77b69052e-8si2 - gsmtp",
            "554 5.7.9 Message not accepted, see https://postmaster.yahooinc.com/error-codes",
        ]
        let unsigned = [
            "450 4.7.1 Greylisted for 300 seconds", "550 5.1.1 User unknown",
            "554 5.7.1 Service unavailable; Client host [203.0.113.10] blocked using bl.spamcop.net",
            "421 4.7.0 Try again later, closing connection. d75a77b69052e-8si2 - gsmt",
            "421 4.7.0 Try again later, closing connection. d75a77b69052e-8si2 -  gsmtp",
            String(repeating: "x", count: 600) + " - gsmtp",
            String(repeating: "y", count: 511) + " gsmtp",
        ]
        var replies: [String] = []
        for (offset, text) in (signed + unsigned).enumerated() {
            replies.append(text)
            // The same text with one byte changed in its first, middle and last word.
            for position in [0, text.utf8.count / 2, text.utf8.count - 1] {
                var bytes = Array(text.utf8)
                bytes[position] = bytes[position] == UInt8(ascii: "z") ? 0x61 : 0x7A
                replies.append(String(decoding: bytes, as: UTF8.self) + String(offset))
            }
        }
        // More texts than the memory has ways, each twice in a row, half of them signed.
        replies += (0..<600).flatMap { number in
            let text =
                "550 5.7.1 refused \(number) "
                + (number % 2 == 0 ? "prod.outlook.com" : "prod.outlook.co m")
            return [text, text]
        }
        var lines: [String] = []
        for pass in 0..<3 {
            for (offset, reply) in replies.enumerated() {
                let chosen = pass == 1 ? replies[(offset * 7919) % replies.count] : reply
                lines.append(
                    SampleLine.exim(
                        "user@d\(offset % 40).example", host: "mx.example.net [192.0.2.7]",
                        reply: chosen))
            }
        }
        var signatures = 0
        var checked = 0
        ClassifiedLines.forEach(lines) { _, event, _, buffer in
            let expected = table.decide(event, in: buffer)
            #expect(decider.decide(event, in: buffer) == expected)
            if expected?.basis == .signature { signatures += 1 }
            checked += 1
        }
        #expect(checked == lines.count)
        // Signatures both found and not, from memory and afresh.
        #expect(signatures > 1000 && checked - signatures > 1000)
    }
}
