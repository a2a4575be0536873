/// The counters of one digest period in the daemon: exactly what a `Digest` reads of a
/// `ScanReport`, and nothing else, so that they fit in the checkpoint.
///
/// `report()` builds the same `ScanReport` fields `ScanAggregator` builds from the same events
/// (same limits, same order, same samples), so the daemon's digest and `bouncewatch digest`
/// over the same period render the same bytes. Memory is bounded: at most `domainLimit`
/// destination domains, `clientLimit` client IPs per table, `blocklistLimit` block lists and
/// `shapeLimit` reply shapes are kept; past those, new names count in the totals only (scan's
/// own tables are exact up to the same sizes).
public struct DigestTally: Sendable, Equatable {
    static let domainLimit = ScanAggregator.minimumDomainCapacity
    static let clientLimit = ScanAggregator.clientCapacity
    static let blocklistLimit = ScanAggregator.blocklistLimit
    static let listedIPLimit = ScanAggregator.listedIPLimit
    static let shapeLimit = 1024
    static let statusCount = DeliveryStatus.allCases.count
    static let causeCount = Cause.allCases.count

    /// A destination domain's or a provider's deliveries: by status, and failures by cause.
    struct Row: Sendable, Equatable {
        var statuses = [Int](repeating: 0, count: DigestTally.statusCount)
        var failuresByCause = [Int](repeating: 0, count: DigestTally.causeCount)
    }

    /// A block list that named us.
    struct ListRow: Sendable, Equatable {
        var delistURL: String?
        var hits = 0
        var listedIPs: Set<String> = []
    }

    /// A reply shape with its count and first example.
    struct ShapeRow: Sendable, Equatable {
        var count = 0
        var example: String
    }

    var deliveries = [Int](repeating: 0, count: statusCount)
    /// Classified events by cause, then status.
    var causeStatus = [Int](repeating: 0, count: causeCount * statusCount)
    var samples = [String?](repeating: nil, count: causeCount)
    var providers: [String: Row] = [:]
    var domains: [String: Row] = [:]
    var rejects = 0
    var rejectClients: [String: Int] = [:]
    var authFailures = 0
    var authClients: [String: Int] = [:]
    var blocklists: [String: ListRow] = [:]
    var unclassified = 0
    var shapes: [String: ShapeRow] = [:]

    public init() {}

    /// True when nothing was counted.
    public var isEmpty: Bool { self == DigestTally() }

    /// Counts one event as `ScanAggregator.add` does; `provider` is the delivery's provider
    /// name (nil when unknown).
    public mutating func add(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        provider: String?
    ) {
        let cause = event.countedCause(classification)
        let status = Int(event.status.rawValue)
        if let cause {
            let index = Int(cause.rawValue)
            if cause == .unclassified { addShape(event.reply.slice(of: line)) }
            causeStatus[index * Self.statusCount + status] += 1
            if samples[index] == nil, !event.reply.isEmpty {
                samples[index] = Self.sample(event, in: line)
            }
        }
        switch event.kind {
        case .delivery:
            deliveries[status] += 1
            if let provider { providers[provider, default: Row()].add(status, cause) }
            if !event.domain.isEmpty {
                let domain = Self.lowered(event.domain.slice(of: line), limit: 255)
                if domains[domain] != nil || domains.count < Self.domainLimit {
                    domains[domain, default: Row()].add(status, cause)
                }
            }
            if let blocklist = classification?.blocklist {
                addBlocklistHit(blocklist, classification: classification, line: line)
            }
        case .reject:
            rejects += 1
            if !event.clientIP.isEmpty { Self.count(event.clientIP, line, in: &rejectClients) }
        case .authFailure:
            guard event.direction == .inbound else { break }
            authFailures += 1
            if !event.clientIP.isEmpty { Self.count(event.clientIP, line, in: &authClients) }
        }
    }

    private mutating func addShape(_ reply: UnsafeBufferPointer<UInt8>) {
        unclassified += 1
        var scratch = [UInt8](repeating: 0, count: ShapeTally.shapeLimit)
        let length = scratch.withUnsafeMutableBufferPointer { buffer in
            ReplyShape.write(reply, into: buffer.baseAddress!, capacity: buffer.count)
        }
        // Lower-cased, as `ShapeTally`'s table keeps its shapes.
        let shape = String(decoding: scratch[..<length].map(ByteScan.lower), as: UTF8.self)
        if shapes[shape] == nil {
            guard shapes.count < Self.shapeLimit else { return }
            shapes[shape] = ShapeRow(
                example: UTF8Prefix.string(
                    UTF8Prefix.string(reply, atMost: ShapeTally.exampleLimit),
                    atMost: ShapeTally.exampleLimit))
        }
        shapes[shape]?.count += 1
    }

    private mutating func addBlocklistHit(
        _ blocklist: Blocklist, classification: Classification?, line: UnsafeBufferPointer<UInt8>
    ) {
        var name = blocklist.name
        if blocklists[name] == nil, blocklists.count >= Self.blocklistLimit { name = "other" }
        if blocklists[name] == nil {
            blocklists[name] = ListRow(delistURL: name == "other" ? nil : blocklist.delistURL)
        }
        blocklists[name]?.hits += 1
        let listed = classification?.listedIP ?? .none
        if !listed.isEmpty, let count = blocklists[name]?.listedIPs.count,
            count < Self.listedIPLimit
        {
            blocklists[name]?.listedIPs.insert(
                UTF8Prefix.string(listed.slice(of: line), atMost: 64))
        }
    }

    private static func count(
        _ range: ByteRange, _ line: UnsafeBufferPointer<UInt8>, in table: inout [String: Int]
    ) {
        let key = lowered(range.slice(of: line), limit: ScanAggregator.clientKeyLimit)
        guard table[key] != nil || table.count < clientLimit else { return }
        table[key, default: 0] += 1
    }

    /// The first `limit` bytes ASCII lower-cased, as `SpaceSavingTable` keeps its keys.
    static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        let count = Swift.min(bytes.count, limit)
        // Written in place: no array between the line and the key (ill-formed UTF-8 is
        // repaired as `String(decoding:)` repairs it).
        return String(unsafeUninitializedCapacity: count) { target in
            for index in 0..<count { target[index] = ByteScan.lower(bytes[index]) }
            return count
        }
    }

    /// The sample reply `ScanAggregator` keeps for a cause.
    static func sample(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> String {
        let limit = ScanAggregator.sampleReplyLimit
        let reply = event.reply.slice(of: line)
        if event.kind == .authFailure, !event.replyIsRemote,
            let text = AuthFailureSample.text(line, reply: event.reply)
        {
            return UTF8Prefix.string(text, atMost: limit)
        }
        return UTF8Prefix.string(UTF8Prefix.string(reply, atMost: limit), atMost: limit)
    }
}

extension DigestTally.Row {
    mutating func add(_ status: Int, _ cause: Cause?) {
        statuses[status] += 1
        if let cause, status != Int(DeliveryStatus.sent.rawValue) {
            failuresByCause[Int(cause.rawValue)] += 1
        }
    }

    var counts: StatusCounts {
        var counts = StatusCounts()
        for status in DeliveryStatus.allCases { counts[status] = statuses[Int(status.rawValue)] }
        return counts
    }

    /// As `ScanAggregator.destination(named:cells:)` names them: the three largest causes of
    /// failure, ties in declaration order.
    func summary(named name: String) -> DestinationSummary {
        let main = Cause.allCases.filter { failuresByCause[Int($0.rawValue)] > 0 }
            .map { CauseCount($0, failuresByCause[Int($0.rawValue)]) }
            .sorted { $0.count > $1.count }
            .prefix(3)
        return DestinationSummary(name: name, counts: counts, mainCauses: Array(main))
    }
}
