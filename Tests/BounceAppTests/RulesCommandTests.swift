import Foundation
import Testing

@testable import BounceApp
@testable import BounceCore

/// `bouncewatch rules` on the built binary.
@Suite struct RulesCommandTests {
    @Test func jsonListsEveryRuleInDecisionOrderWithItsSample() throws {
        let result = try BinaryRunner.run(["rules", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let rules = try #require(result.json?["rules"] as? [[String: Any]])
        let expected = Classifier.standard.rules
        #expect(rules.map { $0["id"] as? String } == expected.map(\.id))
        for (index, (listed, rule)) in zip(rules, expected).enumerated() {
            #expect(listed["position"] as? Int == index + 1)
            #expect(listed["cause"] as? String == rule.cause.identifier)
            #expect(listed["tier"] as? String == rule.tier.identifier)
            #expect(listed["samples"] as? [String] == [rule.sample], "\(rule.id)")
            let evidence = try #require(listed["evidence"] as? [String: Any])
            #expect(evidence["phrases"] as? [String] == rule.anyPhrase, "\(rule.id)")
            #expect(evidence["codes"] as? [String] == rule.codes.map(\.description))
            #expect(evidence["reply_codes"] as? [String] == rule.replyCodes.map(String.init))
        }
        let s3150 = try #require(rules.first { $0["id"] as? String == "microsoft.s3150" })
        let evidence = try #require(s3150["evidence"] as? [String: Any])
        #expect(evidence["blocklist"] as? String == "Microsoft S3150")
    }

    @Test func eachSampleIsDecidedByItsRuleThroughClassifyExplain() throws {
        let listing = try BinaryRunner.run(["rules", "--format", "json", "--cause", "greylisted"])
        let rules = try #require(listing.json?["rules"] as? [[String: Any]])
        try #require(!rules.isEmpty)
        let samples = rules.compactMap { ($0["samples"] as? [String])?.first }
        let classified = try BinaryRunner.run(
            ["classify", "--explain"], stdin: Array(samples.joined(separator: "\n").utf8))
        #expect(
            classified.jsonLines.map { $0["rule"] as? String } == rules.map { $0["id"] as? String })
        #expect(classified.jsonLines.allSatisfy { $0["cause"] as? String == "greylisted" })
    }

    @Test func textNamesRuleCauseEvidenceAndSample() throws {
        let result = try BinaryRunner.run(["rules", "--cause", "blacklisted"])
        #expect(result.status == 0)
        let count = Classifier.standard.rules.filter { $0.cause == .blacklisted }.count
        #expect(result.stdout.hasPrefix("1. "))
        #expect(result.stdout.contains("microsoft.s3150  blacklisted  (tier text)"))
        #expect(result.stdout.contains("any phrase: \"(s3150)\""))
        #expect(result.stdout.contains("   sample: Nov 26 10:14:03 mx1 postfix/smtp["))
        #expect(result.stdout.hasSuffix("\(count) rules in decision order\n"))
        #expect(!result.stdout.contains("greylist.phrase"))
    }

    @Test func anUnknownCauseIsAUsageError() throws {
        let result = try BinaryRunner.run(["rules", "--cause", "bounced"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown cause 'bounced'"))
        #expect(result.stderr.contains("greylisted"))
    }

    @Test func userRulesAppearFirstWithTheirEvidence() throws {
        let classifier = try Classifier.standard.layering([
            UserRuleSpec(
                id: "user.gmx-soft", cause: .policy, phrases: ["policy restrictions"],
                codes: ["554", "5.7.1"], destinations: ["gmx.de"], temporary: true, line: 7)
        ])
        let text = RulesRendering.text(RulesRunner(classifier: classifier).selectedRules)
        let block = try #require(
            text.components(separatedBy: "\n\n").first { $0.contains("user.") })
        #expect(block.contains("user.gmx-soft  policy  (tier user)"))
        #expect(block.contains("destination: gmx.de"))
        #expect(block.contains("reply code: 554"))
        #expect(block.contains("enhanced code: 5.7.1"))
        #expect(block.contains("temporary: a permanent failure counts as temporary"))
        let firstUser = try #require(classifier.rules.firstIndex { $0.tier == .user })
        #expect(classifier.rules[..<firstUser].allSatisfy { $0.tier == .event })
    }
}
