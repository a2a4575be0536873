/// A classification rule of the administrator's own, from `rules:` in the configuration.
///
/// User rules are tried before the built-in ones. A rule with `replaces` set takes the place of
/// the built-in rule with that id; `disabled` with `replaces` switches a built-in rule off.
public struct UserRuleSpec: Sendable, Equatable {
    /// A unique id; the built-in ids are dotted (`microsoft.s3150`), user ids start `user.`.
    public var id: String
    /// The cause to report; nil only for a rule that just disables `replaces`.
    public var cause: Cause?
    /// Any of these (case-insensitive, in the reply text) makes the rule match.
    public var phrases: [String]
    /// Enhanced status codes (`5.7.1`) or basic reply codes (`550`); any must match when given.
    public var codes: [String]
    /// Destination domains the rule is limited to (`example.com` and its sub-domains).
    public var destinations: [String]
    /// The built-in rule this one overrides or disables.
    public var replaces: String?
    public var disabled: Bool
    /// Report a matching permanent (5xx) failure as temporary: the provider is known to answer
    /// 5xx for conditions that clear by themselves.
    public var temporary: Bool
    /// One sample reply the rule must match; checked when the configuration is loaded.
    public var sample: String?
    /// The configuration line that defined the rule, for error messages.
    public var line: Int?

    public init(
        id: String, cause: Cause?, phrases: [String] = [], codes: [String] = [],
        destinations: [String] = [], replaces: String? = nil, disabled: Bool = false,
        temporary: Bool = false, sample: String? = nil, line: Int? = nil
    ) {
        self.id = id
        self.cause = cause
        self.phrases = phrases
        self.codes = codes
        self.destinations = destinations
        self.replaces = replaces
        self.disabled = disabled
        self.temporary = temporary
        self.sample = sample
        self.line = line
    }
}
