/// What a notice reports about the matching events of one group: numbers, where they went,
/// why, and sample lines.
struct AlertEvidence: Sendable, Equatable {
    var count: Int
    /// Events matching `ratioOf`, for ratio rules.
    var denominator: Int?
    var destinations: [NamedCount] = []
    var destinationCount = 0
    var cause: Cause?
    var causes: [CauseCount] = []
    var status: DeliveryStatus?
    var kind: EventKind?
    var direction: TrafficDirection?
    var blocklist: Blocklist?
    var listedIP: String?
    var samples: [String] = []
    var evidenceCount: Int?
    /// The most frequent providers and syslog hosts among the matching events, most first.
    var providers: [NamedCount] = []
    var hosts: [NamedCount] = []
    /// How many distinct syslog hosts the matching events came from.
    var hostCount = 0

    /// How many destinations and causes a notice lists.
    static let topDestinations = 5
    /// How many destinations a notice about a provider lists: the domains it hosts are the news.
    static let topDestinationsOfProvider = 20
    static let topCauses = 3

    /// The evidence from the remembered records and samples that are inside the window at `now`.
    /// `destinationLimit` is how many destinations to list.
    static func collect(
        count: Int, denominator: Int?, group: AlertGroup, now: Int64,
        destinationLimit: Int = topDestinations
    ) -> AlertEvidence {
        let window = group.window
        let records = group.recent.records.filter { window.contains($0.time, at: now) }
        var evidence = AlertEvidence(count: count, denominator: denominator)
        var perDestination: [String: Int] = [:]
        var perCause: [Cause: Int] = [:]
        var perProvider: [String: Int] = [:]
        var perHost: [String: Int] = [:]
        for record in records {
            if !record.destination.isEmpty { perDestination[record.destination, default: 0] += 1 }
            if !record.provider.isEmpty { perProvider[record.provider, default: 0] += 1 }
            if !record.host.isEmpty { perHost[record.host, default: 0] += 1 }
            if let cause = record.cause { perCause[cause, default: 0] += 1 }
        }
        evidence.destinations = perDestination.map { NamedCount($0.key, $0.value) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
            .prefix(destinationLimit).map { $0 }
        evidence.destinationCount = perDestination.count
        evidence.providers = top(perProvider, topDestinations)
        evidence.hosts = top(perHost, topDestinations)
        evidence.hostCount = perHost.count
        evidence.causes = perCause.map { CauseCount($0.key, $0.value) }
            .sorted { ($0.count, $1.cause.rawValue) > ($1.count, $0.cause.rawValue) }
            .prefix(topCauses).map { $0 }
        evidence.cause = unique(records.map(\.cause)) ?? nil
        evidence.status = unique(records.map(\.status))
        evidence.kind = unique(records.map(\.kind))
        evidence.direction = unique(records.map(\.direction))
        let newest = records.sorted { $0.time < $1.time }
        evidence.blocklist = newest.last { $0.blocklist != nil }?.blocklist
        evidence.listedIP = newest.last { $0.listedIP != nil }?.listedIP
        evidence.samples = group.samples.lines.filter { window.contains($0.time, at: now) }
            .map(\.text)
        evidence.evidenceCount = records.count < count ? records.count : nil
        return evidence
    }

    /// The `limit` largest counts, ties by name.
    private static func top(_ counts: [String: Int], _ limit: Int) -> [NamedCount] {
        counts.map { NamedCount($0.key, $0.value) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
            .prefix(limit).map { $0 }
    }

    /// The one value every element shares; nil when empty or mixed.
    private static func unique<Value: Equatable>(_ values: [Value]) -> Value? {
        guard let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}
