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
    /// Per event shape (indexed like `wanted`), the rules that could count it: entries of
    /// `shapeRules` from `shapeStarts[shape]` up to `shapeStarts[shape + 1]`, each a rule's
    /// index shifted left by two, bit 0 set when the rule's `match` could take the shape and
    /// bit 1 when its `ratio_of` could. A sent delivery then visits only the ratio rule it is a
    /// denominator of, not every rule.
    private var shapeStarts: [Int32]
    private var shapeRules: [Int32]
    /// Per shape and direction (`textIndex`), whether a rule that could count such an event
    /// has a list only the decoded text can answer (destinations, hosts, block lists) or
    /// groups by block list: such events are decoded. By direction, so the inbound rejects
    /// naming a block list are not decoded for a rule that looks at outbound mail only.
    private var textShapes: [Bool]
    /// Per shape, the directions (`AlertEventFilter.bit`) for which a rule visited has a
    /// `match` without a provider list that takes the shape: `someMatch` answers those at once.
    private var matchDirections: [UInt8]
    /// Per shape, whether a rule visited has a `match` with a provider list taking the shape.
    private var providerShapes: [Bool]
    /// The group value hashes some rule needs.
    private let hashes: AlertProbe.Hashes
    /// Per shape, the hashes the rules that could count it need (for the byte path).
    private var shapeHashes: [AlertProbe.Hashes] = []
    /// Each provider name's group values and hashes, worked out once.
    private var providerKeys = AlertProviderKeys()
    /// Whether some rule's `match` or `group_by` reads the message's sender: only then does a
    /// decoded event carry it.
    private let usesSender: Bool
    /// The built-in `compromised-account` alert; nil when it is switched off.
    var accounts: AccountWatch?

    /// An engine with no state; `accounts` are the `compromised-account` alert's thresholds,
    /// nil for none.
    public init(rules: [AlertRule], accounts: CompromisedAccountConfig? = nil) {
        states = rules.map(AlertRuleState.init)
        self.accounts = accounts.map(AccountWatch.init)
        usesSender = rules.contains { rule in
            rule.groupBy.contains(where: \.isSender) || rule.match.listsSender
                || rule.ratioOf?.listsSender == true
        }
        ceilings = Array(repeating: AlertNoticeCeiling(), count: rules.count)
        hashes = Self.hashes(rules)
        wanted = []
        sampled = []
        shapeStarts = []
        shapeRules = []
        textShapes = []
        matchDirections = []
        providerShapes = []
        // What the tables ask of each rule, read once: a rule state is large, and copying one
        // per rule and shape made the start-up cost tens of millions of instructions.
        let matchMasks = states.map { AlertShapeMask($0.filter.match) }
        let ratioMasks = states.map { $0.denominatorFilter.map { AlertShapeMask($0.match) } }
        let needsCause = states.map { $0.rule.groupBy.contains(.cause) }
        // Groups only a decoded event can name: by block list, or by the message's sender.
        let decodedGroups = states.map {
            $0.rule.groupBy.contains { $0 == .blocklist || $0.isSender }
        }
        let matchBits = states.map(\.filter.directions)
        let ratioBits = states.map { $0.denominatorFilter?.directions ?? 0 }
        let matchText = states.map(\.filter.needsText)
        let ratioText = states.map { $0.denominatorFilter?.needsText == true }
        let listsProviders = states.map(\.filter.listsProviders)
        let ruleHashes = rules.map { Self.hashes([$0], providerAware: true) }
        (shapeStarts, shapeRules) = Self.ruleLists(
            match: matchMasks, ratio: ratioMasks, needsCause: needsCause)
        for shape in 0..<shapeStarts.count - 1 {
            let entries = shapeRules[Int(shapeStarts[shape])..<Int(shapeStarts[shape + 1])]
            for direction in TrafficDirection.allCases {
                let bit = AlertEventFilter.bit(direction)
                textShapes.append(
                    entries.contains { entry in
                        let rule = Int(entry >> 2)
                        let matches = entry & 1 != 0 && matchBits[rule] & bit != 0
                        let counts = entry & 2 != 0 && ratioBits[rule] & bit != 0
                        return (matches || counts) && decodedGroups[rule]
                            || (matches && matchText[rule]) || (counts && ratioText[rule])
                    })
            }
            shapeHashes.append(
                entries.reduce(into: []) { $0.formUnion(ruleHashes[Int($1 >> 2)]) })
            var directions: UInt8 = 0
            var providers = false
            for entry in entries where entry & 1 != 0 {
                let rule = Int(entry >> 2)
                if listsProviders[rule] {
                    providers = true
                } else {
                    directions |= matchBits[rule]
                }
            }
            matchDirections.append(directions)
            providerShapes.append(providers)
        }
        wanted = zip(shapeStarts, shapeStarts.dropFirst()).map { $0 < $1 }
        sampled = Self.table(matchMasks)
    }

    /// Takes over `previous`'s evaluation clock when it is later (an engine rebuilt for new
    /// rules keeps a clock that never went back).
    public mutating func continueClock(of previous: AlertEngine) {
        evaluationClock = max(evaluationClock, previous.evaluationClock)
    }

    /// The rules, in configuration order.
    public var rules: [AlertRule] { states.map(\.rule) }

    /// Counts one event (its `time` is the log's time). Cheap for events no rule matches.
    /// The event's sender values count for the rules' `match` and `group_by`; the
    /// `compromised-account` alert counts only events observed from their line, which name
    /// the recipient.
    public mutating func observe(_ event: AlertEvent) {
        let shape = Self.wantIndex(
            mta: event.mta, kind: event.kind, status: event.status, cause: event.cause)
        guard wanted[shape] else { return }
        // Unretained: `providerKeys` holds it while the event is counted.
        let provider = event.provider.isEmpty ? nil : providerKeys.key(for: event.provider)
        var event = event
        withUnsafePointer(to: &event) {
            count(AlertProbe($0, provider: provider, hashes: hashes), shape: shape)
        }
    }

    /// Counts one parsed event whose byte ranges point into `line`, at `time` (the log's time).
    ///
    /// An event is counted from its bytes, nothing decoded, when its destination and host are
    /// ASCII and no rule visited needs the decoded text (destination, host or block list
    /// lists, a block list `group_by`): a delivery that only counts towards a ratio's
    /// denominator allocates nothing, and one some `match` takes builds only what its group
    /// remembers (`AlertProbe.matchRecord`, the sample line, an `AlertListing` when it names a
    /// block list or a listed address). Other events are decoded into an `AlertEvent` once for all
    /// rules, the line kept only when it could become a sample (`keepsLine`). One call, so a
    /// caller holding the engine in a class reaches it in place rather than through a copy per
    /// question.
    ///
    /// `provider` is the name of the delivery's provider (`ProviderTable.decide`), empty when
    /// none is known. `sender` is who sent the delivery's message, when the message state
    /// knows it: the `compromised-account` alert counts the delivery for its account, and
    /// rules with a sender in their `match` or `group_by` read it from the decoded event.
    public mutating func observe(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        time: Int64, provider: String = "", sender: MessageSender? = nil
    ) {
        // Without a sender (every event until the message state hands them over) the path is
        // the one without the parameter: an optional of four strings copied or bound per
        // event cost a few million instructions per 100,000 lines.
        guard case .none = sender else {
            observe(event, classification, in: line, time: time, provider: provider, from: sender)
            return
        }
        observe(event, classification, in: line, time: time, provider: provider, borrowing: nil)
    }

    /// `observe` for an event whose sender is known: counted for its account, then as any
    /// other, the sender handed to the decoded event when some rule reads it. Out of line, so
    /// the path without one stays as small as it was.
    @inline(never)
    private mutating func observe(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        time: Int64, provider: String, from sender: MessageSender?
    ) {
        guard let sender else { return }
        if event.kind == .delivery, event.direction == .outbound {
            accounts?.observe(
                status: event.status, cause: event.countedCause(classification), time: time,
                sender: sender, recipient: event.recipient.slice(of: line),
                destination: event.domain.slice(of: line), line: line)
        }
        guard usesSender else {
            observe(event, classification, in: line, time: time, provider: provider, borrowing: nil)
            return
        }
        withUnsafePointer(to: sender) {
            observe(event, classification, in: line, time: time, provider: provider, borrowing: $0)
        }
    }

    /// The counting of `observe`, with the sender (borrowed for the call) when some rule
    /// reads it.
    @inline(__always)
    private mutating func observe(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        time: Int64, provider: String, borrowing sender: UnsafePointer<MessageSender>?
    ) {
        let cause = event.countedCause(classification)
        let shape = Self.wantIndex(
            mta: event.mta, kind: event.kind, status: event.status, cause: cause)
        guard wanted[shape] else { return }
        // Unretained, as the probes hold it: `providerKeys` holds it while the event is counted.
        let key = provider.isEmpty ? nil : providerKeys.key(for: provider)
        count(
            event, classification, in: line, time: time, provider: provider, key: key,
            cause: cause, shape: shape, sender: sender)
    }

    /// `observe`'s counting, once the event's shape is known to interest some rule. Inlined:
    /// called once, and left out of line it took the probe's hashing and cutting with it,
    /// each then a call per event.
    @inline(__always)
    private mutating func count(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        time: Int64, provider: String, key: Unmanaged<AlertProviderKeys.Key>?, cause: Cause?,
        shape: Int, sender: UnsafePointer<MessageSender>?
    ) {
        if !textShapes[Self.textIndex(shape: shape, direction: event.direction)] {
            let matching = someMatch(shape: shape, direction: event.direction, provider: provider)
            if matching, AlertListing.named(by: classification), let classification {
                // The block list and address, built once, are read by the rules through a
                // pointer, so the probe stays trivial.
                var listing = AlertListing(classification, in: line)
                let counted = withUnsafePointer(to: &listing) { listing -> Bool in
                    let probe = AlertProbe(
                        event, cause: cause, in: line, time: time, provider: key,
                        hashes: shapeHashes[shape], matching: true, listing: listing)
                    guard probe.isASCII else { return false }
                    count(probe, shape: shape)
                    return true
                }
                if counted { return }
            } else {
                let probe = AlertProbe(
                    event, cause: cause, in: line, time: time, provider: key,
                    hashes: shapeHashes[shape], matching: matching)
                if probe.isASCII {
                    count(probe, shape: shape)
                    return
                }
            }
        }
        var decoded = AlertEvent(
            event, classification, in: line, time: time, keepingLine: sampled[shape],
            provider: provider)
        if let sender { decoded.take(sender.pointee) }
        withUnsafePointer(to: &decoded) {
            count(AlertProbe($0, provider: key, hashes: hashes), shape: shape)
        }
    }

    /// Whether some rule's `match` takes an event of this shape, direction and provider.
    /// Inlined: most events are answered by the tables; a rule's provider list is tried apart.
    @inline(__always)
    private func someMatch(shape: Int, direction: TrafficDirection, provider: String) -> Bool {
        guard sampled[shape] else { return false }
        if matchDirections[shape] & AlertEventFilter.bit(direction) != 0 { return true }
        guard providerShapes[shape] else { return false }
        return someProviderMatch(shape: shape, direction: direction, provider: provider)
    }

    /// `someMatch` for a shape some rule with a provider list takes.
    private func someProviderMatch(shape: Int, direction: TrafficDirection, provider: String)
        -> Bool
    {
        for position in Int(shapeStarts[shape])..<Int(shapeStarts[shape + 1]) {
            let entry = shapeRules[position]
            if entry & 1 != 0,
                states[Int(entry >> 2)].filter.passesWithoutText(
                    direction: direction, provider: provider)
            {
                return true
            }
        }
        return false
    }

    private mutating func count(_ probe: AlertProbe, shape: Int) {
        for position in Int(shapeStarts[shape])..<Int(shapeStarts[shape + 1]) {
            let entry = shapeRules[position]
            states[Int(entry >> 2)].observe(
                probe, couldMatch: entry & 1 != 0, couldCount: entry & 2 != 0)
        }
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
        accounts?.evaluate(now: now, into: &notices)
        return notices
    }

    /// Firing groups per rule name, for `bouncewatch_alerts_firing{rule}`; every rule is
    /// present, with 0 when nothing fires.
    public var firing: [String: Int] {
        var counts: [String: Int] = [:]
        for state in states { counts[state.rule.name, default: 0] += state.firingGroups }
        if let accounts {
            counts[CompromisedAccountConfig.ruleName, default: 0] += accounts.firingAccounts
        }
        return counts
    }

    /// True when, at the last evaluation, some alert was waiting out its group wait (to be
    /// sent, or to be resolved): the caller should evaluate again within a second or so
    /// rather than at its next regular step, so the wait is what the rule says.
    public var isWaiting: Bool {
        states.contains { $0.waitingGroups > 0 } || (accounts?.waitingAccounts ?? 0) > 0
    }

    /// Accounts the `compromised-account` alert forgot to stay within its `max_accounts`.
    public var evictedAccounts: Int { accounts?.evictedAccounts ?? 0 }

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

    /// Where `textShapes` answers for events of `shape` going in `direction`.
    @inline(__always)
    private static func textIndex(shape: Int, direction: TrafficDirection) -> Int {
        shape &* 2 &+ (direction == .inbound ? 0 : 1)
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
    /// could count such an event, as start positions and the concatenated rule indices (each
    /// shifted left by two, bit 0 set when its `match` could take the shape, bit 1 when its
    /// `ratio_of` could). A rule grouping by cause counts no event without one.
    private static func ruleLists(
        match: [AlertShapeMask], ratio: [AlertShapeMask?], needsCause: [Bool]
    ) -> ([Int32], [Int32]) {
        var starts: [Int32] = []
        var rules: [Int32] = []
        forEachShape { mta, kind, status, causeIndex in
            starts.append(Int32(rules.count))
            for index in match.indices where causeIndex != 0 || !needsCause[index] {
                let matches = match[index].admits(
                    mta: mta, kind: kind, status: status, causeIndex: causeIndex)
                let counts =
                    ratio[index]?.admits(
                        mta: mta, kind: kind, status: status, causeIndex: causeIndex) ?? false
                if matches || counts {
                    rules.append(Int32(index) << 2 | (matches ? 1 : 0) | (counts ? 2 : 0))
                }
            }
        }
        starts.append(Int32(rules.count))
        return (starts, rules)
    }

    /// Calls `body` with every combination of properties, in `wantIndex` order (the cause as
    /// `AlertShapeMask.causeIndex`).
    private static func forEachShape(_ body: (MTA, EventKind, DeliveryStatus, Int) -> Void) {
        for mta in MTA.allCases {
            for kind in EventKind.allCases {
                for status in DeliveryStatus.allCases {
                    for causeIndex in 0...Cause.allCases.count {
                        body(mta, kind, status, causeIndex)
                    }
                }
            }
        }
    }

    /// The group value hashes the rules' `group_by` needs; with `providerAware`, the
    /// destination's for `provider_or_destination` only when the event has no provider.
    private static func hashes(
        _ rules: [AlertRule], providerAware: Bool = false
    ) -> AlertProbe.Hashes {
        var hashes: AlertProbe.Hashes = []
        for dimension in rules.flatMap(\.groupBy) {
            switch dimension {
            case .destination: hashes.insert(.destination)
            case .host: hashes.insert(.host)
            case .providerOrDestination:
                hashes.insert(providerAware ? .destinationUnlessProvider : .destination)
            case .mta, .kind, .status, .cause, .blocklist, .provider, .senderDomain,
                .saslUsername:
                break
            }
        }
        return hashes
    }

    /// For every combination of properties, in `wantIndex` order, whether some mask admits it.
    private static func table(_ masks: [AlertShapeMask]) -> [Bool] {
        var table: [Bool] = []
        forEachShape { mta, kind, status, causeIndex in
            table.append(
                masks.contains {
                    $0.admits(mta: mta, kind: kind, status: status, causeIndex: causeIndex)
                })
        }
        return table
    }
}
