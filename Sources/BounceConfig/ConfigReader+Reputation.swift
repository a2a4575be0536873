import BounceCore

/// `reputation:`: block-list lookups of our own addresses and domains.
extension ConfigReader {
    static let reputationKeys = [
        "ips", "domains", "lists", "interval", "resolver", "timeout", "tries",
    ]
    static let listKeys = ["name", "key_file", "zone", "delist", "codes", "kind", "ipv6"]
    /// The most targets and lists one configuration may name.
    static let maximumTargets = 256
    static let maximumLists = 64

    func reputation(_ field: Field?) -> ReputationConfig? {
        guard let field, !field.isNull else { return nil }
        var config = ReputationConfig()
        guard let section = section(field, known: Self.reputationKeys) else { return config }
        if let ips = section["ips"] { config.ips = addresses(ips) }
        if let domains = section["domains"] {
            config.domains = values(domains).compactMap { item in
                guard let text = line(item, maximumLength: 253) else { return nil }
                guard let name = DomainNameText.normalized(text) else {
                    log.add(item, "\(quoted(text)) is not a domain name")
                    return nil
                }
                return .domain(name)
            }
        }
        if let lists = section["lists"] { config.lists = blockLists(lists) }
        if let interval = section["interval"],
            let seconds = duration(interval, in: 300...86_400)
        {
            config.intervalSeconds = seconds
        }
        if let resolver = section["resolver"], let text = line(resolver, maximumLength: 64),
            text != "system"
        {
            if let address = ResolverAddress(text) {
                config.resolver = address
            } else {
                log.add(
                    resolver,
                    "\(quoted(text)) is not a resolver (system, or an address with an optional port: 127.0.0.1:5353, [::1]:53)"
                )
            }
        }
        if let timeout = section["timeout"], let seconds = duration(timeout, in: 1...30) {
            config.timeoutMilliseconds = seconds * 1000
        }
        if let tries = section["tries"], let count = integer(tries, in: 1...5) {
            config.tries = count
        }
        return config
    }

    private func addresses(_ field: Field) -> ReputationConfig.Addresses {
        if field.text == "auto" { return .auto }
        var targets: [ListingTarget] = []
        for item in values(field) {
            guard let text = line(item, maximumLength: 64) else { continue }
            guard let target = ListingTarget(text), target.isAddress else {
                log.add(item, "\(quoted(text)) is not an IPv4 or IPv6 address (or write auto)")
                continue
            }
            if !targets.contains(target) { targets.append(target) }
        }
        if targets.count > Self.maximumTargets {
            log.add(field, "at most \(Self.maximumTargets) addresses")
        }
        return .given(targets)
    }

    private func blockLists(_ field: Field) -> [DNSBLList] {
        if field.text == "default" { return DNSBLCatalog.defaults }
        var lists: [DNSBLList] = []
        for item in values(field) {
            var found: [DNSBLList] = []
            if item.text == "default" {
                found = DNSBLCatalog.defaults
            } else if let text = item.text {
                if let list = builtIn(text, item) { found = [list] }
            } else if let section = section(item, known: Self.listKeys) {
                if let list = blockList(section, item) { found = [list] }
            }
            for list in found where !lists.contains(where: { $0.id == list.id }) {
                if list.needsKey, list.keyFile == nil {
                    log.add(
                        item,
                        "\(quoted(list.id)) needs a registered key: write {name: \(list.id), key_file: /path/to/key}"
                    )
                    continue
                }
                lists.append(list)
            }
        }
        if lists.count > Self.maximumLists {
            log.add(field, "at most \(Self.maximumLists) lists")
        }
        return lists
    }

    private func builtIn(_ name: String, _ field: Field) -> DNSBLList? {
        choice(field, DNSBLCatalog.all, what: "block list", id: \.id)
    }

    /// A built-in list with its key file, or a list of the administrator's own.
    private func blockList(_ section: Section, _ item: Field) -> DNSBLList? {
        guard let nameField = section["name"] else {
            log.add(item, "a list needs a name")
            return nil
        }
        guard let zoneField = section["zone"] else {
            guard var list = builtIn(nameField.text ?? "", nameField) else { return nil }
            for key in ["delist", "codes", "kind", "ipv6"] where section.has(key) {
                log.add(item, "\(key) is only for lists of your own (with a zone)")
            }
            if let keyFile = section["key_file"] { list.keyFile = absolutePath(keyFile) }
            return list
        }
        guard let name = line(nameField, maximumLength: 63), let zone = line(zoneField) else {
            return nil
        }
        guard DomainNameText.isValid(name), !name.contains(".") else {
            log.add(nameField, "\(quoted(name)) must be a short name: letters, digits, - and _")
            return nil
        }
        if DNSBLCatalog.list(name) != nil {
            log.add(nameField, "\(quoted(name)) is a built-in list; name yours differently")
            return nil
        }
        guard let zoneName = DomainNameText.normalized(zone) else {
            log.add(zoneField, "\(quoted(zone)) is not a DNS zone")
            return nil
        }
        var kind = DNSBLList.Kind.ip
        if let field = section["kind"],
            let chosen = choice(field, [DNSBLList.Kind.ip, .domain], what: "kind", id: \.rawValue)
        {
            kind = chosen
        }
        var list = DNSBLList(
            id: name, name: name, zone: zoneName, kind: kind, ipv6: kind == .ip,
            delist: section["delist"].flatMap { line($0) } ?? "")
        if let field = section["ipv6"], let ipv6 = bool(field) { list.ipv6 = ipv6 }
        if let field = section["codes"] { list.codes = codes(field) }
        if let keyFile = section["key_file"] {
            list.keyFile = absolutePath(keyFile)
            list.needsKey = true
        }
        return list
    }

    /// `codes:`: a mapping of answer address (in 127.0.0.0/8) to its meaning.
    private func codes(_ field: Field) -> [DNSBLList.ReturnCode] {
        guard case .mapping(let pairs) = field.node.content else {
            log.add(
                field, "expected a mapping of answer addresses to meanings, found \(field.shape)")
            return []
        }
        var codes: [DNSBLList.ReturnCode] = []
        for pair in pairs {
            let key = pair.key.scalar?.string ?? ""
            let item = field.child(key, pair.value)
            guard let address = IPAddressText.ipv4(key), address[0] == 127,
                !(address[1] == 255 && address[2] == 255)
            else {
                log.add(
                    item, "\(quoted(key)) is not a listing answer (127.x.x.x, not 127.255.255.x)")
                continue
            }
            guard let meaning = line(item, maximumLength: 200) else { continue }
            codes.append(DNSBLList.ReturnCode(address, meaning))
        }
        return codes
    }
}
