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
