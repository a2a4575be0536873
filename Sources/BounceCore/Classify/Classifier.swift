/// Decides the cause of a failed delivery, reject or authentication failure.
///
/// The rules are data (`Rule.standard`); this engine compiles their phrases once into one
/// `PhraseMatcher`, then per event makes one pass over the reply and walks the rules in the
/// decision order of CAUSES.md: event, text, enhanced code (reply text, then Postfix `dsn=` unless
/// `x.0.0`), reply code and stage, MTA wording. The first rule that holds decides.
public struct Classifier: Sendable {
    /// The rules in decision order (stable by tier, table order within a tier).
    public let rules: [Rule]
    let matcher: PhraseMatcher
    let table: RuleTable
    /// The rules of the enhanced code tier, which runs twice.
    let codeTier: Range<Int>
    /// Phrase ids of each `BlocklistCatalog.entries` element.
    let blocklistPhrases: [[UInt16]]
    /// Phrase ids that introduce a list name we do not know (`blocked using `, ...).
    let listIntroducers: [UInt16]
    /// For each phrase id, the first `BlocklistCatalog.entries` element that names it (-1:
    /// none) and whether it introduces a list name: a block list is then named by one pass over
    /// the phrases found, not a pass over the catalog per event.
    let blocklistOwner: [Int16]
    let introducesList: [Bool]
    /// How many leading rules need neither text nor codes (`status=expired`, SASL failures):
    /// they are tried before the reply is scanned, which a third of failure lines never need.
    let textFreeLeadingRules: Int

    static let introducerPhrases = [
        "blocked using ", "listed in ", "listed at ", "listed on ", "black list at ",
        "blacklisted at ", "blocklisted at ", "listed by ",
    ]

    /// Compiles `rules`. Later rules with the same id replace earlier ones in place, which is how
    /// user rules override defaults.
    public init(rules: [Rule]) {
        var byID: [String: Int] = [:]
        byID.reserveCapacity(rules.count)
        var merged: [Rule] = []
        merged.reserveCapacity(rules.count)
        for rule in rules {
            if let index = byID[rule.id] {
                merged[index] = rule
            } else {
                byID[rule.id] = merged.count
                merged.append(rule)
            }
        }
        // Stable by tier: one pass per tier keeps table order inside each, with one copy of
        // each rule instead of the many moves of a sort.
        var ordered: [Rule] = []
        ordered.reserveCapacity(merged.count)
        for tier in Rule.Tier.allCases {
            for index in merged.indices where merged[index].tier == tier {
                ordered.append(merged[index])
            }
        }
        self.rules = ordered

        var numbering = StringNumbering(capacity: 2 * ordered.count)
        func intern(_ phrase: String) -> UInt16 {
            UInt16(numbering.number(of: CaseFold.fold(phrase)))
        }
        self.table = RuleTable(ordered, intern: intern)
        let firstCode = ordered.firstIndex { $0.tier == .enhancedCode } ?? ordered.count
        let afterCode = ordered.firstIndex { $0.tier > .enhancedCode } ?? ordered.count
        self.codeTier = firstCode..<max(firstCode, afterCode)
        self.blocklistPhrases = BlocklistCatalog.entries.map { $0.phrases.map(intern) }
        self.listIntroducers = Self.introducerPhrases.map(intern)
        // Inside a URL only a block list's own name (its site names it) and phrases written as
        // URL pieces (a provider's code carried in its help link) are evidence.
        let phrases = numbering.strings
        var countsInURL = phrases.map(PhraseMatcher.looksLikeURLPart)
        for ids in blocklistPhrases {
            for id in ids { countsInURL[Int(id)] = true }
        }
        self.matcher = PhraseMatcher(folded: phrases, countsInURL: countsInURL)
        var owner = [Int16](repeating: -1, count: phrases.count)
        for (index, ids) in blocklistPhrases.enumerated().reversed() {
            for id in ids { owner[Int(id)] = Int16(index) }
        }
        self.blocklistOwner = owner
        var introduces = [Bool](repeating: false, count: phrases.count)
        for id in listIntroducers { introduces[Int(id)] = true }
        self.introducesList = introduces
        self.textFreeLeadingRules =
            ordered.firstIndex {
                $0.tier != .event || !$0.anyPhrase.isEmpty || !$0.allPhrases.isEmpty
                    || !$0.noPhrase.isEmpty || !$0.codes.isEmpty || !$0.replyCodes.isEmpty
            } ?? ordered.count
    }

    /// The built-in rule set.
    public static let standard = Classifier(rules: Rule.standard)

    /// Whether `CachingClassifier` may key replies without their IPv4 addresses, and the words
    /// that keep such a key from being remembered (`ReplyAddressMask.guardWords`): nil when a
    /// phrase could be found on an address and no word tells where. Worked out on demand, not
    /// stored (see `textFreeShapes`), and once for the built-in rules.
    func addressGuards() -> [[UInt8]]? {
        let standard = Self.standard.matcher.phrases
        let same = matcher.phrases.withUnsafeBufferPointer { mine in
            standard.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
        }
        return same ? Self.standardAddressGuards : ReplyAddressMask.guardWords(matcher.phrases)
    }

    private static let standardAddressGuards = ReplyAddressMask.guardWords(
        standard.matcher.phrases)

    /// Classifies `event`, whose byte ranges point into `line`. Not called for `sent`.
    public func classify(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> Classification {
        if let decided = textFreeVerdict(event, in: line) { return decided }
        let context = Context(event, in: line, matcher: matcher)
        return verdict(decided: decide(context)?.0, context: context, event: event, line: line)
    }

    /// The verdict of rule `index` as `decide` chose it from `context`; nil: no rule held.
    @inline(__always)
    func verdict(
        decided index: Int?, context: Context, event: RawEvent, line: UnsafeBufferPointer<UInt8>
    ) -> Classification {
        guard let index else { return Classification(cause: .unclassified, ruleID: "none") }
        return verdict(for: index, context: context, event: event, line: line)
    }

    /// For each event shape (`RuleTable.shapeIndex`), whether one of the leading rules that
    /// read no text allows it (for `CachingClassifier`, which asks `textFreeVerdict` only then).
    /// Worked out on demand, not stored: a larger `Classifier` trips a crash of the debug build
    /// when `RulesCommand.validate` copies one (`rules --cause nope`).
    func textFreeShapes() -> [Bool] {
        table.shapes.map { allowed in
            allowed.first(in: 0..<textFreeLeadingRules) { _ in true } != nil
        }
    }

    /// The verdict of the leading rules that read neither the reply nor any code (`status=expired`,
    /// SASL failures) when one of them holds, else nil: then the reply decides. What such a
    /// verdict says depends on the event's fields alone, and on the reply only for the listed IP
    /// of a block-list cause, which `verdict(for:)` reads from this line.
    @inline(__always)
    func textFreeVerdict(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> Classification?
    {
        guard textFreeLeadingRules > 0 else { return nil }
        let bare = Context(event, in: line, matcher: nil)
        let decided = table.withCheck(bare) { check in
            check.firstHolding(in: 0..<textFreeLeadingRules, code: nil)
        }
        guard let index = decided else { return nil }
        return verdict(for: index, context: bare, event: event, line: line)
    }

    /// Classifies `event` and says why, with the other rules that also matched.
    public func explain(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> Explanation {
        let context = Context(event, in: line, matcher: matcher)
        guard let (winner, source) = decide(context) else {
            var explanation = Explanation(
                classification: Classification(cause: .unclassified, ruleID: "none"), rule: nil,
                evidence: ["no rule matched"], runnersUp: runnersUp(context, excluding: nil))
            explanation.nearMisses = nearMisses(context)
            return explanation
        }
        return Explanation(
            classification: verdict(for: winner, context: context, event: event, line: line),
            rule: rules[winner], evidence: evidence(for: winner, context: context, code: source),
            runnersUp: runnersUp(context, excluding: winner))
    }

    // MARK: - Decision

    /// Where the enhanced code that a rule matched came from.
    enum CodeSource {
        case none
        case reply(EnhancedStatusCode)
        case mtaDSN(EnhancedStatusCode)
    }

    func decide(_ context: Context) -> (Int, CodeSource)? {
        table.withCheck(context) { check in
            let either = context.replyESC ?? context.mtaDSN
            if let index = check.firstHolding(in: 0..<codeTier.lowerBound, code: either) {
                return (index, source(context))
            }
            // The enhanced code tier: the reply's code first, then Postfix's `dsn=`. A code that
            // names only its class (`x.0.0`, `5.5.0`) says nothing the reply code does not.
            if let code = context.replyESC, !Self.isClassOnly(code),
                let index = check.firstHolding(in: codeTier, code: code)
            {
                return (index, .reply(code))
            }
            if let code = context.mtaDSN, !Self.isClassOnly(code),
                let index = check.firstHolding(in: codeTier, code: code)
            {
                return (index, .mtaDSN(code))
            }
            if let index = check.firstHolding(
                in: codeTier.upperBound..<check.rules.count, code: either)
            {
                return (index, source(context))
            }
            return nil
        }
    }

    /// `x.0.0` and `x.5.0`: "other or undefined" status. Many servers send `550 5.5.0` for any
    /// refusal (an unknown user, a policy block), so the code tier leaves them to the reply code.
    static func isClassOnly(_ code: EnhancedStatusCode) -> Bool {
        code.detail == 0 && (code.subject == 0 || code.subject == 5)
    }

    private func source(_ context: Context) -> CodeSource {
        if let code = context.replyESC { return .reply(code) }
        if let code = context.mtaDSN { return .mtaDSN(code) }
        return .none
    }

    // MARK: - Verdict and block list

    func verdict(
        for index: Int, context: Context, event: RawEvent, line: UnsafeBufferPointer<UInt8>
    ) -> Classification {
        // Element access, not `let rule = rules[index]`: copying a `Rule` retains its arrays.
        let cause = rules[index].cause
        var result = Classification(
            cause: cause, ruleID: rules[index].id, tier: rules[index].tier)
        if rules[index].temporary {
            result.temporary = context.replyCode >= 500 || context.status == .bounced
        }
        guard cause == .blacklisted || cause == .reputation else { return result }
        result.blocklist =
            rules[index].blocklist ?? namedBlocklist(context, reply: event.reply, line: line)
        result.listedIP = listedIP(event.reply, in: line)
        return result
    }

    /// The listed address of a block-list verdict on `reply`: the first IP address of the
    /// remote's words. It is ours, never the remote's own: what precedes the remote's words in
    /// `host mx[192.0.2.1] said: ...` or `... refused to talk to me: ...` is skipped.
    @inline(__always)
    func listedIP(_ range: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> ByteRange {
        let reply = range.slice(of: line)
        let from = ReplyScan.remoteWordsStart(in: reply)
        guard
            let found = ReplyScan.firstIPAddress(in: UnsafeBufferPointer(rebasing: reply[from...]))
        else { return .none }
        return ByteRange(range.start + from + found.start, range.start + from + found.end)
    }

    /// Whether the verdict of rule `index` on `context` takes its block list's name from the
    /// reply's own words (a list the catalog does not know), not from the rule or the catalog.
    func namesBlocklistFromText(_ index: Int, context: Context) -> Bool {
        let cause = rules[index].cause
        guard cause == .blacklisted || cause == .reputation, rules[index].blocklist == nil else {
            return false
        }
        let (first, introduced) = catalogEntry(context)
        return first == nil && introduced
    }

    /// The first catalog entry with a phrase found, as a walk over the catalog would find, and
    /// whether a phrase that introduces a list name was found.
    private func catalogEntry(_ context: Context) -> (first: Int?, introduced: Bool) {
        var first = Int.max
        var introduced = false
        blocklistOwner.withUnsafeBufferPointer { owners in
            introducesList.withUnsafeBufferPointer { introduces in
                context.phrases.forEach { id in
                    guard id < owners.count else { return false }
                    let owner = Int(owners[id])
                    if owner >= 0, owner < first { first = owner }
                    if introduces[id] { introduced = true }
                    return true
                }
            }
        }
        return (first == Int.max ? nil : first, introduced)
    }

    private func namedBlocklist(
        _ context: Context, reply range: ByteRange, line: UnsafeBufferPointer<UInt8>
    ) -> Blocklist? {
        let (first, introduced) = catalogEntry(context)
        if let first { return BlocklistCatalog.entries[first].blocklist }
        guard introduced else { return nil }
        // An unknown list: take the host name after the introducer, lower-cased.
        let reply = range.slice(of: line)
        for introducer in Self.introducerPhrases {
            guard let name = ReplyScan.listName(after: introducer, in: reply) else { continue }
            return Blocklist(name: name, delistURL: nil)
        }
        return nil
    }

    // MARK: - Explanation

    private func evidence(for index: Int, context: Context, code: CodeSource) -> [String] {
        let rule = rules[index]
        var found: [String] = ["tier \(rule.tier.identifier)"]
        for phrase in rule.anyPhrase + rule.allPhrases {
            let key = CaseFold.fold(phrase)
            guard let id = matcher.phrases.firstIndex(of: key), context.phrases.contains(id) else {
                continue
            }
            found.append("phrase \"\(key)\"")
        }
        if !rule.codes.isEmpty {
            switch code {
            case .reply(let value): found.append("enhanced code \(value) in the reply")
            case .mtaDSN(let value): found.append("enhanced code \(value) from dsn=")
            case .none: break
            }
        }
        if !rule.replyCodes.isEmpty { found.append("reply code \(context.replyCode)") }
        if !rule.stages.isEmpty { found.append("stage \(context.stage.identifier)") }
        if !rule.destinations.isEmpty {
            let domain = String(decoding: context.domain, as: UTF8.self).lowercased()
            found.append("destination \(domain)")
        }
        if rule.temporary { found.append("temporary: a permanent failure counts as temporary") }
        if let mta = rule.mta { found.append("mta \(mta.identifier)") }
        if !rule.statuses.isEmpty { found.append("status \(context.status.identifier)") }
        if !rule.kinds.isEmpty { found.append("kind \(context.kind.identifier)") }
        return found
    }

    private func runnersUp(_ context: Context, excluding winner: Int?) -> [Explanation.RunnerUp] {
        table.withCheck(context) { check in
            var result: [Explanation.RunnerUp] = []
            for index in rules.indices where index != winner {
                let matched: Bool
                if codeTier.contains(index) {
                    matched =
                        (context.replyESC.map { check.holds(index, code: $0) } ?? false)
                        || (context.mtaDSN.map { check.holds(index, code: $0) } ?? false)
                } else {
                    matched = check.holds(index, code: context.replyESC ?? context.mtaDSN)
                }
                if matched {
                    result.append(
                        Explanation.RunnerUp(ruleID: rules[index].id, cause: rules[index].cause))
                }
            }
            return result
        }
    }
}
