import Testing

@testable import BounceCore

@Suite struct AggregatorGuessTests {
    private func event(_ cause: Cause, rule: String, reply: String) -> SampleEvent {
        var sample = SampleEvent(
            status: cause == .remoteError ? .deferred : .bounced, cause: cause,
            domain: "example.net", reply: reply)
        sample.classification?.ruleID = rule
        return sample
    }

    @Test func repliesDecidedByTheBareReplyCodeAreListedApart() {
        var aggregator = ScanAggregator(topDestinations: 10)
        aggregator.add(
            event(.policy, rule: "reply.5xx", reply: "554 Computer of mx1.example.net says no"))
        aggregator.add(
            event(.policy, rule: "reply.5xx", reply: "554 Computer of mx2.example.net says no"))
        aggregator.add(event(.remoteError, rule: "reply.4xx", reply: "451 Wait 30 seconds"))
        let report = aggregator.report()
        #expect(report.guessedShapes.total == 3)
        #expect(
            report.guessedShapes.shapes == [
                ShapeCount(
                    shape: "554 computer of <host> says no", count: 2,
                    example: "554 Computer of mx1.example.net says no"),
                ShapeCount(shape: "451 wait # seconds", count: 1, example: "451 Wait 30 seconds"),
            ])
        #expect(report.unclassifiedShapes == ShapeReport())
    }

    @Test func readingsOfTheTextAreNotGuesses() {
        var aggregator = ScanAggregator(topDestinations: 10)
        // The same causes, decided by words or codes: not listed.
        aggregator.add(event(.policy, rule: "reply.refused", reply: "550 Rejected"))
        aggregator.add(event(.remoteError, rule: "esc.4.3.0", reply: "451 4.3.0 Try later"))
        aggregator.add(event(.policy, rule: "policy.phrase", reply: "554 5.7.1 Policy"))
        let report = aggregator.report()
        #expect(report.guessedShapes == ShapeReport())
    }

    @Test func theClassificationSaysWhichVerdictsAreGuesses() {
        #expect(Classification(cause: .policy, ruleID: "reply.5xx").isReplyCodeGuess)
        #expect(Classification(cause: .remoteError, ruleID: "reply.4xx").isReplyCodeGuess)
        #expect(!Classification(cause: .policy, ruleID: "reply.refused").isReplyCodeGuess)
        #expect(!Classification(cause: .recipientUnknown, ruleID: "esc.5.1.1").isReplyCodeGuess)
    }

    /// The ids named as guesses are the fallback rules the classifier really has.
    @Test func theGuessRulesExistAndDecideByTheReplyCodeAlone() {
        for id in Classification.replyCodeGuessRules {
            let rule = Classifier.standard.rules.first { $0.id == id }
            #expect(rule != nil, "no rule \(id)")
            #expect(rule?.tier == .replyCode)
        }
    }
}
