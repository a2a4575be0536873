import BounceCore

/// Parse → classify → count → alert for one line, on the loop's thread.
///
/// The same steps as `scan`, with the event's time resolved for the metrics and the alerts.
struct EventPipeline {
    var metrics: MetricsStore
    /// The configured classifier, remembering recent verdicts: a followed log repeats the same
    /// replies, and a remembered one costs a few hundred instructions instead of thousands.
    var classifier: CachingClassifier
    /// Decides the provider of each delivery, once for the metrics and the alerts.
    private(set) var providers: ProviderTable
    /// `providers`, remembering the verdicts of relays seen before.
    private var providerDecider: ProviderDecider
    let alerts: DaemonAlertHook
    /// Lines and events seen since the start, for `STATUS=`.
    private(set) var lines = 0
    private(set) var events = 0
    /// Told the address an outbound bounce names as listed (block-list lookups check it).
    var listedAddress: ((String) -> Void)?
    /// The digest's per-period counters; nil without `digest:`.
    var digest: DigestLedger?
    /// The message state: who sent each message still in the queue, fed by every source's
    /// message notes (`LineOutcome.message`), so a delivery knows its sender. Its one owner;
    /// saved in the checkpoint with the positions (`DaemonLoop`), so a restart mid-message
    /// loses nothing.
    var messages = MessageBook()
    /// Whether message notes go to `messages` (`Configuration.followsMessages`).
    var followsMessages = false
    /// Whether the alerts read a delivery's sender (`Configuration.alertsReadSender`): only
    /// then is it handed to them. The sender series alone count by name number, no text.
    var alertsReadSender = false

    init(
        metrics: MetricsStore, classifier: Classifier, providers: ProviderTable = .standard,
        alerts: DaemonAlertHook
    ) {
        self.metrics = metrics
        self.classifier = CachingClassifier(classifier)
        self.providers = providers
        providerDecider = ProviderDecider(providers)
        self.alerts = alerts
        self.metrics.useProviders(providers)
    }

    /// Counts by `table` from now on (after a reload).
    mutating func useProviders(_ table: ProviderTable) {
        providers = table
        providerDecider = ProviderDecider(table)
        metrics.useProviders(table)
    }

    /// Counts one parsed line: `outcome`, with `event` meaningful for `.event` and `.message`
    /// (`LineOutcome`); `time` places the event in time (nil when it has no stamp). A message
    /// note goes to the message state and counts as an ignored line.
    mutating func take(
        _ outcome: LineOutcome, event: RawEvent, line: UnsafeBufferPointer<UInt8>,
        source: String, time: (RawEvent) -> Int64?
    ) {
        switch outcome {
        case .event:
            lines += 1
            metrics.countLine(outcome: .event, source: source)
            observe(event, line: line, source: source, time: time)
        case .message:
            if followsMessages { messages.note(event, in: line) }
            countOnly(.message, source: source)
        case .ignored, .unrecognized: countOnly(outcome, source: source)
        }
    }

    /// Takes in a message note (`LineOutcome.message`) whose line is counted elsewhere
    /// (`countLines`, or `take`). inout only so the event is not copied per line.
    @inline(__always)
    mutating func noteMessage(_ event: inout RawEvent, line: UnsafeBufferPointer<UInt8>) {
        if followsMessages { messages.note(event, in: line) }
    }

    /// Who sent the message of `event` (a delivery), as the message state knows it now: nil
    /// when it knows nothing of the message. `time` is the delivery's own time (epoch seconds),
    /// from which the arrival is placed: the state keeps stamps only as log time.
    ///
    /// Makes strings: call it only for a consumer that wants them (the alert hook, the
    /// digest), never on every line.
    func sender(for event: borrowing RawEvent, in line: UnsafeBufferPointer<UInt8>, time: Int64?)
        -> MessageSender?
    {
        guard event.kind == .delivery, let facts = messages.facts(for: event, in: line) else {
            return nil
        }
        return sender(for: event, facts: facts, time: time)
    }

    /// The `MessageSender` of a delivery whose message the state knows as `facts`.
    private func sender(for event: borrowing RawEvent, facts: MessageFacts, time: Int64?)
        -> MessageSender
    {
        let names = messages.names
        var sender = MessageSender(
            address: names.text(facts.sender), saslUser: names.text(facts.saslUser),
            clientIP: names.text(facts.clientIP))
        if facts.senderDomain != MessageNames.nullSender {
            sender.domain = names.text(facts.senderDomain)
        }
        if let time, let delay = Self.sinceArrival(event, facts: facts) {
            sender.arrival = time - delay / 1000
        }
        return sender
    }

    /// Milliseconds from the arrival of the message the state knows as `facts` to `event`'s
    /// stamp; nil when either is unknown.
    private static func sinceArrival(_ event: borrowing RawEvent, facts: MessageFacts) -> Int64? {
        guard let stamp = event.timestamp else { return nil }
        return MessageClock.delay(
            from: facts.arrival, to: MessageClock.milliseconds(stamp), yearless: stamp.year == nil)
    }

    /// The delay a final outcome is counted with: its line's own (Postfix `delay=`, Exim `QT=`),
    /// else, while messages are followed, the time since the message's arrival (Exim without
    /// `QT=`, Postfix's expiries), as `scan` counts it; -1 when neither is known.
    private static func countedDelay(_ event: borrowing RawEvent, facts: MessageFacts?) -> Int32 {
        guard event.delayMillis < 0, let facts, facts.hasFirstLine,
            DeliveryDelay.isFinal(event.status),
            let delay = sinceArrival(event, facts: facts)
        else { return event.delayMillis }
        return Int32(clamping: delay)
    }

    /// A line that is no event.
    private mutating func countOnly(_ outcome: LineOutcome, source: String) {
        lines += 1
        metrics.countLine(outcome: outcome, source: source)
    }

    /// As `take(_:line:source:time:)` for the event of a line parsed in place
    /// (`LineParser.parse(_:into:)`), whose line is counted with the others of its poll by
    /// `countLines`. `event` is never changed: inout only so the caller's event is read where
    /// it is rather than copied per line. No `ParseResult` is built or copied.
    mutating func takeEvent(
        _ event: inout RawEvent, line: UnsafeBufferPointer<UInt8>, source: String,
        time: (RawEvent) -> Int64?
    ) {
        observe(event, line: line, source: source, time: time)
    }

    /// Counts the lines of a poll whose events went through `takeEvent`.
    mutating func countLines(_ counts: PollLineCounts, source: String) {
        lines += counts.total
        metrics.countLines(
            events: counts.events, ignored: counts.ignored, unrecognized: counts.unrecognized,
            source: source)
    }

    /// The steps after counting the line, for an event.
    private mutating func observe(
        _ event: RawEvent, line: UnsafeBufferPointer<UInt8>, source: String,
        time: (RawEvent) -> Int64?
    ) {
        events += 1
        let when = time(event)
        let classification =
            event.isSuccessfulDelivery ? nil : classifier.classify(event, in: line)
        let provider =
            event.kind == .delivery ? providerDecider.decide(event, in: line)?.index : nil
        // What the message state knows of a delivery's message: one lookup, for the sender
        // series, the delay and the alerts; only while messages are followed.
        let facts =
            followsMessages && event.kind == .delivery ? messages.facts(for: event, in: line) : nil
        metrics.add(
            event, classification, in: line, source: source, time: when, provider: provider,
            delayMillis: Self.countedDelay(event, facts: facts))
        if metrics.countsSenders, let facts {
            metrics.countSender(event, classification, facts: facts, names: messages.names)
        }
        let providerName = provider.map { providers.providers[$0].name }
        // Who sent an outbound delivery, for the compromised-account alert and the rules that
        // read it; made into text only for them.
        let sender =
            alertsReadSender && event.direction == .outbound
            ? facts.map { self.sender(for: event, facts: $0, time: when) } : nil
        alerts.observe(
            event, classification, in: line, source: source, time: when,
            provider: providerName ?? "", sender: sender)
        digest?.add(event, classification, in: line, time: when, provider: providerName)
        if let listed = listedAddress, let classification, !classification.listedIP.isEmpty,
            event.direction == .outbound, let ip = classification.listedIP.string(in: line)
        {
            listed(ip)
        }
    }

    /// Counts lines cut at the length limit.
    mutating func countTruncated(_ count: Int, source: String) {
        for _ in 0..<max(0, count) { metrics.countTruncatedLine(source: source) }
    }
}
