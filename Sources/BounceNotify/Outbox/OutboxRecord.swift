import BounceCore
import Foundation

/// One pending delivery as stored in the outbox: the notice, and for mail notifiers the message
/// composed when the notice was submitted, so a retry sends the same `Message-ID` and `Date`.
struct OutboxRecord: Codable, Equatable {
    static let currentVersion = 1

    var version = OutboxRecord.currentVersion
    var notifier: String
    /// When it was submitted, epoch seconds of the dispatcher's clock; the maximum age counts
    /// from here.
    var createdAt: Int64
    var notice: StoredNotice
    var message: Data?

    init(notifier: String, createdAt: Int64, notice: AlertNotice, message: [UInt8]?) {
        self.notifier = notifier
        self.createdAt = createdAt
        self.notice = StoredNotice(notice)
        self.message = message.map { Data($0) }
    }
}

/// `AlertNotice` in a form that survives a restart and a newer build: names, not raw values.
struct StoredNotice: Codable, Equatable {
    struct Label: Codable, Equatable {
        var name: String
        var value: String
    }

    struct Count: Codable, Equatable {
        var name: String
        var count: Int
    }

    var rule: String
    var state: String
    var group: [Label]
    var fingerprint: String
    var count: Int
    var ratio: Double?
    var denominator: Int?
    var windowSeconds: Int
    var destinations: [Count]
    var destinationCount: Int
    var cause: String?
    var blocklist: String?
    var delistURL: String?
    var listedIP: String?
    var samples: [String]
    var startedAt: Int64
    var decidedAt: Int64

    init(_ notice: AlertNotice) {
        rule = notice.rule
        state = notice.state.rawValue
        group = notice.group.map { Label(name: $0.name, value: $0.value) }
        fingerprint = notice.fingerprint
        count = notice.count
        ratio = notice.ratio
        denominator = notice.denominator
        windowSeconds = notice.windowSeconds
        destinations = notice.destinations.map { Count(name: $0.name, count: $0.count) }
        destinationCount = notice.destinationCount
        cause = notice.cause?.identifier
        blocklist = notice.blocklist?.name
        delistURL = notice.blocklist?.delistURL
        listedIP = notice.listedIP
        samples = notice.samples
        startedAt = notice.startedAt
        decidedAt = notice.decidedAt
    }

    /// The notice again; an unknown state reads as firing, an unknown cause as none.
    var notice: AlertNotice {
        AlertNotice(
            rule: rule, state: AlertNotice.State(rawValue: state) ?? .firing,
            group: group.map { AlertLabel($0.name, $0.value) }, fingerprint: fingerprint,
            count: count, ratio: ratio, denominator: denominator, windowSeconds: windowSeconds,
            destinations: destinations.map { NamedCount($0.name, $0.count) },
            destinationCount: destinationCount, cause: cause.flatMap { Cause(identifier: $0) },
            blocklist: blocklist.map { Blocklist(name: $0, delistURL: delistURL) },
            listedIP: listedIP, samples: samples, startedAt: startedAt, decidedAt: decidedAt)
    }
}
