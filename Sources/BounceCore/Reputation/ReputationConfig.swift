/// `reputation:`: which of our addresses and domains to look up on which block lists, how
/// often, and through which resolver.
public struct ReputationConfig: Sendable, Equatable {
    /// Our sending addresses: found at run time, or given.
    public enum Addresses: Sendable, Equatable {
        /// The host's public addresses, plus every address bounces name as listed.
        case auto
        case given([ListingTarget])
    }

    public var ips: Addresses = .auto
    /// Our sending domains, for the domain lists.
    public var domains: [ListingTarget] = []
    /// The lists to query; a list needing a key carries its key file.
    public var lists: [DNSBLList] = DNSBLCatalog.defaults
    /// The pause between two rounds of one list; never below the list's own minimum.
    public var intervalSeconds = 1_800
    /// The resolver to ask; nil for the system's (`/etc/resolv.conf`).
    public var resolver: ResolverAddress?
    /// How long to wait for one answer before retrying, and how many tries in all.
    public var timeoutMilliseconds = 3_000
    public var tries = 2

    public init() {}

    /// The pause between two rounds of `list`.
    public func interval(of list: DNSBLList) -> Int {
        max(intervalSeconds, list.minimumIntervalSeconds)
    }
}

/// A resolver given as `host:port`: an IPv4 address, or an IPv6 address in brackets; port 53
/// when left out.
public struct ResolverAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `127.0.0.1`, `127.0.0.1:5353`, `[::1]` or `[::1]:5353`; nil for anything else.
    public init?(_ text: String) {
        var host = Substring(text)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            guard IPAddressText.ipv6(String(host)) != nil else { return nil }
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else {
            if let colon = host.firstIndex(of: ":") {
                portText = host[host.index(after: colon)...]
                host = host[..<colon]
            }
            guard IPAddressText.ipv4(String(host)) != nil else { return nil }
        }
        var port = 53
        if let portText {
            guard (1...5).contains(portText.count), portText.allSatisfy(\.isASCII),
                let value = Int(portText), (1...65_535).contains(value)
            else { return nil }
            port = value
        }
        self.host = String(host)
        self.port = port
    }

    /// `host:port`, brackets around an IPv6 address: the form c-ares takes.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
