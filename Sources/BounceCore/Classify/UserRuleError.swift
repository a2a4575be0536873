/// Why a user rule from the configuration cannot be used, naming the rule and its line.
public struct UserRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The configuration line that defined the rule, when known.
    public var line: Int?
    /// The rule's id as written (may be empty when the id itself is missing).
    public var id: String
    public var message: String

    public init(line: Int?, id: String, message: String) {
        self.line = line
        self.id = id
        self.message = message
    }

    /// `line 12: rule user.gmx-soft: replaces unknown rule gmx.blocked`.
    public var description: String {
        let rule = id.isEmpty ? "rule without an id" : "rule \(id)"
        guard let line else { return "\(rule): \(message)" }
        return "line \(line): \(rule): \(message)"
    }
}
