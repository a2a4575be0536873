/// The thresholds of the built-in `compromised-account` alert (`compromised_account:` in the
/// configuration): one account sending far more than it usually does, or sending mail that
/// mostly fails as unknown recipients, spam or block-listed.
///
/// An account is the SASL user that submitted the mail, or for mail submitted without one
/// the envelope sender's domain. docs/alerts.md explains the rule.
public struct CompromisedAccountConfig: Sendable, Equatable {
    /// The rule's name in notices, metrics and `alerts: [{name, disabled: true}]`.
    public static let ruleName = "compromised-account"

    /// The window the account's outbound deliveries are counted over (whole minutes, so that
    /// its three slots are whole seconds).
    public var windowSeconds = 15 * 60
    /// How many earlier windows the account's usual level averages, about.
    public var historyWindows = 8
    /// Fewer deliveries in the window than this never fire the volume condition.
    public var floor = 100
    /// The volume condition holds at this many times the account's usual level.
    public var jump = 5.0
    /// The failure condition: this share of the account's deliveries in the window failed as
    /// `recipient_unknown`, `spam` or `blacklisted`...
    public var failureShare = 0.5
    /// ...and at least this many of them did.
    public var minFailures = 20
    /// The most accounts tracked; beyond it the least recently seen quiet ones are forgotten.
    public var maxAccounts = 10_000
    /// How often a still-firing alert is sent again (0: never).
    public var repeatIntervalSeconds = 4 * 3600
    /// How long a new alert waits before it is sent, and a firing one before it resolves.
    public var groupWaitSeconds = 30

    public init() {}
}
