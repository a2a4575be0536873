/// Decides, from classified events, which alerts to send and when.
///
/// Feed it every event with `observe` (cheap when no rule can match; ask `wants` first to skip
/// decoding), then call `evaluate(now:)` regularly with the wall clock. Windows slide over the
/// events' own times but are judged at `now`, so events older than a window count nowhere that
/// could fire: reading last week's log never mails about last week. docs/alerts.md has the
/// semantics.
///
/// The clock windows are judged at never goes back: it is the larger of the `now` given and
/// the last evaluation's. A wall clock stepped back (an NTP correction, a restored virtual
/// machine) would otherwise put counted events in the future, resolve alerts that still hold
/// and fire them again when the clock catches up, or forget the events altogether.
public struct AlertEngine: Sendable {
    var states: [AlertRuleState]
    /// Per rule, in the same order: which groups may have notices of their own.
    var ceilings: [AlertNoticeCeiling]
    /// The time of the last evaluation; `Int64.min` before the first.
    public private(set) var evaluationClock: Int64 = .min
    /// `wants` answers, indexed by `wantIndex`.
    private var wanted: [Bool]
    /// `keepsLine` answers, indexed the same way.
    private var sampled: [Bool]
    /// Per event shape (indexed like `wanted`), the rules that could count it: positions into
    /// `shapeRules` from `shapeStarts[shape]` up to `shapeStarts[shape + 1]`. A sent delivery
    /// then visits only the ratio rule it is a denominator of, not every rule.
    private var shapeStarts: [Int32]
    private var shapeRules: [Int32]
    /// Whether some rule groups by destination, so an event's destination is hashed (once).
    private let groupsByDestination: Bool

    /// An engine with no state.
    public init(rules: [AlertRule]) {
        states = rules.map(AlertRuleState.init)
        ceilings = Array(repeating: AlertNoticeCeiling(), count: rules.count)
        groupsByDestination = rules.contains {
            $0.groupBy.contains(.destination) || $0.groupBy.contains(.providerOrDestination)
        }
        wanted = []
        sampled = []
        shapeStarts = []
        shapeRules = []
        (shapeStarts, shapeRules) = Self.ruleLists(states)
        wanted = zip(shapeStarts, shapeStarts.dropFirst()).map { $0 < $1 }
        sampled = Self.table(states) {
            $0.filter.couldMatch(mta: $1, kind: $2, status: $3, cause: $4)
        }
    }

    /// Takes over `previous`'s evaluation clock when it is later (an engine rebuilt for new
    /// rules keeps a clock that never went back).
    public mutating func continueClock(of previous: AlertEngine) {
        evaluationClock = max(evaluationClock, previous.evaluationClock)
    }

    /// The rules, in configuration order.
    public var rules: [AlertRule] { states.map(\.rule) }

    /// Counts one event (its `time` is the log's time). Cheap for events no rule matches.
    public mutating func observe(_ event: AlertEvent) {
        let shape = Self.wantIndex(
            mta: event.mta, kind: event.kind, status: event.status, cause: event.cause)
        guard wanted[shape] else { return }
        let destinationHash =
            groupsByDestination && !event.destination.isEmpty
            ? AlertGroupHash.of(UTF8Prefix.string(event.destination, atMost: AlertLimits.textBytes))
            : 0
        for position in Int(shapeStarts[shape])..<Int(shapeStarts[shape + 1]) {
            states[Int(shapeRules[position])].observe(event, destinationHash: destinationHash)
        }
    }

    /// Counts one parsed event whose byte ranges point into `line`, at `time` (the log's time):
    /// decoded into an `AlertEvent` only when some rule could count it, its line kept only
    /// when it could become a sample (`keepsLine`). One call, so a caller holding the engine
    /// in a class reaches it in place rather than through a copy per question.
    ///
    /// `provider` is the name of the delivery's provider (`ProviderTable.decide`), empty when
    /// none is known.
    public mutating func observe(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        time: Int64, provider: String = ""
    ) {
        let cause = event.countedCause(classification)
        let shape = Self.wantIndex(
            mta: event.mta, kind: event.kind, status: event.status, cause: cause)
        guard wanted[shape] else { return }
        observe(
            AlertEvent(
                event, classification, in: line, time: time, keepingLine: sampled[shape],
                provider: provider))
    }

    /// Decides what to send at `now` (epoch seconds): new alerts after their group wait,
    /// repeats after repeat_interval while firing, resolved notices when a firing alert's
    /// condition stops holding. A `now` before the last evaluation's is taken as that one.
    ///
    /// Notices marked `isSuppressed` are not to be sent, only counted: their rule already has
    /// `AlertNoticeCeiling.groupsPerRule` groups with notices of their own, and a summary
    /// notice (with `overflow` set) stands for them.
    public mutating func evaluate(now wallClock: Int64) -> [AlertNotice] {
        let now = max(wallClock, evaluationClock)
        evaluationClock = now
        var notices: [AlertNotice] = []
        for index in states.indices {
            var due: [AlertNotice] = []
            states[index].evaluate(now: now, into: &due)
            notices += ceilings[index].apply(
                due, rule: states[index].rule, firingGroups: states[index].firingGroups, now: now)
        }
        return notices
    }

    /// Firing groups per rule name, for `bouncewatch_alerts_firing{rule}`; every rule is
    /// present, with 0 when nothing fires.
    public var firing: [String: Int] {
        var counts: [String: Int] = [:]
        for state in states { counts[state.rule.name, default: 0] += state.firingGroups }
        return counts
    }

    /// True when, at the last evaluation, some alert was waiting out its group wait (to be
    /// sent, or to be resolved): the caller should evaluate again within a second or so
    /// rather than at its next regular step, so the wait is what the rule says.
    public var isWaiting: Bool { states.contains { $0.waitingGroups > 0 } }

    /// Events not counted because their rule already tracks `AlertLimits.groupsPerRule` groups
    /// and none could make room (all pending or firing), or the event would only have counted
    /// towards a ratio's denominator in a new group.
    public var droppedEvents: Int { states.reduce(0) { $0 + $1.droppedEvents } }

    /// Events not counted because they are more than a window older than what their group
    /// already counted (reading far out of order).
    public var staleEvents: Int { states.reduce(0) { $0 + $1.staleEvents } }

    /// True when some rule could match an event with these properties, so the daemon decodes
    /// an AlertEvent only then.
    public func wants(mta: MTA, kind: EventKind, status: DeliveryStatus, cause: Cause?) -> Bool {
        wanted[Self.wantIndex(mta: mta, kind: kind, status: status, cause: cause)]
    }

    /// True when some rule's `match` (not only a ratio's `ratio_of`) could take an event with
    /// these properties, so its log line may become a sample: only then is the line worth
    /// copying into the `AlertEvent`.
    public func keepsLine(mta: MTA, kind: EventKind, status: DeliveryStatus, cause: Cause?) -> Bool
    {
        sampled[Self.wantIndex(mta: mta, kind: kind, status: status, cause: cause)]
    }

    private static func wantIndex(
        mta: MTA, kind: EventKind, status: DeliveryStatus, cause: Cause?
    ) -> Int {
        let causes = Cause.allCases.count + 1
        let statuses = DeliveryStatus.allCases.count
        let kinds = EventKind.allCases.count
        let causeIndex = cause.map { Int($0.rawValue) + 1 } ?? 0
        return
            ((Int(mta.rawValue) * kinds + Int(kind.rawValue)) * statuses
            + Int(status.rawValue)) * causes + causeIndex
    }

    /// For every combination of properties (in `wantIndex` order), the rules whose state
    /// could count such an event, as start positions and the concatenated rule indices.
    private static func ruleLists(_ states: [AlertRuleState]) -> ([Int32], [Int32]) {
        var starts: [Int32] = []
        var rules: [Int32] = []
        let causes: [Cause?] = [nil] + Cause.allCases.map { $0 }
        var shapes: [(Int, [Int32])] = []
        for mta in MTA.allCases {
            for kind in EventKind.allCases {
                for status in DeliveryStatus.allCases {
                    for cause in causes {
                        let matching = states.indices.filter {
                            states[$0].couldMatch(
                                mta: mta, kind: kind, status: status, cause: cause)
                        }
                        shapes.append(
                            (
                                wantIndex(mta: mta, kind: kind, status: status, cause: cause),
                                matching.map { Int32($0) }
                            ))
                    }
                }
            }
        }
        for (_, matching) in shapes.sorted(by: { $0.0 < $1.0 }) {
            starts.append(Int32(rules.count))
            rules += matching
        }
        starts.append(Int32(rules.count))
        return (starts, rules)
    }

    /// `decides` for every combination of properties, true when some rule's state says yes.
    private static func table(
        _ states: [AlertRuleState],
        _ decides: (AlertRuleState, MTA, EventKind, DeliveryStatus, Cause?) -> Bool
    ) -> [Bool] {
        let size =
            MTA.allCases.count * EventKind.allCases.count * DeliveryStatus.allCases.count
            * (Cause.allCases.count + 1)
        var table = Array(repeating: false, count: size)
        let causes: [Cause?] = [nil] + Cause.allCases.map { $0 }
        for mta in MTA.allCases {
            for kind in EventKind.allCases {
                for status in DeliveryStatus.allCases {
                    for cause in causes {
                        table[wantIndex(mta: mta, kind: kind, status: status, cause: cause)] =
                            states.contains { decides($0, mta, kind, status, cause) }
                    }
                }
            }
        }
        return table
    }
}
