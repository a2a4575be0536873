import BounceCore

/// `reputation:` written back, for `check-config`.
extension ConfigRenderer {
    static func renderReputation(_ reputation: ReputationConfig, into out: inout YAMLLines) {
        out.comment("Block-list lookups of our own addresses and domains (docs/reputation.md).")
        out.key("reputation", "")
        switch reputation.ips {
        case .auto:
            out.key("ips", "auto", depth: 1, note: "the public addresses, plus those bounces name")
        case .given(let targets):
            out.key("ips", YAMLText.list(targets.map(\.description)), depth: 1)
        }
        out.key("domains", YAMLText.list(reputation.domains.map(\.description)), depth: 1)
        if reputation.lists.isEmpty {
            out.key("lists", "[]", depth: 1)
        } else {
            out.key("lists", "", depth: 1)
        }
        for list in reputation.lists {
            renderList(list, into: &out)
        }
        out.key("interval", DurationText.text(reputation.intervalSeconds), depth: 1)
        out.key(
            "resolver", reputation.resolver.map { YAMLText.scalar($0.description) } ?? "system",
            depth: 1)
        out.key("timeout", DurationText.text(reputation.timeoutMilliseconds / 1000), depth: 1)
        out.key("tries", String(reputation.tries), depth: 1)
    }

    private static func renderList(_ list: DNSBLList, into out: inout YAMLLines) {
        let prefix = "    - "
        let more = "      "
        if DNSBLCatalog.list(list.id) != nil {
            out.key(prefix + "name", YAMLText.scalar(list.id), note: "built in: \(list.zone)")
            if let keyFile = list.keyFile { out.key(more + "key_file", YAMLText.scalar(keyFile)) }
            return
        }
        out.key(prefix + "name", YAMLText.scalar(list.id))
        out.key(more + "zone", YAMLText.scalar(list.zone))
        out.key(more + "kind", list.kind.rawValue)
        out.key(more + "ipv6", "\(list.ipv6)")
        if !list.delist.isEmpty { out.key(more + "delist", YAMLText.scalar(list.delist)) }
        if let keyFile = list.keyFile { out.key(more + "key_file", YAMLText.scalar(keyFile)) }
        if !list.codes.isEmpty {
            out.key(more + "codes", "")
            for code in list.codes {
                let address = code.address.map { String($0) }.joined(separator: ".")
                out.key(more + "  " + YAMLText.scalar(address), YAMLText.scalar(code.meaning))
            }
        }
    }
}
