import BounceCore

/// `notifiers:`: where alerts go.
extension ConfigReader {
    static let notifierTypes = ["sendmail", "smtp", "alertmanager", "file"]
    static let longestTimeout = 3_600

    /// The notifiers; with no `notifiers` key, sendmail to postmaster@localhost.
    func notifiers(_ field: Field?) -> [NotifierConfig] {
        guard let field else { return Configuration().notifiers }
        guard let items = list(field) else { return [] }
        var notifiers: [NotifierConfig] = []
        var seen: [String: String] = [:]
        for item in items {
            guard let notifier = notifier(item) else { continue }
            if let earlier = seen[notifier.name] {
                let hint =
                    Self.notifierTypes.contains(notifier.name)
                    ? "; give each \(notifier.name) notifier a name of its own" : ""
                log.add(
                    item, "the name \(quoted(notifier.name)) is already used by \(earlier)\(hint)")
                continue
            }
            seen[notifier.name] = item.key
            notifiers.append(notifier)
        }
        return notifiers
    }

    private func notifier(_ item: Field) -> NotifierConfig? {
        guard let type = itemType(item, among: Self.notifierTypes, what: "notifier type") else {
            return nil
        }
        switch type {
        case "sendmail": return sendmail(item)
        case "smtp": return smtp(item)
        case "alertmanager": return alertmanager(item)
        default: return file(item)
        }
    }

    private func name(_ section: Section) -> String? {
        section["name"].flatMap { line($0, maximumLength: 64) }
    }

    private func sendmail(_ item: Field) -> NotifierConfig? {
        let known = ["type", "path", "arguments", "from", "to", "name"]
        guard let section = section(item, known: known) else { return nil }
        var config = SendmailNotifierConfig()
        if let field = section["path"], let path = absolutePath(field) { config.path = path }
        if let field = section["arguments"], let items = list(field) {
            config.arguments = items.compactMap { line($0) }
        }
        if let field = section["from"] { config.from = address(field) }
        if let field = section["to"] { config.to = mailAddresses(field) }
        if let name = name(section) { config.name = name }
        return .sendmail(config)
    }

    private func smtp(_ item: Field) -> NotifierConfig? {
        let known = [
            "type", "server", "tls", "ca_file", "username", "password_file", "from", "to",
            "timeout", "name",
        ]
        guard let section = section(item, known: known) else { return nil }
        for required in ["server", "from", "to"] where !section.has(required) {
            log.add(item, "an smtp notifier needs \(required)")
        }
        let tls =
            section["tls"].flatMap {
                choice($0, SMTPTLSMode.allCases, what: "TLS mode", id: \.rawValue)
            } ?? .starttls
        let server = section["server"].flatMap { self.server($0, tls: tls) }
        let from = section["from"].flatMap { address($0) }
        let to = section["to"].map { mailAddresses($0) }
        guard let server, let from, let to else { return nil }
        var config = SMTPNotifierConfig(
            host: server.host, port: server.port, tls: tls, from: from, to: to)
        if let field = section["ca_file"] { config.caFile = absolutePath(field) }
        if let field = section["username"] { config.username = line(field, maximumLength: 256) }
        if let field = section["password_file"] { config.passwordFile = absolutePath(field) }
        if section.has("username"), !section.has("password_file") {
            log.add(item, "username needs password_file (a file holding the password)")
        }
        if let field = section["password_file"], !section.has("username") {
            log.add(field, "password_file needs a username")
        }
        if let field = section["timeout"],
            let seconds = duration(field, in: 1...Self.longestTimeout)
        {
            config.timeoutSeconds = seconds
        }
        if let name = name(section) { config.name = name }
        return .smtp(config)
    }

    /// `host`, `host:port` or `[v6]:port`; the port follows from the TLS mode when left out.
    private func server(_ field: Field, tls: SMTPTLSMode) -> (host: String, port: Int)? {
        guard let text = line(field, maximumLength: 300) else { return nil }
        var host = Substring(text)
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                log.add(field, "\(quoted(text)) has [ without ]")
                return nil
            }
            host = text[...close]
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") {
                portText = rest.dropFirst()
            } else if !rest.isEmpty {
                log.add(field, "\(quoted(text)) is not host:port")
                return nil
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        let badHost = host.isEmpty || host.contains(":") && !host.hasPrefix("[")
        if badHost || host.contains(where: { $0 == " " || $0 == "/" || $0 == "@" }) {
            log.add(field, "\(quoted(text)) is not host:port (relay.example.net:587)")
            return nil
        }
        let defaultPort =
            switch tls {
            case .starttls: 587
            case .implicit: 465
            case .none: 25
            }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65_535).contains(port),
            portText.allSatisfy(\.isASCII)
        else {
            log.add(field, "\(quoted(String(portText))) is not a port number (1 to 65535)")
            return nil
        }
        return (String(host), port)
    }

    private func alertmanager(_ item: Field) -> NotifierConfig? {
        guard let section = section(item, known: ["type", "url", "timeout", "name"]) else {
            return nil
        }
        guard let urlField = section["url"] else {
            log.add(item, "an alertmanager notifier needs url (http://127.0.0.1:9093)")
            return nil
        }
        guard let url = line(urlField, maximumLength: 2048) else { return nil }
        let lowered = url.lowercased()
        let scheme = ["http://", "https://"].first { lowered.hasPrefix($0) }
        guard let scheme, url.count > scheme.count, !url.contains(" ") else {
            log.add(urlField, "\(quoted(url)) is not an http:// or https:// URL")
            return nil
        }
        var config = AlertmanagerNotifierConfig(url: url)
        if let field = section["timeout"],
            let seconds = duration(field, in: 1...Self.longestTimeout)
        {
            config.timeoutSeconds = seconds
        }
        if let name = name(section) { config.name = name }
        return .alertmanager(config)
    }

    private func file(_ item: Field) -> NotifierConfig? {
        guard let section = section(item, known: ["type", "path", "name"]) else { return nil }
        guard let pathField = section["path"] else {
            log.add(item, "a file notifier needs path (the mbox file alerts are appended to)")
            return nil
        }
        guard let path = absolutePath(pathField) else { return nil }
        var config = FileNotifierConfig(path: path)
        if let name = name(section) { config.name = name }
        return .file(config)
    }

    private func address(_ field: Field) -> String? {
        guard let text = line(field, maximumLength: 300) else { return nil }
        if let problem = ShapeChecks.address(text) {
            log.add(field, problem)
            return nil
        }
        return text
    }

    /// One address or a list of them; at least one.
    func mailAddresses(_ field: Field) -> [String] {
        let items = values(field)
        if items.isEmpty, case .sequence = field.node.content {
            log.add(field, "needs at least one address")
        }
        return items.compactMap { address($0) }
    }
}
