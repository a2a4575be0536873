import BounceCore

/// Writes a `Configuration` back as commented YAML with every default spelled out.
///
/// `check-config` prints this so that an administrator sees what the daemon will do, defaults
/// and `type: auto` decisions included. `ConfigLoader` reads the output back to an equal
/// configuration: the built-in alert rules are written out in full, with `default_alerts:
/// false`, so nothing depends on the defaults of another version.
public enum ConfigRenderer {
    public static func render(_ config: Configuration) -> String {
        var out = YAMLLines()
        out.comment("bouncewatch: the effective configuration, every default filled in.")
        out.comment("Keys and their meaning: docs/configuration.md or bouncewatch.yml(5).")
        out.blank()
        renderSources(config.sources, into: &out)
        out.blank()
        out.comment("Checkpoint, pending alerts and other state.")
        out.key("state_directory", YAMLText.scalar(config.stateDirectory))
        out.comment("The name alert mails use for this machine; null: the system's host name.")
        out.key("hostname", config.hostname.map(YAMLText.scalar) ?? "null")
        out.blank()
        renderMetrics(config.metrics, into: &out)
        out.blank()
        renderAlerts(
            config.alerts, disabled: config.disabledLookupAlerts,
            accountsOff: config.compromisedAccount == nil, into: &out)
        out.blank()
        if let accounts = config.compromisedAccount {
            renderCompromisedAccount(accounts, into: &out)
            out.blank()
        }
        renderNotifiers(config.notifiers, into: &out)
        out.blank()
        renderRules(config.rules, into: &out)
        if !config.providers.isEmpty {
            out.blank()
            renderProviders(config.providers, into: &out)
        }
        if let reputation = config.reputation {
            out.blank()
            renderReputation(reputation, into: &out)
        }
        if let queue = config.queue {
            out.blank()
            renderQueue(queue, into: &out)
        }
        if let digest = config.digest {
            out.blank()
            renderDigest(digest, into: &out)
        }
        return out.text
    }

    private static func renderSources(_ sources: [SourceConfig], into out: inout YAMLLines) {
        out.comment("Where log lines come from.")
        out.list("sources", empty: sources.isEmpty)
        for source in sources {
            switch source {
            case .file(let file):
                out.item("type", "file")
                out.key("path", YAMLText.scalar(file.path), depth: 2)
                out.key("format", file.format.rawValue, depth: 2, note: "auto | postfix | exim")
                out.key(
                    "start_at", file.startAt.rawValue, depth: 2,
                    note: "end | beginning, for a file never read before")
                out.key("name", YAMLText.scalar(file.name), depth: 2)
                if file.isGlob {
                    out.key(
                        "max_files", String(file.maxFiles), depth: 2,
                        note: "the most files the pattern is followed in")
                }
            case .journal(let journal):
                out.item("type", "journal")
                if let directory = journal.directory {
                    out.key("directory", YAMLText.scalar(directory), depth: 2)
                } else if journal.files.isEmpty {
                    out.comment("No directory or files: the system journal.", depth: 2)
                }
                if !journal.files.isEmpty {
                    out.key("files", YAMLText.list(journal.files), depth: 2)
                }
                out.key(
                    "identifiers", YAMLText.list(journal.identifiers), depth: 2,
                    note: "SYSLOG_IDENTIFIER prefixes")
                if let container = journal.container {
                    out.key(
                        "container", YAMLText.scalar(container), depth: 2,
                        note: "CONTAINER_NAME (Docker's journald log driver)")
                }
                out.key(
                    "start_at", journal.startAt.rawValue, depth: 2,
                    note: "end | beginning, with no saved cursor")
                out.key("name", YAMLText.scalar(journal.name), depth: 2)
            case .docker(let docker):
                renderDocker(docker, into: &out)
            }
        }
    }

    private static func renderDocker(_ docker: DockerSourceConfig, into out: inout YAMLLines) {
        out.item("type", "docker")
        switch docker.target {
        case .container(let container):
            out.key("container", YAMLText.scalar(container), depth: 2, note: "name or id")
            out.key("docker_root", YAMLText.scalar(docker.dockerRoot), depth: 2)
        case .path(let path):
            out.key("path", YAMLText.scalar(path), depth: 2, note: "a json-file log")
        }
        out.key("format", docker.format.rawValue, depth: 2, note: "auto | postfix | exim")
        out.key(
            "start_at", docker.startAt.rawValue, depth: 2,
            note: "end | beginning, for a log never read before")
        out.key("name", YAMLText.scalar(docker.name), depth: 2)
    }

    private static func renderMetrics(_ metrics: MetricsConfig, into out: inout YAMLLines) {
        out.comment("The Prometheus textfile for node_exporter; textfile: null writes none.")
        out.key("metrics", "")
        out.key("textfile", metrics.textfile.map(YAMLText.scalar) ?? "null", depth: 1)
        out.key("interval", DurationText.text(metrics.intervalSeconds), depth: 1)
        out.key("top_destinations", "\(metrics.topDestinations)", depth: 1)
        out.key("per_host", metrics.perHost ? "true" : "false", depth: 1)
        out.key("top_hosts", "\(metrics.topHosts)", depth: 1)
        let senderFamilies = [
            ("senders", metrics.topSenderDomains, "sender domain"),
            ("sasl_users", metrics.topSASLUsers, "SASL user"),
        ]
        for (key, top, what) in senderFamilies {
            guard let top else {
                out.key(key, "false", depth: 1, note: "{ top: N }: deliveries by \(what)")
                continue
            }
            out.key(key, "", depth: 1)
            out.key("top", "\(top)", depth: 2)
        }
    }

    private static func renderAlerts(
        _ rules: [AlertRule], disabled: [String], accountsOff: Bool, into out: inout YAMLLines
    ) {
        out.comment("Every alert rule in force, the built-in ones marked as such.")
        out.key("default_alerts", "false")
        out.list("alerts", empty: rules.isEmpty && disabled.isEmpty && !accountsOff)
        // The lookup alerts are not rules of this list: only switching one off is written.
        for name in disabled {
            out.item("name", YAMLText.scalar(name), note: "built-in lookup alert, switched off")
            out.key("disabled", "true", depth: 2)
        }
        if accountsOff {
            out.item(
                "name", YAMLText.scalar(CompromisedAccountConfig.ruleName),
                note: "built-in alert, switched off")
            out.key("disabled", "true", depth: 2)
        }
        for rule in rules {
            let builtIn = AlertRule.defaults.contains(rule)
            out.item("name", YAMLText.scalar(rule.name), note: builtIn ? "built in" : nil)
            renderMatch(rule.match, key: "match", into: &out)
            if let ratioOf = rule.ratioOf {
                renderMatch(ratioOf, key: "ratio_of", into: &out)
            }
            out.key("threshold", number(rule.threshold), depth: 2)
            if rule.ratioOf != nil {
                out.key("min_events", "\(rule.minEvents)", depth: 2)
            }
            out.key("window", DurationText.text(rule.windowSeconds), depth: 2)
            out.key("group_by", YAMLText.list(rule.groupBy.map(\.rawValue)), depth: 2)
            out.key("repeat_interval", DurationText.text(rule.repeatIntervalSeconds), depth: 2)
            out.key("group_wait", DurationText.text(rule.groupWaitSeconds), depth: 2)
        }
    }

    private static func renderMatch(_ match: EventMatch, key: String, into out: inout YAMLLines) {
        let lists: [(String, [String])] = [
            ("mta", match.mta.map(\.identifier)), ("kind", match.kind.map(\.identifier)),
            ("status", match.status.map(\.identifier)), ("cause", match.cause.map(\.identifier)),
            ("destination", match.destination), ("blocklist", match.blocklist),
            ("direction", match.direction.map(\.rawValue)), ("provider", match.provider),
            ("host", match.host), ("sender_domain", match.senderDomain),
            ("sasl_username", match.saslUsername),
        ].filter { !$0.1.isEmpty }
        guard !lists.isEmpty else {
            out.key(key, "{}", depth: 2, note: "every event")
            return
        }
        out.key(key, "", depth: 2)
        for (name, values) in lists {
            out.key(name, YAMLText.list(values), depth: 3)
        }
    }

    /// `1` for whole numbers, the shortest exact decimal otherwise.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return "\(Int(value))" }
        return "\(value)"
    }

    private static func renderNotifiers(_ notifiers: [NotifierConfig], into out: inout YAMLLines) {
        out.comment("Where alerts go; every notifier receives every alert.")
        out.list("notifiers", empty: notifiers.isEmpty)
        for notifier in notifiers {
            switch notifier {
            case .sendmail(let config):
                out.item("type", "sendmail")
                out.key("path", YAMLText.scalar(config.path), depth: 2)
                out.key("arguments", YAMLText.list(config.arguments), depth: 2)
                optional("from", config.from, absent: "bouncewatch@ the host name", into: &out)
                out.key("to", YAMLText.list(config.to), depth: 2)
                out.key("name", YAMLText.scalar(config.name), depth: 2)
            case .smtp(let config):
                out.item("type", "smtp")
                out.key("server", YAMLText.scalar("\(config.host):\(config.port)"), depth: 2)
                out.key("tls", config.tls.rawValue, depth: 2, note: "none | starttls | implicit")
                optional("ca_file", config.caFile, absent: "the system's CAs", into: &out)
                optional("username", config.username, absent: "no AUTH", into: &out)
                optional("password_file", config.passwordFile, absent: nil, into: &out)
                out.key("from", YAMLText.scalar(config.from), depth: 2)
                out.key("to", YAMLText.list(config.to), depth: 2)
                out.key("timeout", DurationText.text(config.timeoutSeconds), depth: 2)
                out.key("name", YAMLText.scalar(config.name), depth: 2)
            case .alertmanager(let config):
                out.item("type", "alertmanager")
                out.key("url", YAMLText.scalar(config.url), depth: 2)
                out.key("timeout", DurationText.text(config.timeoutSeconds), depth: 2)
                out.key("name", YAMLText.scalar(config.name), depth: 2)
            case .file(let config):
                out.item("type", "file")
                out.key("path", YAMLText.scalar(config.path), depth: 2)
                out.key("name", YAMLText.scalar(config.name), depth: 2)
            }
        }
    }

    /// A key that is left out when unset, with a comment saying what that means.
    private static func optional(
        _ key: String, _ value: String?, absent: String?, into out: inout YAMLLines
    ) {
        if let value {
            out.key(key, YAMLText.scalar(value), depth: 2)
        } else if let absent {
            out.comment("\(key): not set, \(absent)", depth: 2)
        }
    }

    private static func renderRules(_ rules: [UserRuleSpec], into out: inout YAMLLines) {
        out.comment("Classification rules of your own, tried before the built-in ones.")
        out.list("rules", empty: rules.isEmpty)
        for rule in rules {
            out.item("id", YAMLText.scalar(rule.id))
            if let cause = rule.cause { out.key("cause", cause.identifier, depth: 2) }
            if !rule.phrases.isEmpty {
                out.key("phrases", YAMLText.list(rule.phrases), depth: 2)
            }
            if !rule.codes.isEmpty { out.key("codes", YAMLText.list(rule.codes), depth: 2) }
            if !rule.destinations.isEmpty {
                out.key("destinations", YAMLText.list(rule.destinations), depth: 2)
            }
            if let replaces = rule.replaces {
                out.key("replaces", YAMLText.scalar(replaces), depth: 2)
            }
            out.key("disabled", "\(rule.disabled)", depth: 2)
            out.key("temporary", "\(rule.temporary)", depth: 2)
            if let sample = rule.sample { out.key("sample", YAMLText.scalar(sample), depth: 2) }
        }
    }

    private static func renderProviders(_ providers: [ProviderSpec], into out: inout YAMLLines) {
        out.comment("Providers of your own, layered over the built-in ones.")
        out.key("providers", "")
        for provider in providers {
            out.key(provider.name, "", depth: 1)
            if !provider.relaySuffixes.isEmpty {
                out.key("relays", YAMLText.list(provider.relaySuffixes), depth: 2)
            }
            if !provider.domains.isEmpty {
                out.key("domains", YAMLText.list(provider.domains), depth: 2)
            }
        }
    }
}
