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

    public init(
        cause: Cause, ruleID: String, blocklist: Blocklist? = nil, listedIP: ByteRange = .none
    ) {
        self.cause = cause
        self.ruleID = ruleID
        self.blocklist = blocklist
        self.listedIP = listedIP
    }
}
