/// What a mail needs besides the notice: who sends it to whom, its id and its date.
public struct AlertMailEnvelope: Sendable, Equatable {
    /// This machine's name as the subject shows it (`mx1`).
    public var hostname: String
    public var from: String
    public var to: [String]
    /// With or without the angle brackets; unusable characters are dropped.
    public var messageID: String
    /// When the mail is written, epoch seconds.
    public var date: Int64
    /// The local zone's offset at `date`, for the `Date:` header and the times in the body.
    public var utcOffsetSeconds: Int

    public init(
        hostname: String, from: String, to: [String], messageID: String, date: Int64,
        utcOffsetSeconds: Int = 0
    ) {
        self.hostname = hostname
        self.from = from
        self.to = to
        self.messageID = messageID
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// A Message-ID that is unique per notice when `unique` differs between sends (a counter
    /// or random number): `<bouncewatch.FINGERPRINT.DECIDED.STATE.UNIQUE@host>`.
    public static func messageID(
        for notice: AlertNotice, hostname: String, unique: UInt64
    ) -> String {
        "<bouncewatch.\(notice.fingerprint).\(notice.decidedAt).\(notice.state.rawValue)."
            + "\(String(unique, radix: 16))@\(MailHeader.hostName(hostname))>"
    }
}
