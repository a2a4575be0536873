import BounceApp
import BounceCore
import Testing

/// `check-config` warns about block-list key files that are missing or open to others.
@Suite struct CheckConfigReputationWarningsTests {
    @Test func missingAndOpenKeyFiles() {
        var reputation = ReputationConfig()
        var abusix = DNSBLCatalog.list("abusix")!
        abusix.keyFile = "/etc/bouncewatch/abusix.key"
        var dqs = DNSBLCatalog.list("spamhaus-dqs-zen")!
        dqs.keyFile = "/etc/bouncewatch/dqs.key"
        reputation.lists = [DNSBLCatalog.list("spamcop")!, abusix, dqs]
        var config = Configuration(notifiers: [])
        config.metrics.textfile = nil
        config.reputation = reputation
        let warnings = CheckConfigWarnings(
            exists: { $0 == "/etc/bouncewatch/dqs.key" }, isDirectory: { _ in true },
            isExecutable: { _ in true },
            passwordFileProblems: { ["\($0) can be read by other users"] }
        ).warnings(for: config)
        #expect(
            warnings.filter { $0.hasPrefix("reputation") } == [
                "reputation.lists[1].key_file: /etc/bouncewatch/abusix.key does not exist;"
                    + " abusix will not be checked",
                "reputation.lists[2].key_file: /etc/bouncewatch/dqs.key can be read by other users",
            ])
    }
}
