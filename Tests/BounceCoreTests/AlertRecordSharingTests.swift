import Testing

@testable import BounceCore

/// A matching event counted from the line's bytes remembers its destination and host in a
/// record (`AlertGroup.record(matching:denominator:lastHost:)`): strings equal to them that
/// the group or the rule already hold are shared rather than built again. The texts must be
/// what building them gives (`AlertBytePathTests` holds the whole checkpoint to the decoded
/// path); these tests hold the sharing itself, by where the strings' bytes live.
@Suite struct AlertRecordSharingTests {
    /// Longer than fifteen bytes, so each is a string of its own in memory, not one held
    /// inline, and two built apart have their bytes in different places.
    static let host = "relay-01.mail.example.net"
    static let relay = "mx.example[192.0.2.1]:25"
    static let googleRelay = "gmail-smtp-in.l.google.com[142.250.1.26]:25"

    static func deferred(_ recipient: String, relay: String = relay, host: String = host)
        -> String
    {
        "Nov 26 10:14:03 \(host) postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, "
            + "relay=\(relay), delay=1.4, delays=0.1/0/0.7/0.6, dsn=4.4.1, status=deferred "
            + "(connect to x[192.0.2.1]:25: Connection timed out)"
    }

    static func engine(_ lines: [String]) -> AlertEngine {
        var engine = AlertEngine(rules: AlertRule.defaults)
        let providers = ProviderTable.standard
        ClassifiedLines.forEach(lines) { offset, event, classification, buffer in
            let provider = providers.decide(event, in: buffer).map {
                providers.providers[$0.index].name
            }
            engine.observe(
                event, classification, in: buffer, time: 1_700_000_000 + Int64(offset),
                provider: provider ?? "")
        }
        return engine
    }

    /// Where a string's UTF-8 bytes are stored.
    static func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    static func stormGroups(_ engine: AlertEngine) -> [AlertGroup] {
        let rule = engine.states.firstIndex { $0.rule.name == "deferral-storm" }
        return rule.map { engine.states[$0].groups.values } ?? []
    }

    @Test func aNewGroupsFirstRecordSharesItsLabelAndTheRulesLastHost() throws {
        let engine = Self.engine([
            Self.deferred("a@first-destination.example"),
            Self.deferred("b@second-destination.example"),
        ])
        let groups = Self.stormGroups(engine)
        #expect(groups.count == 2)
        var hosts: [UnsafeRawPointer?] = []
        for group in groups {
            let record = try #require(group.recent.records.first)
            #expect(record.destination == group.labels[0])
            #expect(record.host == Self.host)
            #expect(Self.storage(record.destination) == Self.storage(group.labels[0]))
            hosts.append(Self.storage(record.host))
        }
        // The second group's record took the host the first one's built.
        #expect(hosts[0] != nil && hosts[0] == hosts[1])
    }

    @Test func aProvidersGroupSharesTheDestinationOfItsNewestRecord() throws {
        let domains = [
            "first-customer.example.com", "second-customer.example.com",
            "third-customer.example.com",
        ]
        // Two deferrals to each domain in turn.
        let lines = (0..<6).map { index in
            Self.deferred("u\(index)@\(domains[index / 2])", relay: Self.googleRelay)
        }
        let groups = Self.stormGroups(Self.engine(lines))
        let group = try #require(groups.first { $0.labels == ["provider:google"] })
        let records = group.recent.records
        #expect(records.map(\.destination) == (0..<6).map { domains[$0 / 2] })
        for index in stride(from: 1, to: 6, by: 2) {
            #expect(Self.storage(records[index].destination) != nil)
            #expect(
                Self.storage(records[index].destination)
                    == Self.storage(records[index - 1].destination))
        }
    }

    @Test func aDifferentHostOrDestinationIsBuiltNotShared() throws {
        let engine = Self.engine([
            Self.deferred("a@first-destination.example"),
            Self.deferred("a@first-destination.example", host: "relay-02.mail.example.net"),
            Self.deferred("a@FIRST-destination.example"),
        ])
        let group = try #require(Self.stormGroups(engine).first)
        #expect(
            group.recent.records.map(\.host) == [Self.host, "relay-02.mail.example.net", Self.host])
        #expect(
            group.recent.records.map(\.destination)
                == Array(repeating: "first-destination.example", count: 3))
    }
}
