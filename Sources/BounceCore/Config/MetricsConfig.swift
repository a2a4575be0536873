/// `metrics:`: the Prometheus textfile for node_exporter's textfile collector.
public struct MetricsConfig: Sendable, Equatable {
    /// The file written atomically (temp file + rename in the same directory); nil writes none.
    public var textfile: String?
    /// Seconds between writes (and checkpoints).
    public var intervalSeconds: Int
    /// Destination domains that get series of their own; the rest count as `other`.
    public var topDestinations: Int
    /// Whether the event families are also written per syslog host (`bouncewatch_host_*`).
    public var perHost = false
    /// Hosts that get series of their own when `perHost` is on (the first seen); the rest count
    /// as `other`.
    public var topHosts = 50
    /// Sender domains that get series of their own in `bouncewatch_sender_deliveries_total`;
    /// nil writes no such series (`metrics.senders`, off by default).
    public var topSenderDomains: Int?
    /// SASL users that get series of their own in `bouncewatch_sasl_user_deliveries_total`;
    /// nil writes none (`metrics.sasl_users`, off by default).
    public var topSASLUsers: Int?
    /// The `top` of `senders:` and `sasl_users:` when the file leaves it out.
    public static let defaultSenderTop = 20

    public static let defaultTextfile = "/var/lib/prometheus/node-exporter/bouncewatch.prom"

    public init(
        textfile: String? = MetricsConfig.defaultTextfile, intervalSeconds: Int = 15,
        topDestinations: Int = 50
    ) {
        self.textfile = textfile
        self.intervalSeconds = intervalSeconds
        self.topDestinations = topDestinations
    }
}
