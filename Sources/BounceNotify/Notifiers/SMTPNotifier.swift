import BounceCore
import BounceSystem

/// `type: smtp`: the composed mail to a relay of the administrator's choice, so alerts still
/// leave when the local MTA is the thing that is broken.
///
/// The password file is read at every attempt: fixing it takes effect without a restart.
struct SMTPNotifier: Notifier {
    var config: SMTPNotifierConfig
    var hostname: String
    /// The libcurl to load; another name only in tests.
    var curlLibrary = CurlLibrary.standardName

    var name: String { config.name }

    init(config: SMTPNotifierConfig, hostname: String, log: NotificationLog? = nil) {
        self.config = config
        self.hostname = hostname
        if let log {
            for warning in Self.warnings(config) { log("notifier \(config.name): \(warning)") }
        }
    }

    func prepare(_ notice: AlertNotice, now: Int64) -> [UInt8]? {
        AlertMessage.compose(
            notice, hostname: hostname, from: config.from, to: config.to, now: now)
    }

    func deliver(
        _ notice: AlertNotice, message: [UInt8]?, now: Int64,
        cancellation: DeliveryCancellation?
    ) throws(DeliveryError) {
        var password: String?
        if config.username != nil, let file = config.passwordFile {
            password = try PasswordFile.read(file)
        }
        let transport = SMTPTransport(
            host: config.host, port: config.port, tls: config.tls, caFile: config.caFile,
            username: config.username, password: password, from: config.from, to: config.to,
            timeoutSeconds: config.timeoutSeconds, heloName: hostname, curlLibrary: curlLibrary)
        try transport.send(message ?? prepare(notice, now: now) ?? [], cancellation: cancellation)
    }

    /// The envelope goes to `recipients`; the message's own `To:` says the same.
    func addressed(to recipients: [String]) -> any Notifier {
        var copy = self
        copy.config.to = recipients
        return copy
    }

    /// What an administrator should hear about once, when the notifier is set up.
    static func warnings(_ config: SMTPNotifierConfig) -> [String] {
        var warnings: [String] = []
        if let file = config.passwordFile { warnings += PasswordFile.problems(file) }
        if config.username != nil && config.tls == .none {
            warnings.append("the password goes to \(config.host) without TLS (tls: none)")
        }
        return warnings
    }
}
