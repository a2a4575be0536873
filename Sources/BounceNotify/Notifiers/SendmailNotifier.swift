import BounceCore

/// `type: sendmail`: the composed mail on the standard input of the local sendmail program.
struct SendmailNotifier: Notifier {
    var config: SendmailNotifierConfig
    var hostname: String
    var timeoutSeconds = SendmailTransport.defaultTimeoutSeconds

    var name: String { config.name }

    var sender: String { config.from ?? "bouncewatch@\(hostname)" }

    func prepare(_ notice: AlertNotice, now: Int64) -> [UInt8]? {
        AlertMessage.compose(notice, hostname: hostname, from: sender, to: config.to, now: now)
    }

    func deliver(
        _ notice: AlertNotice, message: [UInt8]?, now: Int64,
        cancellation: DeliveryCancellation?
    ) throws(DeliveryError) {
        let transport = SendmailTransport(
            path: config.path, arguments: config.arguments, timeoutSeconds: timeoutSeconds)
        try transport.send(message ?? prepare(notice, now: now) ?? [], cancellation: cancellation)
    }
}
