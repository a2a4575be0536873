import BounceCore

/// `sources:`: files, the journal, or `type: auto`, which picks one when the file is loaded.
extension ConfigReader {
    /// The path `type: auto` looks for: where Debian's rsyslog writes the mail log.
    static let defaultAutoPath = "/var/log/mail.log"

    static let sourceTypes = ["file", "journal", "docker", "auto"]

    /// The sources; with no `sources` key, one `type: auto` source.
    func sources(_ field: Field?) -> [SourceConfig] {
        guard let field else {
            return [
                resolveAuto(path: Self.defaultAutoPath, format: .auto, startAt: .end, name: nil)
            ]
        }
        guard let items = list(field) else { return [] }
        if items.isEmpty {
            log.add(
                field,
                "needs at least one source (leave sources out to use /var/log/mail.log or the "
                    + "journal, whichever this machine has)")
        }
        var sources: [SourceConfig] = []
        var seenNames: [String: String] = [:]
        var seenPaths: [String: String] = [:]
        for item in items {
            guard let source = source(item) else { continue }
            if let earlier = seenNames[source.name] {
                log.add(item, "the name \(quoted(source.name)) is already used by \(earlier)")
            }
            seenNames[source.name] = seenNames[source.name] ?? item.key
            if case .file(let file) = source {
                if let earlier = seenPaths[file.path] {
                    log.add(item, "\(quoted(file.path)) is already read by \(earlier)")
                }
                seenPaths[file.path] = seenPaths[file.path] ?? item.key
            }
            sources.append(source)
        }
        return sources
    }

    private func source(_ item: Field) -> SourceConfig? {
        guard let type = itemType(item, among: Self.sourceTypes, what: "source type") else {
            return nil
        }
        let allowed: [String] =
            switch type {
            case "file": ["type", "path", "format", "start_at", "name", "max_files"]
            case "journal":
                ["type", "directory", "files", "identifiers", "container", "start_at", "name"]
            case "docker":
                ["type", "container", "path", "docker_root", "format", "start_at", "name"]
            default: ["type", "path", "format", "start_at", "name"]
            }
        guard let checked = self.section(item, known: allowed) else { return nil }
        let startAt = checked["start_at"].flatMap {
            choice($0, StartAt.allCases, what: "start position", id: \.rawValue)
        }
        let name = checked["name"].flatMap { line($0, maximumLength: 200) }
        switch type {
        case "journal":
            return journal(checked, startAt: startAt ?? .end, name: name)
        case "docker":
            return docker(item, checked, startAt: startAt ?? .end, name: name)
        default:
            let format = checked["format"].flatMap {
                choice($0, LogFormat.allCases, what: "log format", id: \.rawValue)
            }
            if type == "file" {
                guard let pathField = checked["path"] else {
                    log.add(item, "a file source needs a path")
                    return nil
                }
                guard let path = absolutePath(pathField) else { return nil }
                let maxFiles = checked["max_files"].flatMap {
                    integer($0, in: 1...FileSourceConfig.maxFilesCeiling)
                }
                return .file(
                    FileSourceConfig(
                        path: path, format: format ?? .auto, startAt: startAt ?? .end,
                        name: name, maxFiles: maxFiles ?? FileSourceConfig.defaultMaxFiles))
            }
            var path = Self.defaultAutoPath
            if let pathField = checked["path"], let given = absolutePath(pathField) {
                path = given
                if FileSourceConfig(path: given).isGlob {
                    log.add(pathField, "an auto source needs one file, not a pattern")
                }
            }
            return resolveAuto(
                path: path, format: format ?? .auto, startAt: startAt ?? .end,
                name: name)
        }
    }

    private func journal(_ section: Section, startAt: StartAt, name: String?) -> SourceConfig {
        var config = JournalSourceConfig(startAt: startAt)
        if let name { config.name = name }
        if let field = section["directory"] { config.directory = absolutePath(field) }
        if let field = section["files"] {
            config.files = values(field).compactMap { absolutePath($0) }
            if config.files.isEmpty, case .sequence = field.node.content {
                log.add(field, "needs at least one journal file (or leave files out)")
            }
            if section.has("directory") {
                log.add(field, "give either directory or files, not both")
            }
        }
        if let field = section["identifiers"] {
            config.identifiers = lines(field)
            if config.identifiers.isEmpty, case .sequence = field.node.content {
                log.add(field, "needs at least one SYSLOG_IDENTIFIER prefix")
            }
        }
        if let field = section["container"], let container = line(field, maximumLength: 200) {
            if container.isEmpty {
                log.add(field, "needs a container name (CONTAINER_NAME in the journal)")
            }
            config.container = container
        }
        return .journal(config)
    }

    /// `type: auto`: the file when it exists now, else the system journal.
    func resolveAuto(path: String, format: LogFormat, startAt: StartAt, name: String?)
        -> SourceConfig
    {
        if fileExists(path) {
            return .file(FileSourceConfig(path: path, format: format, startAt: startAt, name: name))
        }
        var journal = JournalSourceConfig(startAt: startAt)
        if let name { journal.name = name }
        return .journal(journal)
    }
}
