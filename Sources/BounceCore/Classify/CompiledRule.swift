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
    /// Slots of `RuleTable.destinations`; empty: any recipient domain.
    var destinations: Range<Int32>
    var eitherCode: Bool

    static let anyMTA: UInt8 = 0xFF
}

/// Every rule's conditions in contiguous arrays.
struct RuleTable: Sendable {
    var rules: [CompiledRule] = []
    var phraseIDs: [UInt16] = []
    var codes: [CodePattern] = []
    var replyCodes: [UInt16] = []
    /// Destination domains of the rules that have them: `destinationBytes[range]` for each
    /// range, lower-case, without a leading dot.
    var destinations: [Range<Int32>] = []
    var destinationBytes: [UInt8] = []
    /// For each phrase id, the rules that list it in `anyPhrase`, as a slice
    /// `ruleStarts[id]..<ruleStarts[id + 1]` of `rulesByPhrase`.
    var ruleStarts: [Int32] = [0]
    var rulesByPhrase: [UInt16] = []
    /// The rules that name no `anyPhrase`: candidates whatever the reply says. Kept out of line
    /// (one element), like `shapes`: a 256-byte set inline made `Classifier` a large value that
    /// every copy moves.
    var phraseFree: [BitSet2048] = []
    /// For each event shape (`shapeIndex`), the rules whose MTA, kind and status allow it, so
    /// that a classification only tries rules that can hold.
    var shapes: [BitSet2048] = []
    /// The last byte of every destination (lower-case), out of line like `shapes`.
    var destinationLastBytes: [BitSet2048] = []

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
                        rule.replyCodes.map { UInt16(clamping: $0) }, into: &replyCodes),
                    destinations: slice(
                        rule.destinations.map { domain in
                            let start = Int32(destinationBytes.count)
                            destinationBytes.append(contentsOf: domain.utf8.map(ByteScan.lower))
                            return start..<Int32(destinationBytes.count)
                        }, into: &destinations),
                    eitherCode: rule.eitherCode
                ))
        }
        precondition(rules.count <= BitSet2048.capacity, "too many rules for BitSet2048")
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
        var free = BitSet2048()
        for (index, rule) in rules.enumerated() where rule.anyPhrase.isEmpty {
            free.insert(index)
        }
        phraseFree = [free]
        var lastBytes = BitSet2048()
        for range in destinations {
            // An empty destination matches a domain that ends in a dot, or an empty one.
            lastBytes.insert(
                range.isEmpty
                    ? Int(UInt8(ascii: ".")) : Int(destinationBytes[Int(range.upperBound) - 1]))
        }
        destinationLastBytes = [lastBytes]
        for mta in MTA.allCases {
            for kind in EventKind.allCases {
                for status in DeliveryStatus.allCases {
                    var allowed = BitSet2048()
                    for (index, rule) in rules.enumerated()
                    where (rule.mta == CompiledRule.anyMTA || rule.mta == mta.rawValue)
                        && rule.kinds & (1 << kind.rawValue) != 0
                        && rule.statuses & (1 << status.rawValue) != 0
                    {
                        allowed.insert(index)
                    }
                    precondition(shapes.count == Self.shapeIndex(mta, kind, status))
                    shapes.append(allowed)
                }
            }
        }
    }

    /// The position of an event shape in `shapes`.
    static func shapeIndex(_ mta: MTA, _ kind: EventKind, _ status: DeliveryStatus) -> Int {
        (Int(mta.rawValue) * EventKind.allCases.count + Int(kind.rawValue))
            * DeliveryStatus.allCases.count + Int(status.rawValue)
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
                                destinations.withUnsafeBufferPointer { destinations in
                                    destinationBytes.withUnsafeBufferPointer { destinationBytes in
                                        // Rules whose `anyPhrase` matched: one pass over the phrases
                                        // found instead of a lookup per rule and phrase.
                                        var candidates = BitSet2048()
                                        context.phrases.forEach { phrase in
                                            guard phrase + 1 < ruleStarts.count else {
                                                return false
                                            }
                                            for slot in ruleStarts[phrase]..<ruleStarts[phrase + 1]
                                            {
                                                candidates.insert(Int(rulesByPhrase[Int(slot)]))
                                            }
                                            return true
                                        }
                                        let shape = shapes[
                                            Self.shapeIndex(
                                                context.mta, context.kind, context.status)]
                                        return body(
                                            Check(
                                                rules: rules, phraseIDs: phraseIDs, codes: codes,
                                                replyCodes: replyCodes, destinations: destinations,
                                                destinationBytes: destinationBytes,
                                                context: context,
                                                candidates: candidates,
                                                eligible: shape.intersection(
                                                    phraseFree[0].union(candidates))))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Which of `destinations` the recipient `domain` is or lies under, one bit per slot; nil
    /// when there are more than 64 slots. Two domains with the same mask are the same to every
    /// rule, which is what lets `CachingClassifier` key on the mask instead of the domain.
    func destinationMask(_ domain: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard destinations.count <= 64 else { return nil }
        // Most domains end in a byte no destination ends in: one table read answers them.
        if let last = domain.last, !destinationLastBytes[0].contains(Int(ByteScan.lower(last))) {
            return 0
        }
        var mask: UInt64 = 0
        destinationBytes.withUnsafeBufferPointer { bytes in
            for (slot, range) in destinations.enumerated() {
                // The byte where the destination would start tells most domains apart at once.
                let length = Int(range.count)
                if length > 0, domain.count >= length,
                    ByteScan.lower(domain[domain.count - length]) != bytes[Int(range.lowerBound)]
                {
                    continue
                }
                if Self.domain(domain, isOrIsUnder: range, in: bytes) { mask |= 1 << UInt64(slot) }
            }
        }
        return mask
    }

    /// Whether `domain` is the destination `range` of `bytes` or a sub-domain of it, compared
    /// byte by byte (ASCII case-insensitive) from the end, where names differ first.
    @inline(__always)
    static func domain(
        _ domain: UnsafeBufferPointer<UInt8>, isOrIsUnder range: Range<Int32>,
        in bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let length = Int(range.count)
        guard domain.count >= length else { return false }
        let offset = domain.count - length
        var index = length
        while index > 0 {
            index -= 1
            if ByteScan.lower(domain[offset + index]) != bytes[Int(range.lowerBound) + index] {
                return false
            }
        }
        return offset == 0 || domain[offset - 1] == UInt8(ascii: ".")
    }

    /// The rules' conditions evaluated against one event.
    struct Check {
        var rules: UnsafeBufferPointer<CompiledRule>
        var phraseIDs: UnsafeBufferPointer<UInt16>
        var codes: UnsafeBufferPointer<CodePattern>
        var replyCodes: UnsafeBufferPointer<UInt16>
        var destinations: UnsafeBufferPointer<Range<Int32>>
        var destinationBytes: UnsafeBufferPointer<UInt8>
        var context: Context
        var candidates: BitSet2048
        /// The rules that may hold: allowed for the event's shape, and either naming no
        /// `anyPhrase` or with one found. `holds` is only worth asking of these.
        var eligible: BitSet2048

        /// The first eligible rule in `range` that holds with `code`, in decision order.
        @inline(__always)
        func firstHolding(in range: Range<Int>, code: EnhancedStatusCode?) -> Int? {
            eligible.first(in: range) { holds($0, code: code) }
        }

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
            if !rule.destinations.isEmpty, !destinationMatches(rule.destinations) { return false }
            if rule.eitherCode {
                return enhancedCodeMatches(rule.codes, code) || replyCodeMatches(rule.replyCodes)
            }
            if !rule.codes.isEmpty, !enhancedCodeMatches(rule.codes, code) { return false }
            if !rule.replyCodes.isEmpty, !replyCodeMatches(rule.replyCodes) { return false }
            return true
        }

        @inline(__always)
        private func enhancedCodeMatches(_ slots: Range<Int32>, _ code: EnhancedStatusCode?)
            -> Bool
        {
            guard let code else { return false }
            for slot in slots where codes[Int(slot)].matches(code) { return true }
            return false
        }

        @inline(__always)
        private func replyCodeMatches(_ slots: Range<Int32>) -> Bool {
            for slot in slots where Int(replyCodes[Int(slot)]) == context.replyCode { return true }
            return false
        }

        /// Whether the recipient domain is one of the rule's domains or a sub-domain of one.
        private func destinationMatches(_ slots: Range<Int32>) -> Bool {
            for slot in slots
            where RuleTable.domain(
                context.domain, isOrIsUnder: destinations[Int(slot)], in: destinationBytes)
            {
                return true
            }
            return false
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
    var phrases: BitSet2048
    /// The recipient domain, a view into the line (empty when the event has none).
    var domain: UnsafeBufferPointer<UInt8>

    /// With a nil `matcher` the reply is not scanned: no phrase is set and only the parser's
    /// codes are used, which is enough for the rules that look at the event alone.
    init(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>, matcher: PhraseMatcher?) {
        self.init(event, in: line, matcher: matcher) { matcher, reply in matcher.matches(in: reply)
        }
    }

    /// The same, with the reply's phrases found by `scan` (which gives `matches(in:)`' answer).
    @inline(__always)
    init(
        _ event: RawEvent, in line: UnsafeBufferPointer<UInt8>, matcher: PhraseMatcher?,
        scan: (PhraseMatcher, UnsafeBufferPointer<UInt8>) -> BitSet2048
    ) {
        mta = event.mta
        kind = event.kind
        status = event.status
        stage = event.stage
        domain = event.domain.slice(of: line)
        if let dsn = event.mtaDSN, !dsn.isUndetailed { mtaDSN = dsn }
        guard let matcher else {
            replyCode = event.replyCode
            replyESC = event.replyDSN
            phrases = BitSet2048()
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
        phrases = scan(matcher, reply)
    }
}
