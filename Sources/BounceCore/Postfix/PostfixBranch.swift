/// The decision the Postfix parser took for a line.
///
/// Tests use it to prove that every branch has a sample line; the normal path discards it.
public enum PostfixBranch: String, CaseIterable, Sendable {
    /// Text that no Postfix daemon writes in that shape: an unknown daemon with unknown text,
    /// a delivery line cut before its status, an unknown status word.
    case garbled
    /// `to=<...>, ... status=sent (...)`.
    case deliverySent
    /// `status=deferred|bounced (host X said: ...)` or `(host X refused to talk to me: ...)`.
    case deliveryRemoteReply
    /// `status=deferred|bounced (...)` in Postfix's own words (connect, DNS, local, pipe).
    case deliveryMTAReason
    /// `status=SOFTBOUNCE (...)`: a bounce that `soft_bounce = yes` turned into a deferral.
    case deliverySoftBounce
    /// A `status=` line without `to=` (a bare address, or qmgr `status=deferred (bounce
    /// failed)`).
    case deliveryWithoutRecipient
    /// Address verification probes: `status=deliverable`, `undeliverable`,
    /// `undeliverable-but-not-cached`.
    case addressProbe
    /// qmgr `from=<...>, status=expired|force-expired, returned to sender`.
    case expired
    /// qmgr `from=<...>, size=..., nrcpt=... (queue active)`.
    case queueActive
    /// smtpd / postscreen `reject: CMD from client: reply; from=<...> to=<...>`.
    case rejectCommand
    /// `milter-reject: CMD from client: reply; ...`.
    case milterReject
    /// `proxy-reject: END-OF-MESSAGE: reply; ...` (before-queue content filter).
    case proxyReject
    /// cleanup `reject: header|body|content ... from client; from=<...>: text`.
    case contentReject
    /// `reject_warning:` (a dry run: nothing was refused).
    case rejectWarning
    /// smtpd `warning: client: SASL MECH authentication failed: reason`.
    case saslServerFailure
    /// smtp `QUEUEID: SASL authentication failed; server relay said: 535 ...`.
    case saslClientFailure
    /// `warning:`, `fatal:`, `panic:`, `error:` lines other than SASL failures.
    case warning
    /// Any other line about a queued message (`message-id=`, `client=`, `removed`, notices).
    case queueNote
    /// Any other line of a known daemon (connect, disconnect, postscreen, statistics, ...).
    case daemonNote
}
