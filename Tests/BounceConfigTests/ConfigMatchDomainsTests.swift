import BounceConfig
import BounceCore
import Testing

/// The domain keys of an alert rule's `match` (`destination`, `host`, `sender_domain`): read
/// alike, lower-cased, duplicates dropped, each with its own length limit.
@Suite struct ConfigMatchDomainsTests {
    static func rule(_ match: String) -> String {
        "alerts:\n  - {name: x, match: {\(match)}, threshold: 1, window: 1m}"
    }

    @Test(arguments: ["destination", "host", "sender_domain"])
    func domainsAreLowerCasedWithoutDuplicates(_ key: String) throws {
        let config = try load(
            Self.rule("\(key): [Mail.Example.COM, mail.example.com, \"*.Other.example\"]"))
        let match = try #require(config.alerts.first { $0.name == "x" }).match
        let read: [String: [String]] = [
            "destination": match.destination, "host": match.host,
            "sender_domain": match.senderDomain,
        ]
        #expect(read[key] == ["mail.example.com", "*.other.example"])
    }

    /// A host and a sender domain stop at 255 bytes, as the daemon keeps them; a destination
    /// is refused as no domain name only.
    @Test(arguments: [
        ("destination", "is not a domain"), ("host", "is longer than 255 bytes"),
        ("sender_domain", "is longer than 255 bytes"),
    ])
    func aLongNameIsRefused(_ key: String, _ message: String) {
        let long = String(repeating: "a", count: 300) + ".example"
        let found = problems(Self.rule("\(key): \(long)"))
        #expect(found.count == 1)
        #expect(found.contains { $0.message.contains(message) }, "\(found)")
    }

    @Test(arguments: ["destination", "host", "sender_domain"])
    func aNameThatIsNoDomainIsRefused(_ key: String) {
        let found = problems(Self.rule("\(key): [ok.example, 'not a domain']"))
        #expect(found.count == 1)
        #expect(found.contains { $0.message.contains("\"not a domain\" is not a domain") })
    }
}
