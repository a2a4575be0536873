/// Why the classifier decided what it did, for `classify --explain`.
public struct Explanation: Sendable {
    /// Another rule that also matched the event but lost on order.
    public struct RunnerUp: Sendable, Equatable {
        public var ruleID: String
        public var cause: Cause
    }

    /// A rule some of whose evidence was there when nothing decided, and why it did not hold.
    public struct NearMiss: Sendable, Equatable {
        public var ruleID: String
        public var cause: Cause
        /// The conditions that failed, joined with `; `.
        public var why: String
    }

    public var classification: Classification
    /// The deciding rule; nil when nothing matched (`unclassified`).
    public var rule: Rule?
    /// What the deciding rule matched: phrases, the enhanced code and where it came from, the
    /// reply code, the stage.
    public var evidence: [String]
    /// Other matching rules, in decision order.
    public var runnersUp: [RunnerUp]
    /// When nothing decided: the nearest rules and why they did not (at most three).
    public var nearMisses: [NearMiss] = []

    public init(
        classification: Classification, rule: Rule?, evidence: [String], runnersUp: [RunnerUp]
    ) {
        self.classification = classification
        self.rule = rule
        self.evidence = evidence
        self.runnersUp = runnersUp
    }
}
