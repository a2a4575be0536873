/// One notification the alert engine decided to send: an alert that starts, repeats or ends.
public struct AlertNotice: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        case firing
        case resolved
    }

    /// The rule's name (`blacklisted`).
    public var rule: String
    public var state: State
    /// The group this alert is about, in the rule's `group_by` order (`blocklist` =
    /// `zen.spamhaus.org`); empty for an ungrouped rule.
    public var group: [AlertLabel]
    /// A stable id for this rule and group, the same on every notice of one incident.
    public var fingerprint: String
    /// Matching events in the window when decided.
    public var count: Int
    /// For ratio rules: the ratio and its denominator.
    public var ratio: Double?
    public var denominator: Int?
    public var windowSeconds: Int
    /// The most frequent destinations among the matching events, most first.
    public var destinations: [NamedCount]
    /// How many distinct destinations the matching events went to (at least `destinations.count`).
    public var destinationCount: Int
    /// The cause when every matching event had the same one.
    public var cause: Cause?
    public var blocklist: Blocklist?
    public var listedIP: String?
    /// Up to three log lines of matching events, untrusted text.
    public var samples: [String]
    /// When the incident began (first notice), and when this notice was decided, epoch seconds.
    public var startedAt: Int64
    public var decidedAt: Int64
    /// The rule's threshold (a count, or a ratio between 0 and 1) and, for ratio rules, its
    /// `min_events`, so a mail can say what was crossed.
    public var threshold: Double = 0
    public var minEvents: Int = 0
    /// The status, kind and direction when every matching event had the same one.
    public var status: DeliveryStatus? = nil
    public var kind: EventKind? = nil
    public var direction: TrafficDirection? = nil
    /// The most frequent causes among the matching events, most first.
    public var causes: [CauseCount] = []
    /// How many matching events the destinations, causes and samples were taken from, when
    /// that is fewer than `count` (the engine keeps a bounded number per group); nil when all.
    public var evidenceCount: Int? = nil
    /// True for a reminder that an alert already sent is still firing.
    public var isRepeat: Bool = false
    /// Set on the summary notice a rule sends when more groups fire than it may mail about;
    /// the notice then stands for many groups (`group` is empty). See `AlertNoticeCeiling`.
    public var overflow: AlertOverflow? = nil
    /// True for a notice held back by that ceiling: not to be sent, only counted
    /// (`bouncewatch_notifications_total{result="suppressed"}`).
    public var isSuppressed: Bool = false
    /// The most frequent providers of the matching deliveries, most first.
    public var providers: [NamedCount] = []
    /// The syslog hosts (the MTAs) the matching events came from, most first, and how many
    /// there were (at least `hosts.count`).
    public var hosts: [NamedCount] = []
    public var hostCount: Int = 0
    /// What the subject and the first body line say instead of the words derived from the
    /// rule's counts (a block-list lookup's `203.0.113.5 listed on Spamhaus ZEN`); fixed
    /// words and cleaned values only. Nil for notices of counting rules.
    public var headline: String? = nil
    /// The body's first paragraph instead of the count sentence; nil for counting rules.
    public var summary: String? = nil
    /// Extra `Label: value` rows in the body's evidence (a lookup's return codes, how long a
    /// listing has lasted, whether a lookup confirms a bounce's claim).
    public var details: [AlertLabel] = []

    public init(
        rule: String, state: State, group: [AlertLabel], fingerprint: String, count: Int,
        ratio: Double? = nil, denominator: Int? = nil, windowSeconds: Int,
        destinations: [NamedCount] = [], destinationCount: Int = 0, cause: Cause? = nil,
        blocklist: Blocklist? = nil, listedIP: String? = nil, samples: [String] = [],
        startedAt: Int64, decidedAt: Int64
    ) {
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
        self.listedIP = listedIP
        self.samples = samples
        self.startedAt = startedAt
        self.decidedAt = decidedAt
    }
}

/// One `group_by` value of an alert.
public struct AlertLabel: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
