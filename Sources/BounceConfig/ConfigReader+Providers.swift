import BounceCore

/// `providers:`: providers of the administrator's own (a hosting company, a filter in front of
/// a partner), or more relay suffixes and domains for a built-in one. A mapping of provider
/// name to `relays` (host name suffixes) and `domains` (recipient domains).
extension ConfigReader {
    static let providerKeys = ["relays", "domains"]

    func providers(_ field: Field?) -> [ProviderSpec] {
        guard let field, !field.isNull else { return [] }
        guard case .mapping(let pairs) = field.node.content else {
            log.add(
                field,
                "expected a mapping of provider names to relays and domains, found \(field.shape)")
            return []
        }
        if pairs.count > ProviderSpec.maximumCount {
            log.add(field, "at most \(ProviderSpec.maximumCount) providers, found \(pairs.count)")
            return []
        }
        var specs: [ProviderSpec] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.string else {
                log.add(field, "a provider name must be a plain name")
                continue
            }
            let item = field.child(name, pair.value)
            if let problem = ProviderSpec.problem(withName: name) {
                log.add(item, "\(quoted(name)): \(problem)")
                continue
            }
            if specs.contains(where: { $0.name == name }) {
                log.add(item, "provider \(quoted(name)) is given twice")
                continue
            }
            guard let section = section(item, known: Self.providerKeys) else { continue }
            var spec = ProviderSpec(name: name)
            if let relays = section["relays"] { spec.relaySuffixes = hostNames(relays) }
            if let domains = section["domains"] { spec.domains = hostNames(domains) }
            if spec.relaySuffixes.isEmpty, spec.domains.isEmpty {
                log.add(item, "a provider needs relays or domains to be recognised by")
                continue
            }
            if spec.relaySuffixes.count + spec.domains.count > ProviderSpec.maximumNames {
                log.add(item, "at most \(ProviderSpec.maximumNames) relays and domains")
                continue
            }
            specs.append(spec)
        }
        return specs
    }

    private func hostNames(_ field: Field) -> [String] {
        values(field).compactMap { item in
            guard let name = line(item, maximumLength: 255) else { return nil }
            if let problem = ProviderSpec.problem(withHostName: name) {
                log.add(item, problem)
                return nil
            }
            return name.lowercased()
        }
    }
}
