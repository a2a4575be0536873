import BounceCore

/// `rules:`: the administrator's classification rules, checked for shape here; whether they
/// fit the built-in rules (ids, `replaces`, samples) is the classifier's to say.
extension ConfigReader {
    static let ruleKeys = [
        "id", "cause", "phrases", "codes", "destinations", "replaces", "disabled", "temporary",
        "sample",
    ]

    func userRules(_ field: Field?) -> [UserRuleSpec] {
        guard let field, let items = list(field) else { return [] }
        return items.compactMap { userRule($0) }
    }

    private func userRule(_ item: Field) -> UserRuleSpec? {
        guard let section = section(item, known: Self.ruleKeys) else { return nil }
        guard let idField = section["id"] else {
            log.add(item, "a rule needs an id (like user.my-provider-block)")
            return nil
        }
        let id = ruleID(idField)
        let cause = section["cause"].flatMap {
            choice($0, Cause.allCases, what: "cause", id: \.identifier)
        }
        var spec = UserRuleSpec(id: id ?? "", cause: cause, line: item.line)
        if let field = section["phrases"] {
            spec.phrases = values(field).compactMap { phrase($0) }
        }
        if let field = section["codes"] {
            spec.codes = values(field).compactMap { item in
                guard let code = line(item, maximumLength: 16) else { return nil }
                if let problem = ShapeChecks.code(code) {
                    log.add(item, problem)
                    return nil
                }
                return code
            }
        }
        if let field = section["destinations"] {
            spec.destinations = values(field).compactMap { item in
                guard let domain = line(item) else { return nil }
                if let problem = ShapeChecks.domain(domain) {
                    log.add(item, problem)
                    return nil
                }
                return domain.lowercased()
            }
        }
        if let field = section["replaces"] { spec.replaces = ruleID(field) }
        if let field = section["disabled"] { spec.disabled = bool(field) ?? false }
        if let field = section["temporary"] { spec.temporary = bool(field) ?? false }
        if let field = section["sample"] { spec.sample = phrase(field, maximumLength: 4096) }
        let switchesOff = spec.disabled && spec.replaces != nil
        if cause == nil, !section.has("cause"), !switchesOff {
            log.add(item, "a rule needs a cause (only disabled: true with replaces can do without)")
        }
        let hasEvidence = !spec.phrases.isEmpty || !spec.codes.isEmpty
        if !spec.disabled, !hasEvidence, !section.has("phrases"), !section.has("codes") {
            log.add(item, "a rule needs phrases or codes to match")
        }
        return id == nil ? nil : spec
    }

    /// Lower-case letters, digits, `.`, `_` and `-`, like the built-in ids.
    private func ruleID(_ field: Field) -> String? {
        guard let id = line(field, maximumLength: 100) else { return nil }
        let fine = id.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2E
                || byte == 0x5F || byte == 0x2D
        }
        guard fine else {
            log.add(field, "\(quoted(id)) may hold only a-z, 0-9, ., _ and -")
            return nil
        }
        return id
    }

    /// Text matched against replies: any characters but line breaks, not blank.
    private func phrase(_ field: Field, maximumLength: Int = 512) -> String? {
        guard let text = text(field) else { return nil }
        if text.allSatisfy(\.isWhitespace) {
            log.add(field, "must not be blank")
            return nil
        }
        if text.contains(where: \.isNewline) {
            log.add(field, "\(quoted(text)) spans several lines; a reply is one line")
            return nil
        }
        if text.utf8.count > maximumLength {
            log.add(field, "is longer than \(maximumLength) bytes")
            return nil
        }
        return text
    }
}
