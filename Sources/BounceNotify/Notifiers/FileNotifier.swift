import BounceCore

/// `type: file`: the composed mail appended to an mbox file.
struct FileNotifier: Notifier {
    var config: FileNotifierConfig
    var hostname: String

    var name: String { config.name }

    var sender: String { "bouncewatch@\(hostname)" }

    func prepare(_ notice: AlertNotice, now: Int64) -> [UInt8]? {
        AlertMessage.compose(
            notice, hostname: hostname, from: sender, to: ["postmaster@\(hostname)"], now: now)
    }

    func deliver(
        _ notice: AlertNotice, message: [UInt8]?, now: Int64,
        cancellation: DeliveryCancellation?
    ) throws(DeliveryError) {
        try MboxWriter(path: config.path).append(
            message ?? prepare(notice, now: now) ?? [], sender: sender, date: now)
    }
}
