import BounceCore
import CCurl

/// Sends one finished message to an SMTP relay through libcurl: plain, STARTTLS (required, never
/// opportunistic) or implicit TLS, with AUTH when a user name is given.
///
/// libcurl picks the strongest mechanism both sides offer (PLAIN or LOGIN on most relays),
/// dot-stuffs the message and reports every refused command; the error names the reply.
struct SMTPTransport {
    var host: String
    var port: Int
    var tls: SMTPTLSMode
    var caFile: String?
    var username: String?
    var password: String?
    var from: String
    var to: [String]
    /// Bounds the connection and each server reply; twice this bounds the whole transaction.
    var timeoutSeconds: Int
    /// The name given in EHLO.
    var heloName: String
    /// The libcurl to load; another name only in tests.
    var curlLibrary = CurlLibrary.standardName

    /// The relay's URL; the path is the EHLO name.
    var url: String {
        let scheme = tls == .implicit ? "smtps" : "smtp"
        let address = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let helo = heloName.unicodeScalars.allSatisfy(Self.isHostNameCharacter) ? heloName : ""
        return "\(scheme)://\(address):\(port)/\(helo)"
    }

    func send(_ message: [UInt8], cancellation: DeliveryCancellation? = nil) throws(DeliveryError) {
        try MailAddress.check(from, role: "sender")
        guard !to.isEmpty else { throw DeliveryError("no recipient configured") }
        for recipient in to { try MailAddress.check(recipient, role: "recipient") }
        let transfer = try CurlTransfer(cancellation: cancellation, library: curlLibrary)
        try transfer.set(CURLOPT_URL, url)
        try transfer.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        if tls != .none { try transfer.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let caFile { try transfer.set(CURLOPT_CAINFO, caFile) }
        if let username {
            try transfer.set(CURLOPT_USERNAME, username)
            try transfer.set(CURLOPT_PASSWORD, password ?? "")
        }
        try transfer.set(CURLOPT_MAIL_FROM, "<\(from)>")
        try transfer.set(CURLOPT_MAIL_RCPT, list: to.map { "<\($0)>" })
        try transfer.set(CURLOPT_CONNECTTIMEOUT, max(1, timeoutSeconds))
        try transfer.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, timeoutSeconds))
        try transfer.set(CURLOPT_TIMEOUT, max(2, 2 * timeoutSeconds))
        try transfer.setUpload(message)
        try transfer.perform(what: "SMTP to \(host):\(port)")
    }

    private static func isHostNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-": true
        default: false
        }
    }
}
