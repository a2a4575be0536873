extension Classifier {
    /// How many near misses `explain` lists for an unclassified event.
    static let nearMissLimit = 3

    /// The rules closest to deciding an event that no rule decided, and why each did not: a
    /// rule is near when some of its evidence is there (a phrase of its list, its enhanced code,
    /// its reply code) but another condition failed. Fewest failed conditions first, then
    /// decision order. For `classify --explain`; not on the hot path.
    func nearMisses(_ context: Context) -> [Explanation.NearMiss] {
        var near: [(failures: Int, index: Int, miss: Explanation.NearMiss)] = []
        for (index, rule) in rules.enumerated() where rule.tier != .event && rule.tier != .user {
            var hits = 0
            var why: [String] = []
            if !rule.anyPhrase.isEmpty {
                if rule.anyPhrase.contains(where: { occurs($0, in: context) }) {
                    hits += 1
                } else {
                    why.append("none of its phrases occurs")
                }
            }
            let missing = rule.allPhrases.filter { !occurs($0, in: context) }
            if !missing.isEmpty {
                why.append("needs also \(missing.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            let vetoes = rule.noPhrase.filter { occurs($0, in: context) }
            if !vetoes.isEmpty {
                why.append("vetoed by \(vetoes.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            if !rule.codes.isEmpty {
                let codes = [context.replyESC, context.mtaDSN].compactMap { $0 }
                if codes.contains(where: { code in rule.codes.contains { $0.matches(code) } }) {
                    hits += 1
                } else {
                    let seen =
                        codes.isEmpty ? "none" : codes.map(\.description).joined(separator: ", ")
                    why.append(
                        "enhanced code \(seen), not \(rule.codes.map(\.description).joined(separator: "/"))"
                    )
                }
            }
            if !rule.replyCodes.isEmpty {
                if rule.replyCodes.contains(context.replyCode) {
                    hits += 1
                } else {
                    let seen = context.replyCode == 0 ? "none" : String(context.replyCode)
                    why.append(
                        "reply code \(seen), not \(rule.replyCodes.map(String.init).joined(separator: "/"))"
                    )
                }
            }
            if !rule.stages.isEmpty, !rule.stages.contains(context.stage) {
                why.append(
                    "stage \(context.stage.identifier) is not \(rule.stages.map(\.identifier).joined(separator: "/"))"
                )
            }
            if let mta = rule.mta, mta != context.mta { why.append("only for \(mta.identifier)") }
            if !rule.kinds.isEmpty, !rule.kinds.contains(context.kind) {
                why.append("not for \(context.kind.identifier) events")
            }
            if !rule.statuses.isEmpty, !rule.statuses.contains(context.status) {
                why.append("not for status \(context.status.identifier)")
            }
            if !rule.destinations.isEmpty {
                let domain = String(decoding: context.domain, as: UTF8.self).lowercased()
                let listed = rule.destinations.contains {
                    domain == $0 || domain.hasSuffix("." + $0)
                }
                if !listed { why.append("only for \(rule.destinations.joined(separator: ", "))") }
            }
            guard hits > 0, !why.isEmpty else { continue }
            near.append(
                (
                    why.count, index,
                    Explanation.NearMiss(
                        ruleID: rule.id, cause: rule.cause, why: why.joined(separator: "; "))
                ))
        }
        return near.sorted { ($0.failures, $0.index) < ($1.failures, $1.index) }
            .prefix(Self.nearMissLimit).map(\.miss)
    }

    private func occurs(_ phrase: String, in context: Context) -> Bool {
        guard let id = matcher.phrases.firstIndex(of: CaseFold.fold(phrase)) else { return false }
        return context.phrases.contains(id)
    }
}
