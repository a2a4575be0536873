/// The daemon's whole configuration, as read from `bouncewatch.yml` and validated.
///
/// Plain values only: `BounceConfig` reads YAML into this, the daemon and the alert engine read
/// it, and `check-config` prints it back. Every field has the default that a stock Debian mail
/// server needs, so an empty file is a valid configuration.
public struct Configuration: Sendable, Equatable {
    /// Where log lines come from.
    public var sources: [SourceConfig]
    /// Checkpoint, pending alerts and other state (`StateDirectory=` of the unit).
    public var stateDirectory: String
    /// The node_exporter textfile.
    public var metrics: MetricsConfig
    /// Alert rules; `AlertRule.defaults` when the file has no `alerts` key.
    public var alerts: [AlertRule]
    /// Where alerts go; every one of them receives every alert.
    public var notifiers: [NotifierConfig]
    /// Rules of the administrator's own, layered over the built-in classifier.
    public var rules: [UserRuleSpec]
    /// The name alert mails use for this machine (`mx1`); nil means the host name.
    public var hostname: String?
    /// Providers of the administrator's own, layered over the built-in ones
    /// (`ProviderTable.layered(with:)`).
    public var providers: [ProviderSpec] = []
    /// Block-list lookups of our own addresses and domains; nil when the file has no
    /// `reputation` key (no lookups).
    public var reputation: ReputationConfig?
    /// The MTA's live queue, read for the textfile's queue gauges; nil reads none.
    public var queue: QueueConfig?
    /// The digest mail on a schedule; nil sends none.
    public var digest: DigestConfig?
    /// The built-in lookup alerts (`listed`, `dnsbl-failing`) switched off with
    /// `{name, disabled: true}` under `alerts`.
    public var disabledLookupAlerts: [String] = []
    /// The built-in `compromised-account` alert's thresholds; nil when it is switched off
    /// (`{name: compromised-account, disabled: true}` under `alerts`).
    public var compromisedAccount: CompromisedAccountConfig? = CompromisedAccountConfig()

    /// The default state directory.
    public static let defaultStateDirectory = "/var/lib/bouncewatch"

    public init(
        sources: [SourceConfig] = [.file(FileSourceConfig(path: "/var/log/mail.log"))],
        stateDirectory: String = Configuration.defaultStateDirectory,
        metrics: MetricsConfig = MetricsConfig(),
        alerts: [AlertRule] = AlertRule.defaults,
        notifiers: [NotifierConfig] = [.sendmail(SendmailNotifierConfig())],
        rules: [UserRuleSpec] = [],
        hostname: String? = nil
    ) {
        self.sources = sources
        self.stateDirectory = stateDirectory
        self.metrics = metrics
        self.alerts = alerts
        self.notifiers = notifiers
        self.rules = rules
        self.hostname = hostname
    }
}
