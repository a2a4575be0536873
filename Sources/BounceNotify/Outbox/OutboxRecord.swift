import BounceCore

/// One pending delivery as stored in the outbox: the notice, and for mail notifiers the message
/// composed when the notice was submitted, so a retry sends the same `Message-ID` and `Date`.
///
/// Stored as a JSON object with these property names; `message` is base64, and members that
/// are nil are left out.
struct OutboxRecord: Equatable {
    static let currentVersion = 1

    var version = OutboxRecord.currentVersion
    var notifier: String
    /// When it was submitted, epoch seconds of the dispatcher's clock; the maximum age counts
    /// from here.
    var createdAt: Int64
    var notice: StoredNotice
    var message: [UInt8]?
    /// The envelope recipients of a ready-made mail (the digest's `to:`) when they are not the
    /// notifier's own; records of earlier builds have none.
    var recipients: [String]? = nil

    init(
        notifier: String, createdAt: Int64, notice: AlertNotice, message: [UInt8]?,
        recipients: [String]? = nil
    ) {
        self.notifier = notifier
        self.createdAt = createdAt
        self.notice = StoredNotice(notice)
        self.message = message
        self.recipients = recipients
    }

    /// The record as JSON.
    var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("version", version)
        writer.field("notifier", notifier)
        writer.field("createdAt", Int(createdAt))
        writer.key("notice")
        notice.write(to: &writer)
        if let message { writer.field("message", MailBase64.encode(message)) }
        if let recipients {
            writer.key("recipients")
            writer.beginArray()
            for recipient in recipients { writer.value(recipient) }
            writer.endArray()
        }
        writer.endObject()
        return writer.bytes
    }

    /// The record in `bytes`; nil when they are not one.
    init?(json bytes: [UInt8]) {
        guard let value = try? JSONReader.parse(bytes), let version = value["version"]?.int,
            let notifier = value["notifier"]?.string, let createdAt = value["createdAt"]?.int64,
            let notice = value["notice"].flatMap(StoredNotice.init(json:))
        else { return nil }
        var message: [UInt8]?
        if let text = value["message"], !text.isNull {
            guard let decoded = text.string.flatMap({ MailBase64.decode($0.utf8) }) else {
                return nil
            }
            message = decoded
        }
        if let items = value["recipients"], !items.isNull {
            guard let array = items.array else { return nil }
            var recipients: [String] = []
            for item in array {
                guard let text = item.string else { return nil }
                recipients.append(text)
            }
            self.recipients = recipients
        }
        self.version = version
        self.notifier = notifier
        self.createdAt = createdAt
        self.notice = notice
        self.message = message
    }
}

/// `AlertNotice` in a form that survives a restart and a newer build: names, not raw values.
struct StoredNotice: Equatable {
    struct Label: Equatable {
        var name: String
        var value: String
    }

    struct Count: Equatable {
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
    /// Set on block-list lookup notices only; records of earlier builds have none of them.
    var headline: String? = nil
    var summary: String? = nil
    var details: [Label] = []

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
        headline = notice.headline
        summary = notice.summary
        details = notice.details.map { Label(name: $0.name, value: $0.value) }
    }

    /// The notice again; an unknown state reads as firing, an unknown cause as none.
    var notice: AlertNotice {
        var notice = AlertNotice(
            rule: rule, state: AlertNotice.State(rawValue: state) ?? .firing,
            group: group.map { AlertLabel($0.name, $0.value) }, fingerprint: fingerprint,
            count: count, ratio: ratio, denominator: denominator, windowSeconds: windowSeconds,
            destinations: destinations.map { NamedCount($0.name, $0.count) },
            destinationCount: destinationCount, cause: cause.flatMap { Cause(identifier: $0) },
            blocklist: blocklist.map { Blocklist(name: $0, delistURL: delistURL) },
            listedIP: listedIP, samples: samples, startedAt: startedAt, decidedAt: decidedAt)
        notice.headline = headline
        notice.summary = summary
        notice.details = details.map { AlertLabel($0.name, $0.value) }
        return notice
    }

    /// Writes the notice as a JSON object; nil members are left out.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("rule", rule)
        writer.field("state", state)
        writer.key("group")
        Self.write(group, to: &writer)
        writer.field("fingerprint", fingerprint)
        writer.field("count", count)
        if let ratio {
            writer.key("ratio")
            writer.value(ratio)
        }
        if let denominator { writer.field("denominator", denominator) }
        writer.field("windowSeconds", windowSeconds)
        writer.key("destinations")
        writer.beginArray()
        for destination in destinations {
            writer.beginObject()
            writer.field("name", destination.name)
            writer.field("count", destination.count)
            writer.endObject()
        }
        writer.endArray()
        writer.field("destinationCount", destinationCount)
        for (name, text) in [
            ("cause", cause), ("blocklist", blocklist), ("delistURL", delistURL),
            ("listedIP", listedIP),
        ] {
            if let text { writer.field(name, text) }
        }
        writer.key("samples")
        writer.beginArray()
        for sample in samples { writer.value(sample) }
        writer.endArray()
        writer.field("startedAt", Int(startedAt))
        writer.field("decidedAt", Int(decidedAt))
        if let headline { writer.field("headline", headline) }
        if let summary { writer.field("summary", summary) }
        if !details.isEmpty {
            writer.key("details")
            Self.write(details, to: &writer)
        }
        writer.endObject()
    }

    private static func write(_ labels: [Label], to writer: inout JSONWriter) {
        writer.beginArray()
        for label in labels {
            writer.beginObject()
            writer.field("name", label.name)
            writer.field("value", label.value)
            writer.endObject()
        }
        writer.endArray()
    }

    /// Labels in a JSON array of `{name, value}` objects; nil when one is not.
    private static func labels(_ items: [JSONValue]) -> [Label]? {
        var labels: [Label] = []
        for item in items {
            guard let name = item["name"]?.string, let text = item["value"]?.string else {
                return nil
            }
            labels.append(Label(name: name, value: text))
        }
        return labels
    }

    /// The notice in a JSON object as `write(to:)` (or an earlier build) wrote it; nil when a
    /// required member is missing or of the wrong kind.
    init?(json value: JSONValue) {
        guard let rule = value["rule"]?.string, let state = value["state"]?.string,
            let groupItems = value["group"]?.array,
            let fingerprint = value["fingerprint"]?.string, let count = value["count"]?.int,
            let windowSeconds = value["windowSeconds"]?.int,
            let destinationItems = value["destinations"]?.array,
            let destinationCount = value["destinationCount"]?.int,
            let sampleItems = value["samples"]?.array,
            let startedAt = value["startedAt"]?.int64, let decidedAt = value["decidedAt"]?.int64
        else { return nil }
        guard let group = Self.labels(groupItems) else { return nil }
        var destinations: [Count] = []
        for item in destinationItems {
            guard let name = item["name"]?.string, let count = item["count"]?.int else {
                return nil
            }
            destinations.append(Count(name: name, count: count))
        }
        var samples: [String] = []
        for item in sampleItems {
            guard let sample = item.string else { return nil }
            samples.append(sample)
        }
        func optional<T>(_ name: String, _ read: (JSONValue) -> T?) -> T?? {
            guard let member = value[name], !member.isNull else { return .some(nil) }
            return read(member).map { .some($0) }
        }
        guard let ratio = optional("ratio", { $0.double }),
            let denominator = optional("denominator", { $0.int }),
            let cause = optional("cause", { $0.string }),
            let blocklist = optional("blocklist", { $0.string }),
            let delistURL = optional("delistURL", { $0.string }),
            let listedIP = optional("listedIP", { $0.string }),
            let headline = optional("headline", { $0.string }),
            let summary = optional("summary", { $0.string }),
            let details = optional("details", { $0.array.flatMap(Self.labels) })
        else { return nil }
        self.rule = rule
        self.state = state
        self.group = group
        self.fingerprint = fingerprint
        self.count = count
        self.ratio = ratio
        self.denominator = denominator
        self.windowSeconds = windowSeconds
        self.destinations = destinations
        self.destinationCount = destinationCount
        self.cause = cause
        self.blocklist = blocklist
        self.delistURL = delistURL
        self.listedIP = listedIP
        self.samples = samples
        self.startedAt = startedAt
        self.decidedAt = decidedAt
        self.headline = headline
        self.summary = summary
        self.details = details ?? []
    }
}
