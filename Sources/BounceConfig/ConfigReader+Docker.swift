import BounceCore

/// `type: docker`: a container's `json-file` log, by container name or id, or by path.
extension ConfigReader {
    func docker(_ item: Field, _ section: Section, startAt: StartAt, name: String?)
        -> SourceConfig?
    {
        let format = section["format"].flatMap {
            choice($0, LogFormat.allCases, what: "log format", id: \.rawValue)
        }
        let target: DockerSourceConfig.Target
        switch (section["container"], section["path"]) {
        case (let container?, nil):
            guard let text = line(container, maximumLength: 200) else { return nil }
            guard !text.isEmpty, !text.contains("/") || text.hasPrefix("/") else {
                log.add(container, "needs a container name or id, as `docker ps` shows it")
                return nil
            }
            target = .container(text)
        case (nil, let pathField?):
            guard let path = absolutePath(pathField) else { return nil }
            if FileSourceConfig(path: path).isGlob {
                log.add(pathField, "a docker source reads one log file, not a pattern")
                return nil
            }
            target = .path(path)
        case (_?, let pathField?):
            log.add(pathField, "give either container or path, not both")
            return nil
        case (nil, nil):
            log.add(
                item,
                "a docker source needs a container (its name or id) or the path of its "
                    + "json-file log")
            return nil
        }
        var config = DockerSourceConfig(
            target: target, format: format ?? .auto, startAt: startAt, name: name)
        if let rootField = section["docker_root"], let root = absolutePath(rootField) {
            config.dockerRoot = root
        }
        return .docker(config)
    }
}
