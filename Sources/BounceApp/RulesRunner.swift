import BounceCore
import BounceOutput

/// What `rules` prints.
public enum RulesOutputFormat: String, CaseIterable, Sendable {
    case text
    case json
}

/// `bouncewatch rules`: the classification rules in decision order, with their evidence and
/// sample lines.
public struct RulesRunner {
    public var format: RulesOutputFormat
    /// Only rules giving this cause; nil lists all.
    public var cause: Cause?
    public var classifier: Classifier

    public init(
        format: RulesOutputFormat = .text, cause: Cause? = nil,
        classifier: Classifier = .standard
    ) {
        self.format = format
        self.cause = cause
        self.classifier = classifier
    }

    /// For the command line: `causeName` is a cause identifier (`blacklisted`) or nil for all.
    /// Nil when the name is not a cause; `unknownCauseMessage` says why.
    public init?(format: RulesOutputFormat, causeName: String?) {
        guard let causeName else {
            self.init(format: format)
            return
        }
        guard let cause = Cause(identifier: causeName) else { return nil }
        self.init(format: format, cause: cause)
    }

    /// The usage error for a `--cause` that names no cause.
    public static func unknownCauseMessage(_ name: String) -> String {
        let known = Cause.allCases.map(\.identifier).joined(separator: ", ")
        return "unknown cause '\(name)'; known causes: \(known)"
    }

    /// The rules listed, in the classifier's decision order.
    public var selectedRules: [Rule] {
        classifier.rules.filter { cause == nil || $0.cause == cause }
    }

    /// Writes the listing; always succeeds (status 0).
    public func run(output: BufferedOutput = BufferedOutput()) -> Int32 {
        switch format {
        case .text: output.write(RulesRendering.text(selectedRules))
        case .json: output.write(RulesRendering.json(selectedRules))
        }
        output.flush()
        return 0
    }
}
