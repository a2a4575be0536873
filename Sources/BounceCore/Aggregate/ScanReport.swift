/// What `bouncewatch scan` found: plain decoded values, ready for the text, JSON and Prometheus
/// renderers.
///
/// Lists are in a fixed order (largest first, ties by name or by the enums' declaration order) so
/// that the same input always renders the same bytes.
public struct ScanReport: Sendable, Equatable {
    /// The stamp of the first event seen, in input order; the CLI places it on the time line.
    public var firstEvent: LogTimestamp?
    /// The stamp of the last event seen, in input order.
    public var lastEvent: LogTimestamp?
    /// Delivery attempts (kind `delivery` only) by status.
    public var deliveries: StatusCounts
    /// Every classified event (deliveries, rejects, SASL failures) by cause, largest first.
    public var causes: [CauseSummary]
    /// The busiest destination domains (failures and deliveries together), at most the top N.
    public var destinations: [DestinationSummary]
    /// Every delivery not counted under `destinations`, including those without a domain.
    public var otherDestinations: DestinationSummary
    /// True when the destination table was full and had to replace domains: the counts of
    /// `destinations` are then exact since each domain entered the table, and may miss a few
    /// early events (see `SpaceSavingTable`).
    public var destinationsApproximate: Bool
    /// Deliveries per provider (Google, Microsoft, ...; see `ProviderTable`), largest first;
    /// providers without deliveries are left out.
    public var providers: [DestinationSummary] = []
    /// Deliveries whose provider is unknown.
    public var otherProviders = DestinationSummary(name: "other")
    /// Distinct syslog hosts seen (counted up to the host table's capacity); a report shows
    /// its hosts when there is more than one.
    public var hostsSeen = 0
    /// The busiest syslog hosts, at most the top N.
    public var hosts: [HostSummary] = []
    /// Events of every host not in `hosts`; nil when there is none.
    public var otherHosts: HostSummary?
    /// True when the host table was full and had to replace hosts.
    public var hostsApproximate = false
    /// Block lists that named us, most hits first.
    public var blocklists: [BlocklistSummary]
    /// Inbound SMTP commands we refused.
    public var rejects: RejectSummary
    /// Failed SMTP AUTH attempts.
    public var authFailures: AuthFailureSummary
    /// Lines read per input, in the order inputs were first seen.
    public var lines: [SourceLines]
    /// Inputs that could not be read, in the order reported.
    public var unreadableInputs: [UnreadableInput]
    /// The replies of events that ended `unclassified`, by shape.
    public var unclassifiedShapes: ShapeReport
    /// The replies whose cause was guessed from the bare reply code alone (the `reply.4xx` and
    /// `reply.5xx` fallbacks), by shape.
    public var guessedShapes: ShapeReport
    /// The period the scan was limited to; nil when every event counted.
    public var period: ScanPeriod?
    /// Failures by cause and block-list hits over time, for the HTML report's charts; nil when
    /// not asked for or when no failure was counted.
    public var timeline: FailureTimelineReport?
    /// Classified events by the tier of the rule that decided (`none`: no rule did).
    public var classificationTiers = TierCounts()
    /// Lines that carry a delivery marker (`status=`, ` ** `, ` == `) but did not parse, by
    /// shape (`DeliveryMarker`).
    public var unrecognizedDeliveryShapes = ShapeReport()
    /// Deliveries by who sent them: sender domain and SASL user (the message state); nil
    /// when messages were not followed (`scan` without `--senders`).
    public var senders: SenderReport?
    /// The delay from a message's arrival to its final outcome (sent, bounced, expired; never
    /// a deferral), by status in that order: count, median and 95th percentile.
    public var deliveryDelays: [DelaySummary] = DeliveryDelay.finalStatuses.map {
        DelaySummary(status: $0)
    }

    public init(
        firstEvent: LogTimestamp? = nil, lastEvent: LogTimestamp? = nil,
        deliveries: StatusCounts = StatusCounts(), causes: [CauseSummary] = [],
        destinations: [DestinationSummary] = [],
        otherDestinations: DestinationSummary = DestinationSummary(name: "other"),
        destinationsApproximate: Bool = false, blocklists: [BlocklistSummary] = [],
        rejects: RejectSummary = RejectSummary(),
        authFailures: AuthFailureSummary = AuthFailureSummary(), lines: [SourceLines] = [],
        unreadableInputs: [UnreadableInput] = [], unclassifiedShapes: ShapeReport = ShapeReport(),
        guessedShapes: ShapeReport = ShapeReport()
    ) {
        self.firstEvent = firstEvent
        self.lastEvent = lastEvent
        self.deliveries = deliveries
        self.causes = causes
        self.destinations = destinations
        self.otherDestinations = otherDestinations
        self.destinationsApproximate = destinationsApproximate
        self.blocklists = blocklists
        self.rejects = rejects
        self.authFailures = authFailures
        self.lines = lines
        self.unreadableInputs = unreadableInputs
        self.unclassifiedShapes = unclassifiedShapes
        self.guessedShapes = guessedShapes
    }

    /// Lines no parser could place, over every input.
    public var unrecognizedLines: Int { lines.reduce(0) { $0 + $1.unrecognized } }

    /// Lines cut at the length limit, over every input.
    public var truncatedLines: Int { lines.reduce(0) { $0 + $1.truncated } }
}

/// One cause with its counts by status and the first reply that gave it.
public struct CauseSummary: Sendable, Equatable {
    public var cause: Cause
    public var counts: StatusCounts
    /// The first reply text seen for this cause, cut to 300 bytes.
    public var sampleReply: String?

    public init(cause: Cause, counts: StatusCounts, sampleReply: String? = nil) {
        self.cause = cause
        self.counts = counts
        self.sampleReply = sampleReply
    }

    /// One summary per cause that counted anything, busiest first (a stable sort keeps
    /// declaration order among equal totals), from a flat table of counts indexed
    /// `cause * statusCount + status` and a sample per cause. The scan aggregator and the
    /// digest's tally keep the same table, so both report causes through this.
    static func summaries(causeStatus: [Int], samples: [String?]) -> [CauseSummary] {
        let statusCount = DeliveryStatus.allCases.count
        var summaries: [CauseSummary] = []
        for cause in Cause.allCases {
            var counts = StatusCounts()
            for status in DeliveryStatus.allCases {
                counts[status] =
                    causeStatus[Int(cause.rawValue) * statusCount + Int(status.rawValue)]
            }
            guard counts.total > 0 else { continue }
            summaries.append(
                CauseSummary(
                    cause: cause, counts: counts, sampleReply: samples[Int(cause.rawValue)]))
        }
        return summaries.sorted { $0.counts.total > $1.counts.total }
    }
}

/// A name with a count: a client IP, a domain, a listed address.
public struct NamedCount: Sendable, Equatable {
    public var name: String
    public var count: Int

    public init(_ name: String, _ count: Int) {
        self.name = name
        self.count = count
    }
}

/// A cause with a count.
public struct CauseCount: Sendable, Equatable {
    public var cause: Cause
    public var count: Int

    public init(_ cause: Cause, _ count: Int) {
        self.cause = cause
        self.count = count
    }
}

/// One series of `bouncewatch_deliveries_total`: deliveries by MTA, status and cause.
public struct DeliveryCell: Sendable, Equatable {
    public var mta: MTA
    public var status: DeliveryStatus
    /// Nil for `sent`.
    public var cause: Cause?
    public var count: Int

    public init(mta: MTA, status: DeliveryStatus, cause: Cause?, count: Int) {
        self.mta = mta
        self.status = status
        self.cause = cause
        self.count = count
    }
}

/// Deliveries to one destination domain (or to every other one).
public struct DestinationSummary: Sendable, Equatable {
    /// The lower-cased domain, or `other`.
    public var name: String
    public var counts: StatusCounts
    /// The three most frequent causes of failure, largest first.
    public var mainCauses: [CauseCount]
    /// The non-zero counts by MTA, status and cause, in declaration order.
    public var cells: [DeliveryCell]

    public init(
        name: String, counts: StatusCounts = StatusCounts(), mainCauses: [CauseCount] = [],
        cells: [DeliveryCell] = []
    ) {
        self.name = name
        self.counts = counts
        self.mainCauses = mainCauses
        self.cells = cells
    }
}

/// A block list that named us.
public struct BlocklistSummary: Sendable, Equatable {
    public var name: String
    public var delistURL: String?
    public var hits: Int
    /// The addresses the replies said were listed, sorted, at most 16.
    public var listedIPs: [String]
    /// Hits by destination: a domain of the report's top N, or `other`; most hits first.
    public var destinations: [NamedCount]

    public init(
        name: String, delistURL: String?, hits: Int, listedIPs: [String] = [],
        destinations: [NamedCount] = []
    ) {
        self.name = name
        self.delistURL = delistURL
        self.hits = hits
        self.listedIPs = listedIPs
        self.destinations = destinations
    }
}

/// Rejects of one cause by one MTA.
public struct RejectCell: Sendable, Equatable {
    public var mta: MTA
    public var cause: Cause
    public var count: Int

    public init(mta: MTA, cause: Cause, count: Int) {
        self.mta = mta
        self.cause = cause
        self.count = count
    }
}

/// Inbound rejects (`NOQUEUE: reject:`, Exim `rejected RCPT`).
public struct RejectSummary: Sendable, Equatable {
    public var total: Int
    /// Non-zero counts by MTA then cause, in declaration order.
    public var cells: [RejectCell]
    /// The clients refused most often, with lower-bound counts (see `SpaceSavingTable`).
    public var topClients: [NamedCount]
    /// Rejects per block list that named the client, largest first: which of this server's
    /// DNSBL checks refuse the most.
    public var byBlocklist: [NamedCount]

    public init(
        total: Int = 0, cells: [RejectCell] = [], topClients: [NamedCount] = [],
        byBlocklist: [NamedCount] = []
    ) {
        self.total = total
        self.cells = cells
        self.topClients = topClients
        self.byBlocklist = byBlocklist
    }

    /// Counts by cause over both MTAs, largest first.
    public var byCause: [CauseCount] {
        var totals = [Int](repeating: 0, count: Cause.allCases.count)
        for cell in cells { totals[Int(cell.cause.rawValue)] += cell.count }
        return Cause.allCases.filter { totals[Int($0.rawValue)] > 0 }
            .map { CauseCount($0, totals[Int($0.rawValue)]) }
            .sorted { $0.count > $1.count }
    }
}

/// Failed SMTP AUTH attempts.
public struct AuthFailureSummary: Sendable, Equatable {
    /// Failed attempts of clients against this server.
    public var total: Int
    /// Counts per MTA, in declaration order, zero counts included.
    public var byMTA: [MTACount]
    /// The clients that failed most often, with lower-bound counts.
    public var topClients: [NamedCount]
    /// This server's own logins that a relay refused (not in `total`).
    public var relayLoginFailures: Int

    public init(
        total: Int = 0, byMTA: [MTACount] = MTA.allCases.map { MTACount($0, 0) },
        topClients: [NamedCount] = [], relayLoginFailures: Int = 0
    ) {
        self.total = total
        self.byMTA = byMTA
        self.topClients = topClients
        self.relayLoginFailures = relayLoginFailures
    }
}

/// An MTA with a count.
public struct MTACount: Sendable, Equatable {
    public var mta: MTA
    public var count: Int

    public init(_ mta: MTA, _ count: Int) {
        self.mta = mta
        self.count = count
    }
}

/// Lines read from one input, by what the parser made of them.
public struct SourceLines: Sendable, Equatable {
    public var source: String
    public var events: Int
    public var ignored: Int
    public var unrecognized: Int
    /// Lines longer than the reader's limit, cut before parsing.
    public var truncated: Int

    public init(
        source: String, events: Int = 0, ignored: Int = 0, unrecognized: Int = 0, truncated: Int = 0
    ) {
        self.source = source
        self.events = events
        self.ignored = ignored
        self.unrecognized = unrecognized
        self.truncated = truncated
    }

    /// Every line read.
    public var total: Int { events + ignored + unrecognized }
}

/// An input that could not be read, and why.
public struct UnreadableInput: Sendable, Equatable {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }
}

/// A reply shape (`ReplyShape`: addresses, hosts, IPs, ids and digits masked) with how many
/// events had it and the first reply of that shape in log order.
public struct ShapeCount: Sendable, Equatable {
    public var shape: String
    public var count: Int
    /// A real reply of this shape, cut to 300 bytes.
    public var example: String

    public init(shape: String, count: Int, example: String) {
        self.shape = shape
        self.count = count
        self.example = example
    }
}

/// The most frequent shapes of a group of replies, and how many replies the group had.
public struct ShapeReport: Sendable, Equatable {
    /// Every reply in the group, listed or not.
    public var total: Int
    /// The most frequent shapes, largest first, ties by shape.
    public var shapes: [ShapeCount]
    /// True when more distinct shapes were seen than the table holds: counts are then lower
    /// bounds (see `SpaceSavingTable`).
    public var approximate: Bool

    public init(total: Int = 0, shapes: [ShapeCount] = [], approximate: Bool = false) {
        self.total = total
        self.shapes = shapes
        self.approximate = approximate
    }
}
