import BounceConfig
import BounceCore
import Testing

/// `providers:`: names mapped to relay suffixes and recipient domains.
@Suite struct ConfigProvidersTests {
    static let yaml = """
        providers:
          hostco:
            relays: [mx.hostco.example, MX2.Hostco.Example]
            domains: hostco.example
          google:
            domains: [example-workspace.com]
        """

    @Test func loadsNamesRelaysAndDomainsLowerCased() throws {
        let config = try load(Self.yaml)
        #expect(
            config.providers == [
                ProviderSpec(
                    name: "hostco", relaySuffixes: ["mx.hostco.example", "mx2.hostco.example"],
                    domains: ["hostco.example"]),
                ProviderSpec(name: "google", domains: ["example-workspace.com"]),
            ])
        #expect(try load("").providers.isEmpty)
    }

    @Test func roundTripsThroughCheckConfigOutput() throws {
        let config = try load(Self.yaml)
        let text = ConfigRenderer.render(config)
        #expect(text.contains("providers:\n  hostco:\n    relays: ["))
        let reloaded = try ConfigLoader.load(
            yaml: text, origin: "rendered.yml", fileExists: { _ in true })
        #expect(reloaded.providers == config.providers)
        #expect(!ConfigRenderer.render(try load("")).contains("providers:"))
    }

    @Test(arguments: [
        ("providers: [google]", "expected a mapping of provider names"),
        ("providers:\n  Big Co:\n    domains: [a.example]", "only lower-case letters"),
        ("providers:\n  other:\n    domains: [a.example]", "'other' is the row"),
        ("providers:\n  x:\n    relays: [com]", "at least two labels"),
        ("providers:\n  x:\n    relays: [\"a b.example\"]", "at least two labels"),
        ("providers:\n  x:\n    mx: [a.example]", "unknown key"),
        ("providers:\n  x: {}", "needs relays or domains"),
    ])
    func rejects(_ yaml: String, _ message: String) {
        let found = problems(yaml)
        #expect(found.contains { $0.message.contains(message) }, "\(found)")
        #expect(found.allSatisfy { $0.key.hasPrefix("providers") }, "\(found)")
    }

    @Test func capsTheNumberOfProviders() {
        let many = (0...ProviderSpec.maximumCount).map {
            "  p\($0):\n    domains: [p\($0).example]"
        }
        let found = problems("providers:\n" + many.joined(separator: "\n"))
        #expect(found.contains { $0.message.contains("at most \(ProviderSpec.maximumCount)") })
    }
}
