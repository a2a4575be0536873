/// The decision the Exim parser took for a line.
///
/// Tests use it to prove that every branch has a sample line; the normal path discards it.
public enum EximBranch: String, CaseIterable, Sendable {
    /// The line does not start with a valid Exim stamp, or its text starts with a control byte.
    case garbled
    /// A stamp (and perhaps a message id) with no text after it.
    case truncated
    /// `<=` message arrival.
    case arrival
    /// `=>` first delivery of a message.
    case delivered
    /// `->` further delivery of the same message.
    case additionalDelivery
    /// `>>` cutthrough delivery made during the SMTP reception.
    case cutthroughDelivery
    /// `*>` delivery suppressed by `-N` or a fake transport.
    case fakeDelivery
    /// `**` permanent failure.
    case bounced
    /// `** x: retry timeout exceeded`: the address stayed in the queue too long.
    case expired
    /// `==` temporary failure after an attempt.
    case deferred
    /// `== ... retry time not reached`: no attempt was made.
    case retryTimeNotReached
    /// A delivery flag with no address after it.
    case flagWithoutAddress
    /// `rejected RCPT <x>`.
    case rejectRecipient
    /// `rejected MAIL <x>`.
    case rejectSender
    /// `rejected EHLO`, `rejected HELO`, `rejected EHLO or HELO`.
    case rejectHelo
    /// `rejected DATA` (the predata ACL).
    case rejectPredata
    /// `rejected after DATA`, MIME and DKIM ACLs.
    case rejectAfterData
    /// `rejected connection in "connect" ACL`.
    case rejectConnection
    /// `refused connection from [ip] (host_reject_connection)`.
    case refusedConnection
    /// `rejected by local_scan()`.
    case rejectLocalScan
    /// `rejected by non-SMTP ACL`.
    case rejectNonSMTP
    /// `rejected from <sender> ...: message too big`.
    case rejectOversize
    /// A reject of another command: AUTH, STARTTLS, VRFY, EXPN, ETRN, ...
    case rejectOtherCommand
    /// `X authenticator failed for <client>`: a client failed to authenticate to us.
    case authServer
    /// `<id> X authenticator failed H=<relay> 535 ...`: we failed to authenticate to a relay.
    case authClient
    /// Any other line about a message (`Completed`, per-host errors, `Frozen`, SpamAssassin).
    case messageNote
    /// Any other line (queue runs, daemon start, connections, protocol errors).
    case otherLine
}
