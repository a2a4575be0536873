import BounceCore

/// `classify`'s message state: the lines that say who sent a message (Postfix smtpd `client=`,
/// qmgr `from=`, Exim `<=`) are kept by queue id, so that each later delivery of the message
/// can print its sender, SASL user and client IP.
///
/// One state for all inputs, read in the order given, as `scan` does: a message whose first
/// lines are in `mail.log.1` and its deliveries in `mail.log` is known when both are given in
/// that order.
struct ClassifyMessages {
    private var book = MessageBook()

    /// Takes in a message note (`LineOutcome.message`) whose ranges point into `line`.
    mutating func note(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) {
        book.note(event, in: line)
    }

    /// Who sent the message of `event` (a delivery), nil when no earlier line said.
    func sender(of event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> MessageSender? {
        guard let facts = book.facts(for: event, in: line) else { return nil }
        let names = book.names
        let address = names.text(facts.sender)
        // `MessageSender` leaves the null sender's domain out; the JSON names it `<>`.
        let domain =
            facts.senderDomain == MessageNames.nullSender ? nil : names.text(facts.senderDomain)
        let sender = MessageSender(
            address: address, domain: domain, saslUser: names.text(facts.saslUser),
            clientIP: names.text(facts.clientIP))
        return sender == MessageSender() ? nil : sender
    }
}
