/// Decides the cause of a failed delivery, reject or authentication failure.
public struct Classifier: Sendable {
    public init() {}

    /// The built-in rule set.
    public static let standard = Classifier()

    /// Classifies `event`, whose byte ranges point into `line`. Not called for `sent`.
    public func classify(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> Classification {
        Classification(cause: .unclassified, ruleID: "none")
    }
}
