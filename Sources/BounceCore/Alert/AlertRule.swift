/// One alert rule from the configuration: which events count, the threshold, the window.
///
/// A count rule fires for a group when at least `threshold` matching events fall in the last
/// `windowSeconds`. A ratio rule (`ratioOf` set) fires when matching events divided by events
/// matching `ratioOf` reaches `threshold`, once at least `minEvents` `ratioOf` events are in
/// the window.
public struct AlertRule: Sendable, Equatable {
    public var name: String
    public var match: EventMatch
    /// The denominator of a ratio rule; nil for a count rule.
    public var ratioOf: EventMatch?
    public var threshold: Double
    /// Ratio rules stay quiet below this many denominator events.
    public var minEvents: Int
    public var windowSeconds: Int
    /// One alert per distinct value of these; empty means one alert for the rule.
    public var groupBy: [AlertDimension]
    /// How often a still-firing alert is sent again.
    public var repeatIntervalSeconds: Int
    /// How long a new alert waits for more of the same incident before it is sent.
    public var groupWaitSeconds: Int

    public init(
        name: String, match: EventMatch, ratioOf: EventMatch? = nil, threshold: Double,
        minEvents: Int = 0, windowSeconds: Int, groupBy: [AlertDimension] = [],
        repeatIntervalSeconds: Int = 4 * 3600, groupWaitSeconds: Int = 30
    ) {
        self.name = name
        self.match = match
        self.ratioOf = ratioOf
        self.threshold = threshold
        self.minEvents = minEvents
        self.windowSeconds = windowSeconds
        self.groupBy = groupBy
        self.repeatIntervalSeconds = repeatIntervalSeconds
        self.groupWaitSeconds = groupWaitSeconds
    }
}

/// Which events a rule counts; an empty list matches anything, the lists are ANDed together.
public struct EventMatch: Sendable, Equatable {
    public var mta: [MTA]
    public var kind: [EventKind]
    public var status: [DeliveryStatus]
    public var cause: [Cause]
    /// Destination domains; `*.example.com` also matches sub-domains, `example.com` only itself.
    public var destination: [String]
    /// Normalised block list names (`zen.spamhaus.org`).
    public var blocklist: [String]
    /// Our own sending (deliveries, our client's relay login) or what clients did to us
    /// (rejects, SASL failures against our server).
    public var direction: [TrafficDirection]
    /// Provider names (`google`, `microsoft`), as in the provider table.
    public var provider: [String] = []
    /// Syslog host names of the lines (the MTAs that wrote them); `*.example.com` also matches
    /// sub-domains.
    public var host: [String] = []
    /// The envelope sender's domain of the delivery's message; `*.example.com` also matches
    /// sub-domains. Only deliveries whose sender the message state knows can match.
    public var senderDomain: [String] = []
    /// The SASL user that submitted the delivery's message, compared exactly.
    public var saslUsername: [String] = []

    public init(
        mta: [MTA] = [], kind: [EventKind] = [], status: [DeliveryStatus] = [],
        cause: [Cause] = [], destination: [String] = [], blocklist: [String] = [],
        direction: [TrafficDirection] = [], provider: [String] = [], host: [String] = [],
        senderDomain: [String] = [], saslUsername: [String] = []
    ) {
        self.mta = mta
        self.kind = kind
        self.status = status
        self.cause = cause
        self.destination = destination
        self.blocklist = blocklist
        self.direction = direction
        self.provider = provider
        self.host = host
        self.senderDomain = senderDomain
        self.saslUsername = saslUsername
    }

    /// Whether a sender list is set: such a match can only be tried on a decoded event.
    var listsSender: Bool { !senderDomain.isEmpty || !saslUsername.isEmpty }
}

/// What an alert rule can group by, as named in the configuration.
public enum AlertDimension: String, Sendable, Equatable, CaseIterable {
    case mta
    case kind
    case status
    case cause
    case destination
    case blocklist
    /// The provider of a delivery (`microsoft`); deliveries of no known provider do not count.
    case provider
    /// The syslog host of the line: which MTA of a central log host.
    case host
    /// The provider when one is known, else the destination: one alert for a provider that
    /// refuses mail to all the domains it hosts, one per domain elsewhere. The alert's group
    /// label is then `provider` or `destination`.
    case providerOrDestination = "provider_or_destination"
    /// The envelope sender's domain of the delivery's message (`MessageSender.domain`);
    /// deliveries whose sender is unknown, or the null sender, do not count.
    case senderDomain = "sender_domain"
    /// The SASL user that submitted the delivery's message; unauthenticated mail does not
    /// count.
    case saslUsername = "sasl_username"

    /// Whether the value comes from the message's sender rather than the event's line: such
    /// a group is only worked out on a decoded event.
    var isSender: Bool { self == .senderDomain || self == .saslUsername }
}

/// Which way the mail or the login went, seen from this server.
public enum TrafficDirection: String, Sendable, Equatable, CaseIterable {
    /// Clients talking to us: rejects, SASL failures against our server.
    case inbound
    /// Us talking to others: deliveries, our client's login at a relay.
    case outbound
}

extension AlertRule {
    /// Whether the rule's `match` or `group_by` reads the message's sender (`sender_domain`,
    /// `sasl_username`): the daemon then follows each message by queue id.
    public var readsSender: Bool {
        groupBy.contains(where: \.isSender) || match.listsSender || ratioOf?.listsSender == true
    }
}
