import BounceCore

/// `alerts:` and `default_alerts:`: threshold rules over the classified events.
extension ConfigReader {
    static let alertKeys = [
        "name", "match", "ratio_of", "threshold", "min_events", "window", "group_by",
        "repeat_interval", "group_wait",
    ]
    static let matchKeys = [
        "mta", "kind", "status", "cause", "destination", "blocklist", "direction", "provider",
        "host", "sender_domain", "sasl_username",
    ]
    /// The longest window a rule may count over; the alert engine keeps that much history.
    static let longestWindow = 86_400
    /// The largest count threshold; beyond it a rule would never fire in practice.
    static let largestCount = 1_000_000_000

    /// The rules: `alerts` (none when it is absent) after the built-in ones when
    /// `default_alerts` is true, which it is by default only when `alerts` is absent.
    /// A rule named like a built-in one takes its place; `{name, disabled: true}` switches a
    /// built-in one off, and the lookup alerts so switched off go to `disabledLookups`.
    ///
    /// `compromisedAccountOff` is set when `{name: compromised-account, disabled: true}`
    /// switches that built-in alert off.
    func alerts(
        _ field: Field?, defaults defaultsField: Field?, disabledLookups: inout [String],
        compromisedAccountOff: inout Bool
    ) -> [AlertRule] {
        var keepDefaults = field == nil
        if let defaultsField, let value = bool(defaultsField) { keepDefaults = value }
        var own: [AlertRule] = []
        var switchedOff: [String] = []
        if let field, let items = list(field) {
            var seen: [String: String] = [:]
            for item in items {
                if Self.isSwitch(item) {
                    guard let (name, disabled) = alertSwitch(item) else { continue }
                    if let earlier = seen[name] {
                        log.add(item, "the name \(quoted(name)) is already used by \(earlier)")
                        continue
                    }
                    seen[name] = item.key
                    if disabled { switchedOff.append(name) }
                    continue
                }
                guard let rule = alert(item) else { continue }
                if let earlier = seen[rule.name] {
                    log.add(item, "the name \(quoted(rule.name)) is already used by \(earlier)")
                    continue
                }
                seen[rule.name] = item.key
                own.append(rule)
            }
        }
        disabledLookups = Self.lookupAlerts.filter { switchedOff.contains($0) }
        compromisedAccountOff = switchedOff.contains(CompromisedAccountConfig.ruleName)
        guard keepDefaults else { return own }
        var rules = AlertRule.defaults.filter { !switchedOff.contains($0.name) }
        for rule in own {
            if let index = rules.firstIndex(where: { $0.name == rule.name }) {
                rules[index] = rule
            } else {
                rules.append(rule)
            }
        }
        return rules
    }

    private func alert(_ item: Field) -> AlertRule? {
        guard let section = section(item, known: Self.alertKeys) else { return nil }
        let name = section["name"].flatMap { ruleName($0) }
        let match = section["match"].flatMap { eventMatch($0) }
        let ratioOf = section["ratio_of"].flatMap { eventMatch($0) }
        let threshold = section["threshold"].flatMap {
            self.threshold($0, ratio: section.has("ratio_of"))
        }
        let window = section["window"].flatMap { duration($0, in: 1...Self.longestWindow) }
        for required in ["name", "match", "threshold", "window"] where !section.has(required) {
            log.add(item, "an alert rule needs \(required)")
        }
        var minEvents = 0
        if let field = section["min_events"] {
            if !section.has("ratio_of") {
                log.add(field, "applies only to ratio rules (with ratio_of)")
            } else if let value = integer(field, in: 0...Self.largestCount) {
                minEvents = value
            }
        }
        let groupBy = section["group_by"].map {
            choices($0, AlertDimension.allCases, what: "group_by dimension", id: \.rawValue)
        }
        let repeatInterval = section["repeat_interval"].flatMap { self.repeatInterval($0) }
        let groupWait = section["group_wait"].flatMap { duration($0, in: 0...3_600) }
        guard let name, let match, let threshold, let window else { return nil }
        if section.has("ratio_of"), ratioOf == nil { return nil }
        var rule = AlertRule(
            name: name, match: match, ratioOf: ratioOf, threshold: threshold,
            minEvents: minEvents, windowSeconds: window, groupBy: groupBy ?? [])
        if let repeatInterval { rule.repeatIntervalSeconds = repeatInterval }
        if let groupWait { rule.groupWaitSeconds = groupWait }
        return rule
    }

    /// Lower-case letters, digits, `_` and `-`: the name is a metric label and a mail subject.
    private func ruleName(_ field: Field) -> String? {
        guard let name = line(field, maximumLength: 64) else { return nil }
        let fine = name.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F
                || byte == 0x2D
        }
        guard fine else {
            log.add(field, "\(quoted(name)) may hold only a-z, 0-9, _ and -")
            return nil
        }
        return name
    }

    /// `0` for no reminders, else 1m to 7d: a reminder every few seconds would be a flood.
    func repeatInterval(_ field: Field) -> Int? {
        guard let seconds = duration(field, in: 0...7 * 86_400) else { return nil }
        guard seconds == 0 || seconds >= 60 else {
            log.add(
                field,
                "\(quoted(field.text ?? "")) is too short (0 for no reminders, else 1m to 7d)")
            return nil
        }
        return seconds
    }

    private func threshold(_ field: Field, ratio: Bool) -> Double? {
        guard let value = number(field) else { return nil }
        if ratio {
            guard value > 0, value <= 1 else {
                log.add(
                    field,
                    "a ratio threshold must be above 0 and at most 1, found \(ConfigRenderer.number(value))"
                )
                return nil
            }
        } else {
            guard value >= 1, value <= Double(Self.largestCount), value.rounded() == value else {
                log.add(field, "a count threshold must be a whole number of events, at least 1")
                return nil
            }
        }
        return value
    }

    /// `match:` and `ratio_of:`: lists of identifiers, each a single value or a list.
    func eventMatch(_ field: Field) -> EventMatch? {
        guard let section = section(field, known: Self.matchKeys) else { return nil }
        var match = EventMatch()
        if let value = section["mta"] {
            match.mta = choices(value, MTA.allCases, what: "mta", id: \.identifier)
        }
        if let value = section["kind"] {
            match.kind = choices(value, EventKind.allCases, what: "event kind", id: \.identifier)
        }
        if let value = section["status"] {
            match.status = choices(
                value, DeliveryStatus.allCases, what: "status", id: \.identifier)
        }
        if let value = section["cause"] {
            match.cause = choices(value, Cause.allCases, what: "cause", id: \.identifier)
        }
        if let value = section["direction"] {
            match.direction = choices(
                value, TrafficDirection.allCases, what: "direction", id: \.rawValue)
        }
        if let value = section["destination"] {
            match.destination = domains(value)
        }
        if let value = section["blocklist"] {
            match.blocklist = unique(lines(value))
        }
        if let value = section["provider"] {
            match.provider = unique(
                values(value).compactMap { item in
                    guard let text = line(item) else { return nil }
                    if let problem = ProviderSpec.problem(withName: text) {
                        log.add(item, "\(quoted(text)): \(problem)")
                        return nil
                    }
                    return text
                })
        }
        if let value = section["host"] {
            match.host = domains(value, maximumLength: 255)
        }
        if let value = section["sender_domain"] {
            match.senderDomain = domains(value, maximumLength: 255)
        }
        if let value = section["sasl_username"] {
            match.saslUsername = unique(
                values(value).compactMap { line($0, maximumLength: AlertLimits.textBytes) })
        }
        return match
    }

    /// Domain names (a single one accepted), lower-cased, duplicates dropped; one that is no
    /// domain name is reported and left out.
    private func domains(_ field: Field, maximumLength: Int = 1024) -> [String] {
        unique(
            values(field).compactMap { item in
                guard let text = line(item, maximumLength: maximumLength) else { return nil }
                if let problem = ShapeChecks.domain(text) {
                    log.add(item, problem)
                    return nil
                }
                return text.lowercased()
            })
    }

    private func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
