/// `digest:`: the digest mail the daemon sends on a schedule.
///
/// Absent from the configuration file, the daemon sends no digest.
public struct DigestConfig: Sendable, Equatable {
    /// When it goes out, in the host's local time.
    public var schedule: DigestSchedule
    /// Its recipients; nil sends it to the recipients of each notifier that carries it.
    public var to: [String]?
    /// The names of the notifiers that carry it; nil is every notifier that sends mail
    /// (sendmail, smtp and file; not alertmanager).
    public var notifiers: [String]?

    public init(schedule: DigestSchedule, to: [String]? = nil, notifiers: [String]? = nil) {
        self.schedule = schedule
        self.to = to
        self.notifiers = notifiers
    }

    /// Whether `notifier` can carry a mail (Alertmanager takes alerts only).
    public static func sendsMail(_ notifier: NotifierConfig) -> Bool {
        if case .alertmanager = notifier { return false }
        return true
    }

    /// The notifiers of `all` that carry the digest, in their configured order.
    public func carriers(among all: [NotifierConfig]) -> [NotifierConfig] {
        guard let notifiers else { return all.filter(Self.sendsMail) }
        return all.filter { notifiers.contains($0.name) && Self.sendsMail($0) }
    }
}
