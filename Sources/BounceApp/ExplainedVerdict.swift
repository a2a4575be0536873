import BounceCore

/// The classifier's verdict with the reasons `classify --explain` prints.
struct ExplainedVerdict {
    var classification: Classification
    /// What the deciding rule matched.
    var evidence: [String]
    /// Other rules that matched too, in decision order: (rule id, cause id).
    var runnersUp: [(rule: String, cause: String)]
    /// When nothing decided: the nearest rules and why they did not (rule id, cause id, why).
    var nearMisses: [(rule: String, cause: String, why: String)]

    init(_ classifier: Classifier, _ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) {
        let explanation = classifier.explain(event, in: line)
        classification = explanation.classification
        evidence = explanation.evidence
        runnersUp = explanation.runnersUp.map { ($0.ruleID, $0.cause.identifier) }
        nearMisses = explanation.nearMisses.map { ($0.ruleID, $0.cause.identifier, $0.why) }
    }
}
