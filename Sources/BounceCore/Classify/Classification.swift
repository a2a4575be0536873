/// The classifier's verdict on one event.
public struct Classification: Sendable {
    public var cause: Cause
    /// The id of the rule that decided, e.g. `microsoft.s3150` or `esc.5.1.1`.
    public var ruleID: String
    /// The block list that named us, when the cause is `blacklisted` or `reputation` and the text
    /// says which.
    public var blocklist: Blocklist?
    /// The IP address the text says is listed, as a range in the line.
    public var listedIP: ByteRange
    /// A permanent (5xx) failure that a user rule marked `temporary`: the provider is known to
    /// answer 5xx for a condition that clears by itself, so count it like a deferral.
    public var temporary = false
    /// The tier of the rule that decided; nil when no rule did (`unclassified` by `none`).
    public var tier: Rule.Tier?

    /// The fallback rules that decide by the bare reply code when nothing else did
    /// (`Rule+ReplyCodes.swift`): `550 Computer says no` is `policy` and any unexplained 4xx
    /// `remote_error`. Their verdicts are guesses, not readings of the text.
    public static let replyCodeGuessRules = ["reply.4xx", "reply.5xx"]

    /// Whether the cause was guessed from the bare reply code alone.
    public var isReplyCodeGuess: Bool {
        (cause == .remoteError || cause == .policy) && Self.replyCodeGuessRules.contains(ruleID)
    }

    public init(
        cause: Cause, ruleID: String, blocklist: Blocklist? = nil, listedIP: ByteRange = .none,
        tier: Rule.Tier? = nil
    ) {
        self.cause = cause
        self.ruleID = ruleID
        self.blocklist = blocklist
        self.listedIP = listedIP
        self.tier = tier
    }
}
