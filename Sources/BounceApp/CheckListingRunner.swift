import BounceConfig
import BounceCore
import BounceOutput
import BounceSystem

/// `bouncewatch check-listing`: looks our addresses and domains up once on every configured
/// block list and prints the table.
///
/// Exit status: 0 when everything is clean, 1 when something is listed, 2 when lookups failed
/// and nothing is listed, 3 when the configuration or a target is wrong.
public struct CheckListingRunner {
    public static let defaultConfigPath = ConfigLoader.defaultPath

    public var configPath: String
    /// Targets from the command line; empty means the configured ones.
    public var targets: [String]
    /// `--resolver`, over the configuration's.
    public var resolver: String?
    /// `--list`, over the configuration's.
    public var lists: [String]

    public init(configPath: String, targets: [String], resolver: String?, lists: [String]) {
        self.configPath = configPath
        self.targets = targets
        self.resolver = resolver
        self.lists = lists
    }

    public func run(output: BufferedOutput = BufferedOutput()) -> Int32 {
        let configuration: Configuration
        do {
            if configPath == ConfigLoader.defaultPath, !FileSystem.exists(configPath) {
                configuration = Configuration()
            } else {
                configuration = try ConfigLoader.load(path: configPath)
            }
        } catch {
            reportError(error.description)
            return 3
        }
        guard var reputation = settings(configuration.reputation ?? ReputationConfig()) else {
            return 3
        }
        guard let chosen = chosenTargets(reputation) else { return 3 }
        if chosen.isEmpty {
            reportError(
                "nothing to check: no public address on this machine and no domains; name targets or configure reputation.ips and reputation.domains"
            )
            return 3
        }
        let rows: [ListingCheck.Row]
        do {
            reputation.lists = try ListingLookups.withKeys(reputation.lists)
            let check = ListingCheck(lists: reputation.lists, targets: chosen)
            if check.queries.isEmpty {
                reportError("no configured list covers these targets")
                return 3
            }
            rows = try ListingLookups.run(check, config: reputation)
        } catch {
            reportError(error.description)
            return 2
        }
        output.write(ListingTableRenderer.render(rows))
        output.flush()
        return ListingCheck.exitStatus(rows)
    }

    /// The configuration with `--resolver` and `--list` applied.
    private func settings(_ configured: ReputationConfig) -> ReputationConfig? {
        var reputation = configured
        if let resolver, resolver != "system" {
            guard let address = ResolverAddress(resolver) else {
                reportError("\(resolver) is not a resolver address (127.0.0.1:5353, [::1]:53)")
                return nil
            }
            reputation.resolver = address
        } else if resolver == "system" {
            reputation.resolver = nil
        }
        if !lists.isEmpty {
            var chosen: [DNSBLList] = []
            for id in lists {
                if id == "default" {
                    chosen += DNSBLCatalog.defaults
                } else if let list = reputation.lists.first(where: { $0.id == id })
                    ?? DNSBLCatalog.list(id)
                {
                    chosen.append(list)
                } else {
                    reportError("\(id) is not a known block list")
                    return nil
                }
            }
            reputation.lists = chosen
        }
        return reputation
    }

    private func chosenTargets(_ reputation: ReputationConfig) -> [ListingTarget]? {
        guard targets.isEmpty else {
            var parsed: [ListingTarget] = []
            for text in targets {
                guard let target = ListingTarget(text) else {
                    reportError("\(text) is neither an IP address nor a domain name")
                    return nil
                }
                if !parsed.contains(target) { parsed.append(target) }
            }
            return parsed
        }
        switch reputation.ips {
        case .auto: return PublicAddress.targets(InterfaceAddresses.all()) + reputation.domains
        case .given(let given): return given + reputation.domains
        }
    }
}
