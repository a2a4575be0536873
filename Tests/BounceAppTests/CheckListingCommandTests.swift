import BounceTestSupport
import Foundation
import Testing

/// `bouncewatch check-listing` run as the built binary, without a DNS server: what it refuses
/// and how a resolver that cannot be reached is reported. The answers of a real DNS server are
/// tested by scripts/integration/dnsbl-dnsmasq.sh.
@Suite("check-listing command")
struct CheckListingCommandTests {
    /// An empty configuration file (the built-in default lists, the system's resolver), in
    /// `scratch`, which must live as long as the file is used.
    static func emptyConfig(in scratch: TemporaryDirectory) throws -> String {
        try scratch.write("bouncewatch.yml", "")
    }

    @Test func aTargetThatIsNeitherAnAddressNorADomainIsRefused() throws {
        let scratch = try TemporaryDirectory()
        let config = try Self.emptyConfig(in: scratch)
        let result = try BinaryRunner.run(["check-listing", "--config", config, "no_such!"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("no_such! is neither an IP address nor a domain name"))
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnknownListOrResolverIsRefused() throws {
        let scratch = try TemporaryDirectory()
        let config = try Self.emptyConfig(in: scratch)
        let list = try BinaryRunner.run([
            "check-listing", "--config", config, "--list", "spamhouse", "203.0.113.5",
        ])
        #expect(list.status == 3)
        #expect(list.stderr.contains("spamhouse is not a known block list"))
        let resolver = try BinaryRunner.run([
            "check-listing", "--config", config, "--resolver", "dns.example", "203.0.113.5",
        ])
        #expect(resolver.status == 3)
        #expect(resolver.stderr.contains("dns.example is not a resolver address"))
    }

    /// Nothing listens on port 1 of the loopback: every lookup is an error, none a listing.
    @Test func anUnreachableResolverGivesErrorsOnly() throws {
        let scratch = try TemporaryDirectory()
        let config = try Self.emptyConfig(in: scratch)
        let result = try BinaryRunner.run([
            "check-listing", "--config", config, "--resolver", "127.0.0.1:1", "--list",
            "spamhaus-zen", "--list", "spamhaus-dbl", "203.0.113.5", "2001:db8::25", "shop.example",
        ])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("LIST") == true)
        #expect(lines.filter { $0.contains("error: unreachable") }.count == 3)
        #expect(lines.last == "3 lookups: 0 listed, 3 errors, 0 clean")
    }
}
