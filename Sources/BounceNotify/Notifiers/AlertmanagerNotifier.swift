import BounceCore

/// `type: alertmanager`: each notice as a postable alert to `<url>/api/v2/alerts`.
///
/// Alertmanager resolves an alert by itself once its `endsAt` passes, so a firing alert is sent
/// with `endsAt` a few minutes ahead and posted again (`repost`) well before that, as Prometheus
/// does; a resolved notice is sent with `endsAt` = now.
struct AlertmanagerNotifier: Notifier {
    var config: AlertmanagerNotifierConfig
    var hostname: String
    var timing: DeliveryTiming

    var name: String { config.name }

    var endpoint: String {
        var base = config.url
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/api/v2/alerts"
    }

    func prepare(_ notice: AlertNotice, now: Int64) -> [UInt8]? { nil }

    func deliver(
        _ notice: AlertNotice, message: [UInt8]?, now: Int64,
        cancellation: DeliveryCancellation?
    ) throws(DeliveryError) {
        try post([notice], now: now, cancellation: cancellation)
    }

    var repostsFiringAlerts: Bool { true }

    func repost(_ notices: [AlertNotice], now: Int64, cancellation: DeliveryCancellation?)
        throws(DeliveryError)
    {
        guard !notices.isEmpty else { return }
        try post(notices, now: now, cancellation: cancellation)
    }

    private func post(_ notices: [AlertNotice], now: Int64, cancellation: DeliveryCancellation?)
        throws(DeliveryError)
    {
        let body = AlertmanagerPayload.body(
            notices, hostname: hostname, now: now, validitySeconds: timing.firingValiditySeconds,
            summary: { AlertMessage.subject($0, hostname: hostname) })
        try HTTPPoster(url: endpoint, timeoutSeconds: config.timeoutSeconds)
            .post(json: body, cancellation: cancellation)
    }
}
