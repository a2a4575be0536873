/// An `EventMatch` prepared for testing events: destination patterns split into exact names
/// and `*.` suffixes, block list names lower-cased.
struct AlertEventFilter: Sendable {
    let match: EventMatch
    private let exactDestinations: [String]
    /// `*.example.com` kept as `.example.com`, plus `example.com` itself in `exactDestinations`.
    private let destinationSuffixes: [String]
    private let blocklists: [String]

    init(_ match: EventMatch) {
        self.match = match
        var exact: [String] = []
        var suffixes: [String] = []
        for pattern in match.destination {
            let lowered = pattern.lowercased()
            if lowered.hasPrefix("*.") {
                suffixes.append(String(lowered.dropFirst()))
                exact.append(String(lowered.dropFirst(2)))
            } else {
                exact.append(lowered)
            }
        }
        exactDestinations = exact
        destinationSuffixes = suffixes
        blocklists = match.blocklist.map { $0.lowercased() }
    }

    /// Whether the event passes every non-empty list.
    func matches(_ event: AlertEvent) -> Bool {
        guard couldMatch(mta: event.mta, kind: event.kind, status: event.status, cause: event.cause)
        else { return false }
        if !match.direction.isEmpty, !match.direction.contains(event.direction) { return false }
        if !exactDestinations.isEmpty || !destinationSuffixes.isEmpty {
            guard matchesDestination(event.destination) else { return false }
        }
        if !blocklists.isEmpty {
            guard let name = event.blocklist?.name.lowercased(), blocklists.contains(name) else {
                return false
            }
        }
        return true
    }

    /// Whether an event with these properties could pass, whatever its destination, block
    /// list and direction.
    func couldMatch(mta: MTA, kind: EventKind, status: DeliveryStatus, cause: Cause?) -> Bool {
        if !match.mta.isEmpty, !match.mta.contains(mta) { return false }
        if !match.kind.isEmpty, !match.kind.contains(kind) { return false }
        if !match.status.isEmpty, !match.status.contains(status) { return false }
        if !match.cause.isEmpty {
            guard let cause, match.cause.contains(cause) else { return false }
        }
        return true
    }

    private func matchesDestination(_ destination: String) -> Bool {
        guard !destination.isEmpty else { return false }
        if exactDestinations.contains(destination) { return true }
        return destinationSuffixes.contains { destination.hasSuffix($0) }
    }
}
