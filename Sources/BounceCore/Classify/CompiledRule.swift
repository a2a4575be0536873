/// A `Rule` flattened for the hot path: plain values only (masks and slices into the shared
/// arrays of `RuleTable`), so walking the rules touches no reference counts.
struct CompiledRule: Sendable {
    var tier: Rule.Tier
    /// `MTA.rawValue`, or `anyMTA`.
    var mta: UInt8
    /// Bit `1 << rawValue` of each allowed kind / status / stage; all ones when unrestricted.
    var kinds: UInt8
    var statuses: UInt8
    var stages: UInt16
    var anyPhrase: Range<Int32>
    var allPhrases: Range<Int32>
    var noPhrase: Range<Int32>
    var codes: Range<Int32>
    var replyCodes: Range<Int32>

    static let anyMTA: UInt8 = 0xFF
}

/// Every rule's conditions in contiguous arrays.
struct RuleTable: Sendable {
    var rules: [CompiledRule] = []
    var phraseIDs: [UInt16] = []
    var codes: [CodePattern] = []
    var replyCodes: [UInt16] = []
    /// For each phrase id, the rules that list it in `anyPhrase`, as a slice
    /// `ruleStarts[id]..<ruleStarts[id + 1]` of `rulesByPhrase`.
    var ruleStarts: [Int32] = [0]
    var rulesByPhrase: [UInt16] = []

    init(_ source: [Rule], intern: (String) -> UInt16) {
        func slice<T>(_ items: [T], into array: inout [T]) -> Range<Int32> {
            let start = Int32(array.count)
            array.append(contentsOf: items)
            return start..<Int32(array.count)
        }
        func mask<T: RawRepresentable>(_ items: [T]) -> UInt64 where T.RawValue == UInt8 {
            items.isEmpty ? ~0 : items.reduce(0) { $0 | 1 << UInt64($1.rawValue) }
        }
        for rule in source {
            rules.append(
                CompiledRule(
                    tier: rule.tier, mta: rule.mta?.rawValue ?? CompiledRule.anyMTA,
                    kinds: UInt8(truncatingIfNeeded: mask(rule.kinds)),
                    statuses: UInt8(truncatingIfNeeded: mask(rule.statuses)),
                    stages: UInt16(truncatingIfNeeded: mask(rule.stages)),
                    anyPhrase: slice(rule.anyPhrase.map(intern), into: &phraseIDs),
                    allPhrases: slice(rule.allPhrases.map(intern), into: &phraseIDs),
                    noPhrase: slice(rule.noPhrase.map(intern), into: &phraseIDs),
                    codes: slice(rule.codes, into: &codes),
                    replyCodes: slice(
                        rule.replyCodes.map { UInt16(clamping: $0) }, into: &replyCodes)
                ))
        }
        precondition(rules.count <= BitSet1024.capacity, "too many rules for BitSet1024")
        var byPhrase: [[UInt16]] = []
        for (index, rule) in rules.enumerated() {
            for slot in rule.anyPhrase {
                let id = Int(phraseIDs[Int(slot)])
                while byPhrase.count <= id { byPhrase.append([]) }
                byPhrase[id].append(UInt16(index))
            }
        }
        for list in byPhrase {
            rulesByPhrase.append(contentsOf: list)
            ruleStarts.append(Int32(rulesByPhrase.count))
        }
    }

    /// Calls `body` with a `Check` of `context` over unsafe views of the arrays, for the
    /// duration of one classification.
    func withCheck<Result>(_ context: Context, _ body: (Check) -> Result) -> Result {
        rules.withUnsafeBufferPointer { rules in
            phraseIDs.withUnsafeBufferPointer { phraseIDs in
                codes.withUnsafeBufferPointer { codes in
                    replyCodes.withUnsafeBufferPointer { replyCodes in
                        ruleStarts.withUnsafeBufferPointer { ruleStarts in
                            rulesByPhrase.withUnsafeBufferPointer { rulesByPhrase in
                                // Rules whose `anyPhrase` matched: one pass over the phrases
                                // found instead of a lookup per rule and phrase.
                                var candidates = BitSet1024()
                                context.phrases.forEach { phrase in
                                    guard phrase + 1 < ruleStarts.count else { return false }
                                    for slot in ruleStarts[phrase]..<ruleStarts[phrase + 1] {
                                        candidates.insert(Int(rulesByPhrase[Int(slot)]))
                                    }
                                    return true
                                }
                                return body(
                                    Check(
                                        rules: rules, phraseIDs: phraseIDs, codes: codes,
                                        replyCodes: replyCodes, context: context,
                                        candidates: candidates))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The rules' conditions evaluated against one event.
    struct Check {
        var rules: UnsafeBufferPointer<CompiledRule>
        var phraseIDs: UnsafeBufferPointer<UInt16>
        var codes: UnsafeBufferPointer<CodePattern>
        var replyCodes: UnsafeBufferPointer<UInt16>
        var context: Context
        var candidates: BitSet1024

        /// Whether rule `index` holds, with `code` as the enhanced code.
        @inline(__always)
        func holds(_ index: Int, code: EnhancedStatusCode?) -> Bool {
            let rule = rules[index]
            // Most rules name phrases and most replies match none of them: test that first.
            if !rule.anyPhrase.isEmpty, !candidates.contains(index) { return false }
            if rule.mta != CompiledRule.anyMTA, rule.mta != context.mta.rawValue { return false }
            if rule.kinds & (1 << context.kind.rawValue) == 0 { return false }
            if rule.statuses & (1 << context.status.rawValue) == 0 { return false }
            if rule.stages & (1 << UInt16(context.stage.rawValue)) == 0 { return false }
            for slot in rule.allPhrases
            where !context.phrases.contains(Int(phraseIDs[Int(slot)])) {
                return false
            }
            for slot in rule.noPhrase where context.phrases.contains(Int(phraseIDs[Int(slot)])) {
                return false
            }
            if !rule.codes.isEmpty {
                guard let code else { return false }
                var found = false
                for slot in rule.codes where codes[Int(slot)].matches(code) {
                    found = true
                    break
                }
                if !found { return false }
            }
            if !rule.replyCodes.isEmpty {
                var found = false
                for slot in rule.replyCodes where Int(replyCodes[Int(slot)]) == context.replyCode {
                    found = true
                    break
                }
                if !found { return false }
            }
            return true
        }
    }
}

/// What the rules look at, gathered once per event.
struct Context {
    var mta: MTA
    var kind: EventKind
    var status: DeliveryStatus
    var stage: SMTPStage
    /// The basic code: the parser's, else one quoted inside the MTA's wording.
    var replyCode: Int
    /// The enhanced code at the start of the reply, else the first one inside it.
    var replyESC: EnhancedStatusCode?
    /// Postfix `dsn=` unless it is `x.0.0`.
    var mtaDSN: EnhancedStatusCode?
    var phrases: BitSet1024

    /// With a nil `matcher` the reply is not scanned: no phrase is set and only the parser's
    /// codes are used, which is enough for the rules that look at the event alone.
    init(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>, matcher: PhraseMatcher?) {
        mta = event.mta
        kind = event.kind
        status = event.status
        stage = event.stage
        if let dsn = event.mtaDSN, !dsn.isUndetailed { mtaDSN = dsn }
        guard let matcher else {
            replyCode = event.replyCode
            replyESC = event.replyDSN
            phrases = BitSet1024()
            return
        }
        let reply = event.reply.slice(of: line)
        var code = event.replyCode
        if code == 0 {
            if let leading = ByteScan.fixedNumber(reply, at: 0, count: 3), leading >= 200,
                leading < 600, reply.count == 3 || reply[3] == 0x20 || reply[3] == 0x2D
            {
                code = leading
            } else {
                code = ReplyScan.quotedReplyCode(in: reply)
            }
        }
        replyCode = code
        replyESC = event.replyDSN ?? ReplyScan.firstEnhancedCode(in: reply)
        phrases = matcher.matches(in: reply)
    }
}
