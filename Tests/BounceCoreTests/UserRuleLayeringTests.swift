import Testing

@testable import BounceCore

/// `Classifier.layering`: user rules from the configuration over the built-in rules.
@Suite struct UserRuleLayeringTests {
    static let gmxLine = SampleLine.postfix(
        "max@gmx.de", relay: "mx00.emig.gmx.net[212.227.15.9]:25", dsn: "5.7.1",
        said: "554 5.7.1 Reject due to policy restrictions. For explanation visit "
            + "https://postmaster.gmx.net/en/case?c=r0701")
    static let webLine = gmxLine.replacingOccurrences(of: "max@gmx.de", with: "max@web.de")
    static let subdomainLine = gmxLine.replacingOccurrences(
        of: "max@gmx.de", with: "max@Mail.GMX.de")
    static let unknownLine = SampleLine.exim(
        "team@intranet.example", host: "mx.intranet.example [192.0.2.9]",
        reply: "550 5.7.1 Quarantine queue is closed for this tenant")

    /// The deciding rule and the verdict for a full log line.
    static func verdict(_ line: String, _ classifier: Classifier) -> Classification? {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard case .event(let event) = LineParser().parse(buffer) else { return nil }
            return classifier.classify(event, in: buffer)
        }
    }

    static func layered(_ specs: [UserRuleSpec]) throws -> Classifier {
        try Classifier.standard.layering(specs)
    }

    @Test func aUserPhraseDecidesBeforeTheBuiltInRules() throws {
        #expect(Self.verdict(Self.gmxLine, .standard)?.ruleID == "gmx.policy")
        let classifier = try Self.layered([
            UserRuleSpec(id: "user.gmx-r0701", cause: .spam, phrases: ["case?c=r0701"], line: 3)
        ])
        let verdict = try #require(Self.verdict(Self.gmxLine, classifier))
        #expect(verdict.cause == .spam)
        #expect(verdict.ruleID == "user.gmx-r0701")
        #expect(classifier.rules.first { $0.tier != .event }?.id == "user.gmx-r0701")
        #expect(Self.verdict(Self.unknownLine, classifier)?.ruleID != "user.gmx-r0701")
    }

    @Test func unmatchedUserRulesLeaveTheBuiltInVerdicts() throws {
        let classifier = try Self.layered([
            UserRuleSpec(id: "user.never", cause: .spam, phrases: ["no reply says this"])
        ])
        for fixture in CauseFixtures.cases {
            FixtureCheck.verify(fixture, classifier: classifier)
        }
    }

    @Test func replacesOverridesABuiltInRuleByID() throws {
        let classifier = try Self.layered([
            UserRuleSpec(
                id: "user.gmx-policy", cause: .reputation,
                phrases: ["reject due to policy restrictions"], replaces: "gmx.policy")
        ])
        #expect(!classifier.rules.contains { $0.id == "gmx.policy" })
        let verdict = try #require(Self.verdict(Self.gmxLine, classifier))
        #expect(verdict.ruleID == "user.gmx-policy")
        #expect(verdict.cause == .reputation)
    }

    @Test func disabledWithReplacesSwitchesABuiltInRuleOff() throws {
        let classifier = try Self.layered([
            UserRuleSpec(
                id: "user.no-gmx-policy", cause: nil, replaces: "gmx.policy", disabled: true)
        ])
        #expect(classifier.rules.count == Classifier.standard.rules.count - 1)
        let verdict = try #require(Self.verdict(Self.gmxLine, classifier))
        #expect(verdict.ruleID != "gmx.policy")
        #expect(verdict.ruleID != "user.no-gmx-policy")
    }

    @Test func destinationsLimitARuleToDomainsAndTheirSubdomains() throws {
        let classifier = try Self.layered([
            UserRuleSpec(
                id: "user.gmx-only", cause: .spam, phrases: ["policy restrictions"],
                destinations: ["gmx.de"])
        ])
        #expect(Self.verdict(Self.gmxLine, classifier)?.ruleID == "user.gmx-only")
        #expect(Self.verdict(Self.subdomainLine, classifier)?.ruleID == "user.gmx-only")
        #expect(Self.verdict(Self.webLine, classifier)?.ruleID == "gmx.policy")
        let lookalike = Self.gmxLine.replacingOccurrences(of: "max@gmx.de", with: "max@notgmx.de")
        #expect(Self.verdict(lookalike, classifier)?.ruleID == "gmx.policy")
    }

    @Test(arguments: [
        (["5.7.1"], true), (["554"], true), (["550"], false), (["5.7.x"], true),
        (["4.7.1"], false), (["550", "5.7.1"], true), (["421", "4.2.2"], false),
    ])
    func codesMatchEnhancedOrBasicReplyCodes(codes: [String], matches: Bool) throws {
        let classifier = try Self.layered([
            UserRuleSpec(id: "user.code", cause: .spam, phrases: ["policy"], codes: codes)
        ])
        #expect((Self.verdict(Self.gmxLine, classifier)?.ruleID == "user.code") == matches)
    }

    @Test func aRuleOfCodesAloneMatchesWithoutPhrases() throws {
        let classifier = try Self.layered([
            UserRuleSpec(id: "user.554", cause: .policy, codes: ["554"], destinations: ["gmx.de"])
        ])
        #expect(Self.verdict(Self.gmxLine, classifier)?.ruleID == "user.554")
        #expect(Self.verdict(Self.webLine, classifier)?.ruleID == "gmx.policy")
    }

    @Test func temporaryMarksAPermanentFailureOnly() throws {
        let classifier = try Self.layered([
            UserRuleSpec(
                id: "user.gmx-soft", cause: .policy, phrases: ["policy restrictions"],
                temporary: true)
        ])
        let bounced = try #require(Self.verdict(Self.gmxLine, classifier))
        #expect(bounced.temporary)
        let deferredLine = Self.gmxLine.replacingOccurrences(of: "554 5.7.1", with: "450 4.7.1")
            .replacingOccurrences(of: "status=bounced", with: "status=deferred")
        #expect(Self.verdict(deferredLine, classifier)?.temporary == false)
        #expect(Self.verdict(Self.gmxLine, .standard)?.temporary == false)
    }

    @Test func aSampleTheRuleDecidesIsAccepted() throws {
        _ = try Self.layered([
            UserRuleSpec(
                id: "user.quarantine", cause: .policy, phrases: ["quarantine queue is closed"],
                sample: Self.unknownLine),
            UserRuleSpec(
                id: "user.reply", cause: .remoteError, phrases: ["tenant is migrating"],
                destinations: ["intranet.example"],
                sample: "451 4.3.0 Tenant is migrating, try later"),
        ])
    }

    @Test(arguments: [
        (
            [
                UserRuleSpec(id: "user.a", cause: .spam, phrases: ["x"], line: 4),
                UserRuleSpec(id: "user.a", cause: .spam, phrases: ["y"], line: 9),
            ], 9, "user.a", "used by another user rule"
        ),
        (
            [
                UserRuleSpec(
                    id: "user.b", cause: .spam, phrases: ["x"], replaces: "no.such", line: 5)
            ],
            5, "user.b", "not a built-in rule id"
        ),
        ([UserRuleSpec(id: "user.c", cause: .spam, line: 6)], 6, "user.c", "phrase or code"),
        (
            [UserRuleSpec(id: "user.d", cause: nil, phrases: ["x"], line: 7)], 7, "user.d",
            "needs a cause"
        ),
        (
            [UserRuleSpec(id: "user.e", cause: .spam, phrases: ["x"], codes: ["55"], line: 8)], 8,
            "user.e", "code 55"
        ),
        (
            [UserRuleSpec(id: "user.f", cause: nil, disabled: true, line: 10)], 10, "user.f",
            "needs `replaces`"
        ),
        (
            [UserRuleSpec(id: "gmx.policy", cause: .spam, phrases: ["x"], line: 11)], 11,
            "gmx.policy", "built-in rule id"
        ),
        (
            [
                UserRuleSpec(
                    id: "user.g", cause: .spam, phrases: ["never in the sample"],
                    sample: Self.gmxLine, line: 12)
            ], 12, "user.g", "decided by gmx.policy"
        ),
        (
            [
                UserRuleSpec(
                    id: "user.h", cause: .spam, phrases: ["policy restrictions"],
                    destinations: ["web.de"], sample: Self.gmxLine, line: 13)
            ], 13, "user.h", "not by this rule"
        ),
        ([UserRuleSpec(id: "", cause: .spam, phrases: ["x"], line: 14)], 14, "", "needs an id"),
    ])
    func invalidRulesNameTheirIDAndLine(
        specs: [UserRuleSpec], line: Int, id: String, message: String
    ) {
        let error = #expect(throws: UserRuleError.self) {
            try Classifier.standard.layering(specs)
        }
        #expect(error?.line == line)
        #expect(error?.id == id)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.description.hasPrefix("line \(line): ") == true)
    }

    @Test func tooManyPhrasesIsAnErrorNotACrash() {
        let phrases = (0..<1100).map { "user phrase number \($0)" }
        #expect(throws: UserRuleError.self) {
            try Classifier.standard.layering([
                UserRuleSpec(id: "user.huge", cause: .spam, phrases: phrases, line: 2)
            ])
        }
    }

    @Test func phrasesTooLongForTheMatcherAreAnErrorNotACrash() {
        let phrases = (0..<40).map { number in
            String(repeating: "a phrase far too long \(number) ", count: 30)
        }
        let error = #expect(throws: UserRuleError.self) {
            try Classifier.standard.layering([
                UserRuleSpec(id: "user.long", cause: .spam, phrases: phrases, line: 3)
            ])
        }
        #expect(error?.message.contains("matcher states") == true)
        #expect(error?.line == 3)
    }

    /// User phrases join the one matcher: no second automaton, no per-rule pattern loop.
    @Test func userPhrasesCompileIntoTheSharedMatcher() throws {
        let classifier = try Self.layered([
            UserRuleSpec(id: "user.one", cause: .spam, phrases: ["Quarantine Queue"])
        ])
        #expect(classifier.matcher.phrases.contains("quarantine queue"))
        #expect(classifier.matcher.phrases.count == Classifier.standard.matcher.phrases.count + 1)
    }
}
