extension Classifier {
    /// This classifier with the administrator's rules layered over it.
    ///
    /// User rules are tried before every built-in rule that reads the reply (only the event
    /// rules, `status=expired` and SASL failures, come first), in the order given. A rule with
    /// `replaces` removes the built-in rule of that id; with `disabled` it only removes it. The
    /// phrases join the one multi-pattern matcher of the built-in rules.
    ///
    /// Every rule is validated and the first problem is thrown, naming the rule and its line:
    /// a missing or duplicate id, an unknown `replaces`, no cause, no phrase and no code, a code
    /// that is neither `550` nor `5.7.1`, an empty phrase or destination, too many phrases for
    /// the matcher, or a `sample` that the resulting classifier does not decide with this rule.
    public func layering(_ specs: [UserRuleSpec]) throws(UserRuleError) -> Classifier {
        let builtIn = Set(rules.map(\.id))
        var seen: Set<String> = []
        var removed: Set<String> = []
        var added: [Rule] = []
        for spec in specs {
            func failure(_ message: String) -> UserRuleError {
                UserRuleError(line: spec.line, id: spec.id, message: message)
            }
            guard !spec.id.isEmpty else { throw failure("needs an id") }
            guard seen.insert(spec.id).inserted else {
                throw failure("the id \(spec.id) is used by another user rule")
            }
            if let target = spec.replaces {
                guard builtIn.contains(target) else {
                    throw failure("replaces \(target), which is not a built-in rule id")
                }
                guard removed.insert(target).inserted else {
                    throw failure("replaces \(target), which another user rule replaces already")
                }
            } else if builtIn.contains(spec.id) {
                throw failure(
                    "\(spec.id) is a built-in rule id; give the rule its own id and "
                        + "`replaces: \(spec.id)`")
            }
            if spec.disabled {
                guard spec.replaces != nil else {
                    throw failure(
                        "`disabled` needs `replaces` naming the built-in rule to switch off")
                }
                continue
            }
            added.append(try Self.rule(from: spec, failure: failure))
        }
        let kept = rules.filter { !removed.contains($0.id) }
        try checkCapacity(kept + added, specs: specs)
        let layered = Classifier(rules: kept + added)
        for spec in specs where !spec.disabled {
            guard let sample = spec.sample else { continue }
            let decided = layered.ruleID(forSample: sample, destinations: spec.destinations)
            guard decided == spec.id else {
                throw UserRuleError(
                    line: spec.line, id: spec.id,
                    message: "the sample is decided by \(decided ?? "no rule (not a failure)"), "
                        + "not by this rule")
            }
        }
        return layered
    }

    /// The built-in form of a validated user rule.
    static func rule(from spec: UserRuleSpec, failure: (String) -> UserRuleError)
        throws(UserRuleError) -> Rule
    {
        guard let cause = spec.cause else { throw failure("needs a cause") }
        guard !spec.phrases.isEmpty || !spec.codes.isEmpty else {
            throw failure("needs at least one phrase or code")
        }
        if spec.phrases.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw failure("has an empty phrase")
        }
        var enhanced: [String] = []
        var basic: [Int] = []
        for code in spec.codes {
            if CodePattern(code) != nil {
                enhanced.append(code)
            } else if code.count == 3, let value = Int(code), (200..<600).contains(value) {
                basic.append(value)
            } else {
                throw failure(
                    "code \(code) is neither a reply code (550) nor an enhanced code (5.7.1)")
            }
        }
        var destinations: [String] = []
        for destination in spec.destinations {
            let domain = String(destination.lowercased().drop { $0 == "." || $0 == "*" })
            guard !domain.isEmpty, !domain.contains(where: \.isWhitespace) else {
                throw failure("destination \"\(destination)\" is not a domain")
            }
            destinations.append(domain)
        }
        let origin = spec.line.map { " (configuration line \($0))" } ?? ""
        var rule = Rule(
            spec.id, cause, tier: .user, summary: "User rule\(origin).", any: spec.phrases,
            codes: enhanced, replyCodes: basic, sample: spec.sample ?? "")
        rule.destinations = destinations
        rule.eitherCode = !enhanced.isEmpty && !basic.isEmpty
        rule.temporary = spec.temporary
        return rule
    }

    /// The matcher holds at most `BitSet2048.capacity` phrases and rules, and fewer than
    /// `PhraseMatcher.maximumStates` states; more would not fit.
    func checkCapacity(_ rules: [Rule], specs: [UserRuleSpec]) throws(UserRuleError) {
        var phrases = Set(Classifier.introducerPhrases)
        for entry in BlocklistCatalog.entries { phrases.formUnion(entry.phrases) }
        for rule in rules {
            for phrase in rule.anyPhrase + rule.allPhrases + rule.noPhrase {
                phrases.insert(CaseFold.fold(phrase))
            }
        }
        let limit = BitSet2048.capacity
        // Each new phrase adds at most one state per byte to the automaton.
        let newBytes = phrases.subtracting(matcher.phrases).reduce(0) { $0 + $1.utf8.count }
        let states = matcher.stateCount + newBytes
        guard phrases.count > limit || rules.count > limit || states >= PhraseMatcher.maximumStates
        else { return }
        let last = specs.last { !$0.disabled }
        throw UserRuleError(
            line: last?.line, id: last?.id ?? "",
            message: "the rules need \(phrases.count) phrases, \(rules.count) rules and up to "
                + "\(states) matcher states; at most \(limit) phrases and rules and "
                + "\(PhraseMatcher.maximumStates - 1) states fit: use fewer or shorter phrases")
    }

    /// The id of the rule that decides `sample`: a full Postfix or Exim log line, or a reply
    /// text (then the recipient domain is the first of `destinations`).
    func ruleID(forSample sample: String, destinations: [String]) -> String? {
        var bytes = Array(sample.utf8)
        let parsed: ParseResult = bytes.withUnsafeBufferPointer {
            LineParser(readsMessages: false).parse($0)
        }
        if case .event(let event) = parsed {
            guard event.status != .sent else { return nil }
            return bytes.withUnsafeBufferPointer { classify(event, in: $0).ruleID }
        }
        let domain = Array(
            (destinations.first.map { String($0.drop { $0 == "." || $0 == "*" }) } ?? "").utf8)
        bytes.append(contentsOf: domain)
        return bytes.withUnsafeBufferPointer { line in
            let replyEnd = line.count - domain.count
            var event = RawEvent(mta: .postfix, kind: .delivery, status: .bounced, timestamp: nil)
            event.reply = ByteRange(0, replyEnd)
            event.replyIsRemote = true
            event.domain = ByteRange(replyEnd, line.count)
            if let code = ByteScan.fixedNumber(line, at: 0, count: 3), (200..<600).contains(code) {
                event.replyCode = code
                event.status = code < 500 ? .deferred : .bounced
                var cursor = 4
                if replyEnd > 4 { event.replyDSN = EnhancedStatusCode.scan(line, at: &cursor) }
            }
            return classify(event, in: line).ruleID
        }
    }
}
