/// The point of the SMTP dialogue at which a reply was given.
public enum SMTPStage: UInt8, Sendable, CaseIterable {
    case unknown
    case connect
    case greeting
    case helo
    case starttls
    case auth
    case mailFrom
    case rcptTo
    case data
    case endOfData
    case quit

    /// A short identifier for `--explain` and JSON output.
    public var identifier: String {
        switch self {
        case .unknown: "unknown"
        case .connect: "connect"
        case .greeting: "greeting"
        case .helo: "helo"
        case .starttls: "starttls"
        case .auth: "auth"
        case .mailFrom: "mail_from"
        case .rcptTo: "rcpt_to"
        case .data: "data"
        case .endOfData: "end_of_data"
        case .quit: "quit"
        }
    }
}
