/// What the engine remembers of one matching event, for the evidence in a notice.
struct AlertMatchRecord: Sendable, Equatable {
    var time: Int64
    var destination: String
    var cause: Cause?
    var status: DeliveryStatus
    var kind: EventKind
    var direction: TrafficDirection
    var blocklist: Blocklist?
    var listedIP: String?
    /// The delivery's provider and the line's syslog host; empty when unknown.
    var provider = ""
    var host = ""

    // No initialiser in the body, so the memberwise one stays: it builds the record in
    // place, where an explicit one built it aside and copied it whole into the ring.
}

extension AlertMatchRecord {
    /// The record of the event `event` points to, its texts cut to the engine's limits.
    init(_ event: UnsafePointer<AlertEvent>) {
        self.init(
            time: event.pointee.time,
            destination: UTF8Prefix.string(
                event.pointee.destination, atMost: AlertLimits.textBytes),
            cause: event.pointee.cause, status: event.pointee.status, kind: event.pointee.kind,
            direction: event.pointee.direction,
            blocklist: event.pointee.blocklist.map {
                Blocklist(
                    name: UTF8Prefix.string($0.name, atMost: AlertLimits.textBytes),
                    delistURL: $0.delistURL.map {
                        UTF8Prefix.string($0, atMost: AlertLimits.textBytes)
                    })
            },
            listedIP: event.pointee.listedIP.map {
                UTF8Prefix.string($0, atMost: AlertLimits.textBytes)
            },
            provider: UTF8Prefix.string(event.pointee.provider, atMost: AlertLimits.textBytes),
            host: UTF8Prefix.string(event.pointee.host, atMost: AlertLimits.textBytes))
    }
}

/// The most recent matching events of a group, a ring of at most `AlertLimits.recentMatches`.
struct AlertRecentMatches: Sendable, Equatable {
    private(set) var records: [AlertMatchRecord] = []
    private var next = 0

    /// The position in `records` of the record appended last; nil when none is, and after
    /// `removeAll` (which keeps the ring's order, not the order of appending).
    private(set) var newestPosition: Int?

    /// The destination (only with `destination`) and host (only with `host`) of the record
    /// appended last, each when it equals the event's (`AlertProbe.isDestination`, `isHost`),
    /// else nil; nil too while `newestPosition` is. Compared in place: read from outside,
    /// `records[position]` copied the whole record out, and a value that differs is not copied
    /// at all.
    func newestValues(equalTo probe: AlertProbe, destination compared: Bool, host: Bool = true)
        -> (destination: String?, host: String?)
    {
        guard let newestPosition else { return (nil, nil) }
        let destination =
            compared && probe.isDestination(records[newestPosition].destination)
            ? records[newestPosition].destination : nil
        let host =
            host && probe.isHost(records[newestPosition].host) ? records[newestPosition].host : nil
        return (destination, host)
    }

    /// The host of the record appended last, read in place; empty while `newestPosition` is
    /// nil.
    var newestHost: String {
        guard let newestPosition else { return "" }
        return records[newestPosition].host
    }

    /// The records a group's first matching event makes room for.
    private static let firstCapacity = 4

    mutating func append(_ record: consuming AlertMatchRecord) {
        if records.count < AlertLimits.recentMatches {
            // Most groups of a log with many destinations see a few matching events and go:
            // room for four at once spares growing the array by one, two and four.
            if records.isEmpty { records.reserveCapacity(Self.firstCapacity) }
            records.append(record)
            newestPosition = records.count - 1
        } else {
            records[next] = record
            newestPosition = next
            next = (next + 1) % records.count
        }
    }

    /// Forgets records, e.g. those stamped far in the future.
    mutating func removeAll(where shouldRemove: (AlertMatchRecord) -> Bool) {
        records.removeAll(where: shouldRemove)
        next = 0
        newestPosition = nil
    }
}

extension AlertRecentMatches {
    /// Equal when the same records sit in the same ring; which was appended last is a hint.
    static func == (left: AlertRecentMatches, right: AlertRecentMatches) -> Bool {
        left.records == right.records && left.next == right.next
    }
}

/// The bounds that keep the engine's memory and checkpoint small whatever the log holds.
public enum AlertLimits {
    /// Groups tracked per rule; when full, the quiet group with the fewest events in its window
    /// makes room, and when every group is pending or firing the event is dropped and counted.
    public static let groupsPerRule = 2048
    /// Matching events remembered per group for destinations, causes, block list and IP.
    public static let recentMatches = 64
    /// Sample log lines per group.
    public static let samples = 3
    /// The longest sample line kept, in UTF-8 bytes.
    public static let lineBytes = 2048
    /// The longest destination, block list name, delisting URL or IP kept, in UTF-8 bytes.
    public static let textBytes = 255
}
