/// An `EventMatch` prepared for testing events: destination patterns split into exact names
/// and `*.` suffixes, block list names lower-cased.
struct AlertEventFilter: Sendable {
    let match: EventMatch
    private let destinations: AlertNamePatterns
    private let hosts: AlertNamePatterns
    private let blocklists: [String]
    private let providers: [String]
    private let senderDomains: AlertNamePatterns
    private let saslUsernames: [String]
    /// The directions `match.direction` lets through, as `AlertEventFilter.bit`s (both when the
    /// list is empty).
    let directions: UInt8
    /// Whether no list but the shape's and the direction's is set, so an event of a shape the
    /// engine's tables let through needs only its direction tried. Set after the lists.
    private(set) var onlyDirection = false

    init(_ match: EventMatch) {
        self.match = match
        destinations = AlertNamePatterns(match.destination)
        hosts = AlertNamePatterns(match.host)
        blocklists = match.blocklist.map { $0.lowercased() }
        providers = match.provider.map { $0.lowercased() }
        senderDomains = AlertNamePatterns(match.senderDomain)
        saslUsernames = match.saslUsername
        directions =
            match.direction.isEmpty ? 3 : match.direction.reduce(0) { $0 | Self.bit($1) }
        onlyDirection = !needsText && providers.isEmpty
    }

    /// One bit per direction, for `directions`.
    @inline(__always)
    static func bit(_ direction: TrafficDirection) -> UInt8 {
        direction == .inbound ? 1 : 2
    }

    /// Whether the filter has a provider list.
    var listsProviders: Bool { !providers.isEmpty }

    /// Whether the event passes every non-empty list.
    func matches(_ event: AlertEvent) -> Bool {
        couldMatch(mta: event.mta, kind: event.kind, status: event.status, cause: event.cause)
            && matchesBeyondShape(event)
    }

    private func matchesBeyondShape(_ event: AlertEvent) -> Bool {
        if !match.direction.isEmpty, !match.direction.contains(event.direction) { return false }
        if !destinations.isEmpty, !destinations.matches(event.destination) { return false }
        if !blocklists.isEmpty {
            guard let name = event.blocklist?.name.lowercased(), blocklists.contains(name) else {
                return false
            }
        }
        if !providers.isEmpty, event.provider.isEmpty || !providers.contains(event.provider) {
            return false
        }
        if !hosts.isEmpty, !hosts.matches(event.host) { return false }
        if !senderDomains.isEmpty, !senderDomains.matches(event.senderDomain) { return false }
        if !saslUsernames.isEmpty,
            event.saslUsername.isEmpty || !saslUsernames.contains(event.saslUsername)
        {
            return false
        }
        return true
    }

    /// Whether the event passes every list but the shape's (MTA, kind, status, cause), which
    /// the engine's tables already decided.
    func matchesBeyondShape(_ probe: AlertProbe) -> Bool {
        if let event = probe.decoded { return matchesBeyondShape(event.pointee) }
        // The byte path is taken only when no list needing text is set (`needsText`).
        return !needsText
            && passesWithoutText(
                direction: probe.direction, provider: probe.providerKey?.name ?? "")
    }

    /// Whether some list can only be tried on the decoded event: destinations, hosts, block
    /// lists, or the sender's (the message state's values reach only the decoded event).
    var needsText: Bool {
        !destinations.isEmpty || !hosts.isEmpty || !blocklists.isEmpty || match.listsSender
    }

    /// Whether the event passes the lists that need no decoded text: direction and provider.
    func passesWithoutText(direction: TrafficDirection, provider: String) -> Bool {
        if !match.direction.isEmpty, !match.direction.contains(direction) { return false }
        if !providers.isEmpty, provider.isEmpty || !providers.contains(provider) { return false }
        return true
    }

    /// Whether an event with these properties could pass, whatever its destination, block
    /// list, provider, host and direction.
    func couldMatch(mta: MTA, kind: EventKind, status: DeliveryStatus, cause: Cause?) -> Bool {
        if !match.mta.isEmpty, !match.mta.contains(mta) { return false }
        if !match.kind.isEmpty, !match.kind.contains(kind) { return false }
        if !match.status.isEmpty, !match.status.contains(status) { return false }
        if !match.cause.isEmpty {
            guard let cause, match.cause.contains(cause) else { return false }
        }
        return true
    }
}
