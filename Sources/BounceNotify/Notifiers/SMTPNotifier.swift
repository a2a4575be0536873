import BounceCore
import BounceSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `type: smtp`: the composed mail to a relay of the administrator's choice, so alerts still
/// leave when the local MTA is the thing that is broken.
///
/// The password file is read at every attempt: fixing it takes effect without a restart.
struct SMTPNotifier: Notifier {
    var config: SMTPNotifierConfig
    var hostname: String

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
            timeoutSeconds: config.timeoutSeconds, heloName: hostname)
        try transport.send(message ?? prepare(notice, now: now) ?? [], cancellation: cancellation)
    }

    /// What an administrator should hear about once, when the notifier is set up.
    static func warnings(_ config: SMTPNotifierConfig) -> [String] {
        var warnings: [String] = []
        if let file = config.passwordFile {
            var info = stat()
            if stat(file, &info) != 0 {
                warnings.append(
                    "cannot read password file \(file): " + String(cString: strerror(errno)))
            } else if info.st_mode & S_IROTH != 0 {
                warnings.append(
                    "password file \(file) is readable by everyone; chmod o-r \(file)")
            }
        }
        if config.username != nil && config.tls == .none {
            warnings.append("the password goes to \(config.host) without TLS (tls: none)")
        }
        return warnings
    }
}

/// The first line of a password file, without its line end.
enum PasswordFile {
    static func read(_ path: String) throws(DeliveryError) -> String {
        guard let bytes = FileSystem.load(path) else {
            throw DeliveryError(
                "cannot read password file \(path): " + String(cString: strerror(errno)))
        }
        var line = bytes.prefix { $0 != 0x0A }
        if line.last == 0x0D { line.removeLast() }
        guard !line.isEmpty else { throw DeliveryError("password file \(path) is empty") }
        return String(decoding: line, as: UTF8.self)
    }
}
