import Testing

@testable import BounceCore

/// The naive reference: every phrase id whose text occurs in " text " (ASCII case-insensitive).
private func naiveMatches(
    _ phrases: [String], in text: String, countsInURL: (Int) -> Bool = { _ in true }
) -> [Int] {
    let haystack = Array(CaseFold.fold(" " + text + " ").utf8)
    // Bytes inside a URL: after `://` up to and including the space, quote or bracket ending it.
    var inURL = [Bool](repeating: false, count: haystack.count)
    var index = 0
    while index + 2 < haystack.count {
        if haystack[index] == UInt8(ascii: ":"), haystack[index + 1] == UInt8(ascii: "/"),
            haystack[index + 2] == UInt8(ascii: "/")
        {
            var cursor = index + 3
            while cursor < haystack.count {
                inURL[cursor] = true
                if PhraseMatcher.endsURL(haystack[cursor]) { break }
                cursor += 1
            }
            index = cursor
        }
        index += 1
    }
    return phrases.enumerated().compactMap { id, phrase in
        let needle = Array(CaseFold.fold(phrase).utf8)
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            if !inURL[start + needle.count - 1] || countsInURL(id) { return id }
        }
        return nil
    }
}

private func matches(_ matcher: PhraseMatcher, _ text: String) -> [Int] {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { matcher.matches(in: UnsafeBufferPointer($0)) }
        .members
}

@Test func matcherFindsOverlappingAndNestedPhrases() {
    let phrases = ["he", "she", "his", "hers", "user unknown", "unknown", " ube ", "x"]
    let matcher = PhraseMatcher(phrases: phrases)
    #expect(matches(matcher, "USHERS") == [0, 1, 3])
    #expect(matches(matcher, "550 User Unknown") == [4, 5])
    #expect(matches(matcher, "UBE") == [6])
    #expect(matches(matcher, "tube ") == [])
    #expect(matches(matcher, "") == [])
}

@Test func matcherAgreesWithNaiveSearch() {
    // A small alphabet makes overlaps and failure links frequent.
    let phrases = ["ab", "aba", "bab", "bb", "abba", "a b", "ba ", "aaaa", "b"]
    let matcher = PhraseMatcher(phrases: phrases)
    var generator = SplitMix(seed: 42)
    for _ in 0..<2000 {
        let length = Int(generator.next() % 12)
        let text = String(
            (0..<length).map { _ in
                ["a", "b", "A", "B", " "][
                    Int(generator.next() % 5)]
            })
        #expect(matches(matcher, text) == naiveMatches(phrases, in: text), "\(text)")
    }
}

/// Joins a multi-line reply the way the matcher reads it: Exim's `\n` is a space, and a
/// continuation marker (`550-`, `550-5.1.1 `, `550 5.1.1 `) after a space or at the start is
/// dropped.
private func joined(_ text: String) -> String {
    var words: [Substring] = []
    let spaced = text.replacing("\\n", with: " ")
    var pieces = spaced.split(separator: " ", omittingEmptySubsequences: false)[...]
    func isCode(_ word: Substring) -> Bool {
        word.count == 3 && word.allSatisfy(\.isNumber) && "2345".contains(word.first!)
    }
    func isESC(_ word: Substring) -> Bool {
        var bytes = Array(word.utf8)
        return bytes.withUnsafeMutableBufferPointer {
            EnhancedStatusCode.parse(UnsafeBufferPointer($0)) != nil
        }
    }
    while let word = pieces.popFirst() {
        let dash = word.firstIndex(of: "-")
        if let dash, isCode(word[..<dash]) {
            let rest = word[word.index(after: dash)...]
            if isESC(rest), !pieces.isEmpty { continue }
            if !rest.isEmpty && !isESC(rest) {
                words.append(rest)
                continue
            }
            if rest.isEmpty { words.append("") }
            continue
        }
        if isCode(word), let next = pieces.first, isESC(next), pieces.count > 1 {
            pieces.removeFirst()
            continue
        }
        words.append(word)
    }
    return words.joined(separator: " ")
}

@Test func standardMatcherAgreesWithNaiveSearchOnSamples() {
    let classifier = Classifier.standard
    for rule in classifier.rules {
        #expect(
            matches(classifier.matcher, rule.sample)
                == naiveMatches(
                    classifier.matcher.phrases, in: joined(rule.sample),
                    countsInURL: classifier.matcher.countsInURL),
            "\(rule.id)")
    }
}

@Test func matcherReadsAcrossReplyContinuations() {
    let matcher = PhraseMatcher(phrases: ["does not exist", "sent over a tls connection"])
    #expect(matches(matcher, "550-5.1.1 account does not 550-5.1.1 exist. Please") == [0])
    #expect(matches(matcher, "account does not\\n550-5.1.1 exist.") == [0])
    #expect(matches(matcher, "wasn't sent 421-4.7.29 over a TLS 421 4.7.29 connection") == [1])
    #expect(matches(matcher, "does not 550 exist") == [])
}

@Test func bitSetHoldsItsMembers() {
    var set = BitSet2048()
    #expect(set.isEmpty)
    for member in [0, 63, 64, 200, 1023, 2047, 2048, -1] { set.insert(member) }
    #expect(set.members == [0, 63, 64, 200, 1023, 2047])
    #expect(set.contains(2047) && !set.contains(2048) && !set.contains(1))
    var seen: [Int] = []
    set.forEach { member in
        seen.append(member)
        return member < 64
    }
    #expect(seen == [0, 63, 64])
}

@Test func bitSetFindsTheFirstMemberInARange() {
    var set = BitSet2048()
    for member in [3, 63, 64, 200, 1023] { set.insert(member) }
    let any: (Int) -> Bool = { _ in true }
    #expect(set.first(in: 0..<1024, where: any) == 3)
    #expect(set.first(in: 4..<1024, where: any) == 63)
    #expect(set.first(in: 64..<200, where: any) == 64)
    #expect(set.first(in: 65..<200, where: any) == nil, "the upper bound is excluded")
    #expect(set.first(in: 65..<201, where: any) == 200)
    #expect(set.first(in: 201..<3000, where: any) == 1023, "clamped to the capacity")
    #expect(set.first(in: 0..<1024) { $0 > 100 } == 200)
    #expect(set.first(in: 5..<5, where: any) == nil)
    var asked: [Int] = []
    _ = set.first(in: 0..<1024) { member in
        asked.append(member)
        return false
    }
    #expect(asked == [3, 63, 64, 200, 1023], "only members are tried, in order")

    var other = BitSet2048()
    for member in [63, 500] { other.insert(member) }
    #expect(set.intersection(other).members == [63])
    #expect(set.union(other).members == [3, 63, 64, 200, 500, 1023])
}

/// The shortcut in `decide` (only rules that the event's shape allows and whose phrases were
/// found) must pick what walking every rule picks.
@Test func eligibleRulesDecideLikeEveryRule() {
    let classifier = Classifier.standard
    let parser = LineParser()
    var compared = 0
    let lines =
        CauseFixtures.cases.map(\.line) + AccuracyTests.cases.map(\.line)
        + AccuracyTests.heldOut.map(\.line)
    for line in lines {
        Array(line.utf8).withUnsafeBufferPointer { bytes in
            var event = RawEvent.unparsed()
            guard parser.parse(bytes, into: &event) == .event else { return }
            let context = Context(event, in: bytes, matcher: classifier.matcher)
            let fast = classifier.decide(context)?.0
            let slow = classifier.table.withCheck(context) { check in
                walkEveryRule(classifier, check, context)
            }
            #expect(fast == slow, "\(line)")
            compared += 1
        }
    }
    #expect(compared > 900, "the fixtures and both accuracy sets")
}

/// `Classifier.decide` without the eligible set: every rule in decision order.
private func walkEveryRule(_ classifier: Classifier, _ check: RuleTable.Check, _ context: Context)
    -> Int?
{
    let tier = classifier.codeTier
    let either = context.replyESC ?? context.mtaDSN
    for index in 0..<tier.lowerBound where check.holds(index, code: either) { return index }
    if let code = context.replyESC {
        for index in tier where check.holds(index, code: code) { return index }
    }
    if let code = context.mtaDSN {
        for index in tier where check.holds(index, code: code) { return index }
    }
    for index in tier.upperBound..<classifier.rules.count where check.holds(index, code: either) {
        return index
    }
    return nil
}

@Test func ruleTableIsWellFormed() {
    let rules = Rule.standard
    #expect(Set(rules.map(\.id)).count == rules.count, "rule ids are unique")
    for rule in rules {
        #expect(!rule.sample.isEmpty, "\(rule.id) has a sample line")
        #expect(!rule.summary.isEmpty, "\(rule.id) has a summary")
        // One rule decides `unclassified` on purpose: Postfix's internal failures, whose own
        // dsn=4.3.0 would otherwise blame the remote (docs/classification.md).
        #expect(rule.cause != .unclassified || rule.id == "postfix.internal", "\(rule.id)")
        switch rule.tier {
        case .event: #expect(!rule.statuses.isEmpty || !rule.kinds.isEmpty, "\(rule.id)")
        case .text, .mtaWording:
            #expect(!rule.anyPhrase.isEmpty || !rule.codes.isEmpty, "\(rule.id)")
        case .enhancedCode: #expect(!rule.codes.isEmpty, "\(rule.id)")
        case .replyCode: #expect(!rule.replyCodes.isEmpty, "\(rule.id)")
        case .user: Issue.record("built-in rule \(rule.id) is in the user tier")
        }
    }
    let covered = Set(rules.map(\.cause))
    for cause in Cause.allCases where cause != .unclassified {
        #expect(covered.contains(cause), "a rule gives \(cause.identifier)")
    }
    #expect(Classifier.standard.matcher.phrases.count <= BitSet2048.capacity)
}

@Test func rulesAreInTierOrder() {
    let tiers = Classifier.standard.rules.map(\.tier)
    #expect(tiers == tiers.sorted())
}

@Test func userRuleOverridesDefaultByID() {
    var custom = Rule.standard.first { $0.id == "greylist.phrase" }!
    custom.cause = .rateLimited
    let classifier = Classifier(rules: Rule.standard + [custom])
    #expect(classifier.rules.count == Rule.standard.count)
    let result = ReplyEvent.classify(
        "450 4.7.1 Greylisted, try again later", status: .deferred, classifier: classifier)
    #expect(result.classification.cause == .rateLimited)
    #expect(result.classification.ruleID == "greylist.phrase")
}

@Test func codePatternsParse() {
    #expect(CodePattern("5.1.1") == CodePattern(statusClass: 5, subject: 1, detail: 1))
    #expect(CodePattern("x.2.2") == CodePattern(statusClass: nil, subject: 2, detail: 2))
    #expect(CodePattern("5.7.x") == CodePattern(statusClass: 5, subject: 7, detail: nil))
    #expect(CodePattern("x.7.606")?.matches(EnhancedStatusCode(5, 7, 606)) == true)
    #expect(CodePattern("x.7.x")?.matches(EnhancedStatusCode(4, 4, 1)) == false)
    for bad in ["", "5.1", "3.1.1", "a.b.c", "5.1.1.1"] { #expect(CodePattern(bad) == nil) }
}

@Test func explanationNamesRuleEvidenceAndRunnersUp() {
    let result = ReplyEvent.classify(
        "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using "
            + "zen.spamhaus.org; message rejected as spam")
    let explanation = result.explanation
    #expect(explanation.rule?.id == "spamhaus.dnsbl")
    #expect(explanation.classification.ruleID == "spamhaus.dnsbl")
    #expect(explanation.evidence.contains("phrase \"spamhaus\""))
    #expect(explanation.evidence.first == "tier text")
    let runners = explanation.runnersUp.map(\.ruleID)
    #expect(runners.contains("dnsbl.generic"))
    #expect(runners.contains("spam.phrase"))
    #expect(runners.contains("esc.x.7.x"))
    #expect(!runners.contains("spamhaus.dnsbl"))
}

@Test func explanationOfCodeSaysWhereTheCodeCameFrom() {
    let fromReply = ReplyEvent.classify("550 5.1.1 Bad mailbox").explanation
    #expect(fromReply.evidence.contains("enhanced code 5.1.1 in the reply"))
    let fromDSN = ReplyEvent.classify("550 Go away", dsn: "5.2.1").explanation
    #expect(fromDSN.evidence.contains("enhanced code 5.2.1 from dsn="))
    let none = ReplyEvent.classify("nothing to see", stage: .unknown, remote: false).explanation
    #expect(none.rule == nil)
    #expect(none.classification.cause == .unclassified)
}

/// A small deterministic generator for test inputs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
