/// Which fact about a message a line gives, when the parser's outcome is `.message`.
///
/// A delivery line names only its recipient: who sent the message, from where and under which
/// login is on earlier lines with the same queue id. The parser hands these lines on with the
/// fields below filled (and nothing else of the event meaningful); `MessageBook` keeps them.
public enum MessageNote: UInt8, Sendable {
    case none
    /// Postfix smtpd `client=NAME[IP]`, with `sasl_username=` when the client logged in:
    /// `clientIP` and `saslUsername`.
    case client
    /// Postfix qmgr `from=<SENDER>, size=...`: `sender`.
    case sender
    /// Exim `<= SENDER ... [IP] ... A=AUTH:USER`: `sender`, `clientIP` and `saslUsername`.
    case arrival
    /// Postfix qmgr `removed`, Exim `Completed`: the message has left the queue.
    case removed
}
