/// One event pulled out of a log line, with its text fields as byte ranges into that line.
///
/// Nothing here is decoded or allocated; `EventRecord` is the decoded form for output.
public struct RawEvent: Sendable {
    public var mta: MTA
    public var kind: EventKind
    public var status: DeliveryStatus
    /// When the line carries a stamp (Exim lines inside some syslog wrappers may not).
    public var timestamp: LogTimestamp?
    /// The syslog host name, when the line has a syslog header.
    public var host: ByteRange = .none
    /// The syslog identifier (`postfix/smtp`, `postfix-out/smtp`, `exim`); empty for an Exim mainlog.
    public var program: ByteRange = .none
    public var pid: Int?
    /// Postfix queue id or Exim message id.
    public var queueID: ByteRange = .none
    /// The recipient address without angle brackets (`to=` / the Exim address).
    public var recipient: ByteRange = .none
    /// Postfix `orig_to=`, Exim's parent address in `a <b>`.
    public var originalRecipient: ByteRange = .none
    /// The domain part of `recipient` (not lower-cased: that happens when it is decoded).
    public var domain: ByteRange = .none
    /// The remote host: Postfix `relay=`, Exim `H=`.
    public var relay: ByteRange = .none
    /// The remote's reply (`550 5.1.1 User unknown`) or, when the remote said nothing, the MTA's
    /// own wording (`connect to ...: Connection refused`).
    public var reply: ByteRange = .none
    /// The basic SMTP reply code at the start of the remote's reply; 0 when there is none.
    public var replyCode: Int = 0
    /// The enhanced code at the start of the remote's reply text (`550 5.1.1 ...` gives 5.1.1).
    public var replyDSN: EnhancedStatusCode?
    /// The enhanced code that the MTA itself reports (Postfix `dsn=`), which Postfix may have
    /// rewritten (`5.0.0` when the remote gave none).
    public var mtaDSN: EnhancedStatusCode?
    /// Where in the SMTP dialogue the reply was given.
    public var stage: SMTPStage = .unknown
    /// The SMTP client for rejects and SASL failures against us (`unknown[192.0.2.1]`, `H=...`).
    public var client: ByteRange = .none
    /// The client's IP address alone.
    public var clientIP: ByteRange = .none
    /// The SASL user name when the line gives one.
    public var saslUsername: ByteRange = .none
    /// The envelope sender of a message note (`MessageNote.sender`, `.arrival`); empty
    /// between the brackets of the null sender `<>`.
    public var sender: ByteRange = .none
    /// Which message note the line is, for the outcome `.message`.
    public var note: MessageNote = .none
    /// True when the remote gave the reply (`host X said:`, `SMTP error from remote mail server`),
    /// false when it is the MTA's own wording.
    public var replyIsRemote: Bool = false
    /// The delivery's delay from the message's arrival, in milliseconds; -1 when unknown.
    ///
    /// Postfix writes it on every delivery line (`delay=`), Exim only with its `+queue_time`
    /// log selector (`QT=`); other deliveries get it from the message's arrival time. It counts
    /// only at a final outcome (`DeliveryDelay.isFinal`), never per retry.
    public var delayMillis: Int32 = -1

    /// The enhanced code to report: the one in the reply text wins over the MTA's.
    public var dsn: EnhancedStatusCode? { replyDSN ?? mtaDSN }

    public init(mta: MTA, kind: EventKind, status: DeliveryStatus, timestamp: LogTimestamp?) {
        self.mta = mta
        self.kind = kind
        self.status = status
        self.timestamp = timestamp
    }
}
