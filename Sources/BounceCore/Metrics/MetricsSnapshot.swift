/// The metrics store's counters at one moment, decoded and in a fixed order, for the textfile
/// renderer.
///
/// Order: labelled destinations by name, then `other`; cells within a destination by MTA,
/// status and cause in declaration order; only non-zero counters (a counter that became
/// non-zero stays so until its destination is demoted). Rejects by MTA and cause, non-zero only;
/// SASL failures for every MTA; block list hits by list name then destination (`other` last);
/// sources by name.
public struct MetricsSnapshot: Sendable, Equatable {
    /// Delivery counters of one destination label.
    public struct Destination: Sendable, Equatable {
        public var name: String
        public var cells: [DeliveryCell]
        /// The syslog host, for a provider's counters while `metrics.per_host` is on; nil
        /// otherwise (no `host` label).
        public var host: String?

        public init(name: String, cells: [DeliveryCell], host: String? = nil) {
            self.name = name
            self.cells = cells
            self.host = host
        }
    }

    /// Hits of one block list at one destination label.
    public struct BlocklistHits: Sendable, Equatable {
        public var blocklist: String
        public var destination: String
        public var count: Int
        /// The syslog host, for a provider's hits while `metrics.per_host` is on; nil otherwise.
        public var host: String?

        public init(blocklist: String, destination: String, count: Int, host: String? = nil) {
            self.blocklist = blocklist
            self.destination = destination
            self.count = count
            self.host = host
        }
    }

    public var destinations: [Destination]
    public var rejects: [RejectCell]
    public var authFailures: [MTACount]
    public var blocklistHits: [BlocklistHits]
    public var sources: [MetricsSourceCounters]
    /// Delivery counters per provider (`name` is the provider, `other` last), providers with
    /// at least one delivery only. With `metrics.per_host`, one entry per provider and host
    /// (`host`, by name with `other` last within a provider).
    public var providers: [Destination] = []
    /// Block list hits per provider (`destination` holds the provider), by list then provider
    /// (then host, with `metrics.per_host`).
    public var providerBlocklistHits: [BlocklistHits] = []
    /// Counters per syslog host (`metrics.per_host`), hosts by name with `other` last; empty
    /// when per-host counting is off.
    public var hosts: [Host] = []
    /// Block list hits per host (`destination` holds the host), by list then host.
    public var hostBlocklistHits: [BlocklistHits] = []
    /// Deliveries by sender domain (`metrics.senders`; `name` is the domain, `<>` the null
    /// sender, `other` last); empty when off.
    public var senderDomains: [Destination] = []
    /// Deliveries by SASL user (`metrics.sasl_users`), as `senderDomains`.
    public var saslUsers: [Destination] = []
    /// Classified events by the tier that decided, every tier (zero or not).
    public var classificationTiers = TierCounts()
    /// Delivery delays at final outcomes by provider (by name, `other` last), then status
    /// (sent, bounced, expired); only series with at least one delay.
    public var deliveryDelays: [DelaySeries] = []

    /// The upper bounds in seconds of the delay buckets before `+Inf`.
    public static var delayBucketBounds: [Int] { MetricsDelays.bounds }

    /// One series of `bouncewatch_delivery_delay_seconds`.
    public struct DelaySeries: Sendable, Equatable {
        public var provider: String
        public var status: DeliveryStatus
        /// Delays per bucket of `delayBucketBounds` (not cumulative), then those beyond.
        public var buckets: [Int]
        /// The sum of the delays in milliseconds.
        public var sumMillis: Int

        public init(provider: String, status: DeliveryStatus, buckets: [Int], sumMillis: Int) {
            self.provider = provider
            self.status = status
            self.buckets = buckets
            self.sumMillis = sumMillis
        }

        /// Every delay of the series.
        public var count: Int { buckets.reduce(0) { $0.saturatingSum($1) } }
    }

    /// The counters of one syslog host label.
    public struct Host: Sendable, Equatable {
        public var name: String
        /// Non-zero delivery counters, rejects; SASL failures for every MTA.
        public var deliveries: [DeliveryCell]
        public var rejects: [RejectCell]
        public var authFailures: [MTACount]

        public init(
            name: String, deliveries: [DeliveryCell], rejects: [RejectCell],
            authFailures: [MTACount]
        ) {
            self.name = name
            self.deliveries = deliveries
            self.rejects = rejects
            self.authFailures = authFailures
        }
    }

    public init(
        destinations: [Destination] = [], rejects: [RejectCell] = [],
        authFailures: [MTACount] = MTA.allCases.map { MTACount($0, 0) },
        blocklistHits: [BlocklistHits] = [], sources: [MetricsSourceCounters] = []
    ) {
        self.destinations = destinations
        self.rejects = rejects
        self.authFailures = authFailures
        self.blocklistHits = blocklistHits
        self.sources = sources
    }

    /// Deliveries by status over every destination.
    public var deliveries: StatusCounts {
        var counts = StatusCounts()
        for destination in destinations {
            for cell in destination.cells {
                counts[cell.status] = counts[cell.status].saturatingSum(cell.count)
            }
        }
        return counts
    }

    /// Lines read from every source.
    public var totalLines: Int { sources.reduce(0) { $0.saturatingSum($1.lines) } }
}
