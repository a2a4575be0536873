import BounceConfig
import BounceCore
import Testing

/// `reputation:`: block-list lookups, read, checked and written back.
@Suite struct ConfigReputationTests {
    @Test func noSectionNoLookups() throws {
        #expect(try load("").reputation == nil)
    }

    @Test func anEmptySectionTakesTheDefaults() throws {
        let reputation = try #require(try load("reputation: {}").reputation)
        #expect(reputation.ips == .auto)
        #expect(reputation.lists == DNSBLCatalog.defaults)
        #expect(reputation.intervalSeconds == 1800)
        #expect(reputation.resolver == nil)
    }

    @Test func everyKey() throws {
        let reputation = try #require(
            try load(
                """
                reputation:
                  ips: [203.0.113.5, "2001:db8::25"]
                  domains: [Shop.Example]
                  lists:
                    - spamhaus-zen
                    - {name: abusix, key_file: /etc/bouncewatch/abusix.key}
                    - name: mine
                      zone: bl.mine.example
                      delist: https://mine.example/delist
                      codes: {127.0.0.2: "listed by us", 127.0.0.3: "worse"}
                  interval: 1h
                  resolver: 127.0.0.1:5353
                  timeout: 2s
                  tries: 3
                """
            ).reputation)
        #expect(
            reputation.ips
                == .given([ListingTarget("203.0.113.5")!, ListingTarget("2001:db8::25")!]))
        #expect(reputation.domains == [.domain("shop.example")])
        #expect(reputation.lists.map(\.id) == ["spamhaus-zen", "abusix", "mine"])
        #expect(reputation.lists[1].keyFile == "/etc/bouncewatch/abusix.key")
        let mine = reputation.lists[2]
        #expect(mine.zone == "bl.mine.example")
        #expect(mine.kind == .ip && mine.ipv6)
        #expect(
            mine.codes == [.init([127, 0, 0, 2], "listed by us"), .init([127, 0, 0, 3], "worse")])
        #expect(reputation.intervalSeconds == 3600)
        #expect(reputation.resolver == ResolverAddress(host: "127.0.0.1", port: 5353))
        #expect(reputation.timeoutMilliseconds == 2000)
        #expect(reputation.tries == 3)
        #expect(reputation.interval(of: reputation.lists[0]) == 3600)
    }

    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1", 53), ("[::1]:5353", "::1", 5353),
        ("10.0.0.1:53", "10.0.0.1", 53),
    ])
    func resolverAddresses(text: String, host: String, port: Int) {
        #expect(ResolverAddress(text) == ResolverAddress(host: host, port: port))
    }

    @Test(arguments: [
        (
            "reputation:\n  resolver: dns.example:53", "reputation.resolver",
            "is not a resolver"
        ),
        (
            "reputation:\n  lists: [spamhaus-zenn]", "reputation.lists[0]",
            "did you mean \"spamhaus-zen\"?"
        ),
        ("reputation:\n  lists: [abusix]", "reputation.lists[0]", "needs a registered key"),
        (
            "reputation:\n  ips: [shop.example]", "reputation.ips[0]",
            "is not an IPv4 or IPv6 address"
        ),
        ("reputation:\n  domains: [\"a b\"]", "reputation.domains[0]", "is not a domain name"),
        ("reputation:\n  interval: 1m", "reputation.interval", "out of range"),
        (
            "reputation:\n  lists: [{name: x, zone: bl.example, codes: {127.255.255.254: no}}]",
            "reputation.lists[0].codes.127.255.255.254", "is not a listing answer"
        ),
        (
            "reputation:\n  lists: [{name: spamcop, zone: bl.example}]", "reputation.lists[0].name",
            "is a built-in list"
        ),
        ("reputation:\n  colour: red", "reputation.colour", "unknown key"),
    ])
    func refused(yaml: String, key: String, message: String) {
        let found = problems(yaml)
        #expect(
            found.contains { $0.key == key && $0.message.contains(message) },
            "\(found.map { "\($0.key): \($0.message)" })")
    }

    @Test func writtenBackItLoadsTheSame() throws {
        var config = Configuration()
        var reputation = ReputationConfig()
        reputation.ips = .given([ListingTarget("203.0.113.5")!, ListingTarget("2001:db8::25")!])
        reputation.domains = [.domain("shop.example")]
        var abusix = DNSBLCatalog.list("abusix")!
        abusix.keyFile = "/etc/bouncewatch/abusix.key"
        var mine = DNSBLList(
            id: "mine", name: "mine", zone: "bl.mine.example", kind: .domain,
            delist: "https://x.example/")
        mine.codes = [.init([127, 0, 0, 2], "yes: \"quoted\"")]
        reputation.lists = [DNSBLCatalog.list("spamcop")!, abusix, mine]
        reputation.resolver = ResolverAddress("[::1]:5353")
        reputation.intervalSeconds = 7200
        config.reputation = reputation
        let text = ConfigRenderer.render(config)
        let reloaded = try ConfigLoader.load(
            yaml: text, origin: "rendered.yml", fileExists: { _ in true })
        #expect(reloaded.reputation == config.reputation, "\(text)")
        config.reputation = ReputationConfig()
        let defaults = try ConfigLoader.load(
            yaml: ConfigRenderer.render(config), origin: "rendered.yml", fileExists: { _ in true })
        #expect(defaults.reputation == config.reputation)
    }
}
