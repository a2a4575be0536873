/// What a rule counts, as a short stable hash: equal signatures mean saved counts still mean
/// the same thing after a reload.
enum AlertRuleSignature {
    static func of(_ rule: AlertRule) -> String {
        var hash = FNV1a()
        add(rule.match, to: &hash)
        if let ratioOf = rule.ratioOf {
            hash.add("ratio_of")
            add(ratioOf, to: &hash)
        }
        return hash.hex
    }

    private static func add(_ match: EventMatch, to hash: inout FNV1a) {
        hash.add("mta=" + match.mta.map(\.identifier).sorted().joined(separator: ","))
        hash.add("kind=" + match.kind.map(\.identifier).sorted().joined(separator: ","))
        hash.add("status=" + match.status.map(\.identifier).sorted().joined(separator: ","))
        hash.add("cause=" + match.cause.map(\.identifier).sorted().joined(separator: ","))
        hash.add(
            "destination="
                + match.destination.map { $0.lowercased() }.sorted().joined(separator: ","))
        hash.add(
            "blocklist=" + match.blocklist.map { $0.lowercased() }.sorted().joined(separator: ","))
        hash.add("direction=" + match.direction.map(\.rawValue).sorted().joined(separator: ","))
        // Added only when set, so a rule without them keeps the signature older versions
        // saved, and its counts survive the upgrade.
        if !match.provider.isEmpty {
            hash.add(
                "provider=" + match.provider.map { $0.lowercased() }.sorted().joined(separator: ",")
            )
        }
        if !match.host.isEmpty {
            hash.add("host=" + match.host.map { $0.lowercased() }.sorted().joined(separator: ","))
        }
    }
}
