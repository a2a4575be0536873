import BounceCore
import BounceNotify
import BounceSystem
import Logging

/// The daemon's alerting: the alert engine fed from the loop, its notices handed to the
/// notification dispatcher.
///
/// Everything but the dispatcher's delivery threads runs on the loop's thread. The engine's
/// state goes into the checkpoint with the positions and counters; notices already handed
/// to the dispatcher are in its outbox (fsync'd before `submit` returns), so a crash between
/// a checkpoint and the next loses no alert that was decided.
public final class DaemonAlerts: DaemonAlertHook {
    /// Unchecked: only the loop's thread reaches it and nothing it calls comes back here, and a
    /// dynamic exclusivity check on every observed event costs more than the check is worth.
    @exclusivity(unchecked) private var engine: AlertEngine
    private var dispatcher: NotificationDispatcher?
    private var configuration: Configuration
    private let logger: Logger
    private let timing: DeliveryTiming
    /// The last `tick`'s time (the start before the first): the engine is evaluated at most
    /// once per second, and events whose line has no readable stamp are placed at this time.
    private var lastTick = Clocks.wallSeconds()
    private var lastEvaluation: Int64 = .min
    /// The `listed` alert and the failing-list mail, and the bounces they quote.
    private var listingAlerts = ListingAlerts()
    /// The lookups' state as last handed in; nil while no lookups run.
    private var listingState: ListingState?
    /// The listing alerts' saved lines as last written to `listingAlertsPath`.
    private var listingSaved: [String] = []

    /// Restores the engine from `savedLines` (the checkpoint's alerts section) and starts the
    /// dispatcher, which first delivers what an earlier run left pending.
    public init(
        configuration: Configuration, savedLines: [String], logger: Logger,
        timing: DeliveryTiming = DeliveryTiming()
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.timing = timing
        if savedLines.isEmpty {
            engine = AlertEngine(
                rules: configuration.alerts, accounts: configuration.compromisedAccount)
        } else {
            engine = try AlertEngine(
                rules: configuration.alerts, accounts: configuration.compromisedAccount,
                checkpointLines: savedLines)
        }
        dispatcher = try Self.dispatcher(for: configuration, logger: logger, timing: timing)
        restoreListingAlerts()
        listingAlerts.switchedOff = Set(configuration.disabledLookupAlerts)
    }

    /// Where the listing alerts are saved: a file of their own beside the checkpoint, so the
    /// checkpoint's format (and an older build reading it) is unchanged.
    private var listingAlertsPath: String {
        Path.join(configuration.stateDirectory, "listing-alerts")
    }

    private func restoreListingAlerts() {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.read(listingAlertsPath, limit: 1 << 20)
        } catch {
            return  // none saved yet (or unreadable: the listings are mailed again)
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        do {
            listingAlerts = try ListingAlerts(savedLines: lines)
            listingSaved = lines
        } catch {
            logger.warning("\(listingAlertsPath): \(error); listings are mailed about afresh")
        }
    }

    private func saveListingAlerts() {
        let lines = listingAlerts.savedLines()
        guard lines != listingSaved else { return }
        do {
            try AtomicFile.replace(
                listingAlertsPath, with: lines.joined(separator: "\n") + "\n", mode: 0o600,
                durable: true)
            listingSaved = lines
        } catch {
            logger.warning("listing alerts not saved: \(error.description)")
        }
    }

    /// The factory `DaemonOptions.makeAlerts` takes for real alerting.
    public static func factory(
        logger: Logger, timing: DeliveryTiming = DeliveryTiming()
    ) -> DaemonAlertHookFactory {
        { configuration, saved in
            try DaemonAlerts(
                configuration: configuration, savedLines: saved, logger: logger, timing: timing)
        }
    }

    private static func dispatcher(
        for configuration: Configuration, logger: Logger, timing: DeliveryTiming
    ) throws -> NotificationDispatcher {
        try NotificationDispatcher(
            notifiers: configuration.notifiers, stateDirectory: configuration.stateDirectory,
            hostname: HostName.resolve(configuration.hostname), timing: timing,
            log: { logger.notice("\($0)") })
    }

    public func observe(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        source: String, time: Int64?, provider: String, sender: MessageSender?
    ) {
        engine.observe(
            event, classification, in: line, time: time ?? lastTick, provider: provider,
            sender: sender)
        // Our own mail refused, naming a list or our address; inbound rejects name clients.
        if event.direction == .outbound, let classification,
            classification.blocklist != nil || !classification.listedIP.isEmpty
        {
            // What `AlertEvent` would give for these three, without decoding the rest.
            let listed = classification.listedIP
            listingAlerts.mentions.add(
                ListingMentions.Mention(
                    time: time ?? lastTick, blocklist: classification.blocklist?.name,
                    listedIP: listed.isEmpty
                        ? nil
                        : UTF8Prefix.string(listed.slice(of: line), atMost: AlertLimits.textBytes),
                    line: UTF8Prefix.string(line, atMost: AlertLimits.lineBytes)))
        }
    }

    public func listings(_ state: ListingState, now: Int64) {
        listingState = state
        let notices = listingAlerts.evaluate(state, now: now)
        if !notices.isEmpty { submit(notices) }
    }

    public func tick(now: Int64) {
        lastTick = now
        guard now != lastEvaluation else { return }
        lastEvaluation = now
        var notices = engine.evaluate(now: now)
        guard !notices.isEmpty else { return }
        if let listingState {
            for index in notices.indices where notices[index].state == .firing {
                let row = ListingCorroboration.row(
                    blocklist: notices[index].blocklist?.name, listedIP: notices[index].listedIP,
                    state: listingState)
                if let row { notices[index].details.append(row) }
            }
        }
        submit(notices)
    }

    private func submit(_ notices: [AlertNotice]) {
        if let dispatcher {
            dispatcher.submit(notices)
        } else {
            for notice in notices where !notice.isSuppressed {
                logger.error(
                    "no notifier is running; alert only logged: \(AlertLogLine.format(notice))")
            }
        }
    }

    public func prepareMail(_ mails: [ReadyMail], now: Int64) -> Bool {
        guard let dispatcher else { return false }
        dispatcher.prepare(mails, now: now)
        return true
    }

    public func commitMail(key: String) {
        dispatcher?.commit(key: key)
    }

    public var wantsPromptTick: Bool { engine.isWaiting }

    /// The engine's state; the listing alerts are saved to their own file at the same time.
    public func checkpointLines() -> [String] {
        if listingState != nil { saveListingAlerts() }
        return engine.checkpointLines()
    }

    /// New rules keep the state of the rules that stay (matched by the checkpoint's rule
    /// signatures); new notifiers restart the dispatcher, which takes over the same outbox.
    public func reload(_ new: Configuration) {
        if new.alerts != configuration.alerts
            || new.compromisedAccount != configuration.compromisedAccount
        {
            let previous = engine
            do {
                engine = try AlertEngine(
                    rules: new.alerts, accounts: new.compromisedAccount,
                    checkpointLines: engine.checkpointLines())
            } catch {
                logger.warning("alert state not carried over to the new rules: \(error)")
                engine = AlertEngine(rules: new.alerts, accounts: new.compromisedAccount)
            }
            engine.continueClock(of: previous)
            lastEvaluation = .min
        }
        if new.notifiers != configuration.notifiers || new.hostname != configuration.hostname {
            dispatcher?.stop(drainSeconds: 2)
            dispatcher = nil
            do {
                dispatcher = try Self.dispatcher(for: new, logger: logger, timing: timing)
            } catch {
                logger.error("notifiers not started, alerts are only logged: \(error)")
            }
        }
        listingAlerts.switchedOff = Set(new.disabledLookupAlerts)
        configuration = new
    }

    /// The dispatcher is kept after it stopped, for its counts; what is submitted after the
    /// stop is stored for the next start, not sent.
    public func stop() {
        dispatcher?.stop()
    }

    public var firing: [String: Int] {
        var counts = engine.firing
        if listingState != nil, !listingAlerts.switchedOff.contains(ListingAlerts.listedRule) {
            counts[ListingAlerts.listedRule] = listingAlerts.firingCount
        }
        return counts
    }

    public var notifications: [DaemonHealth.NotificationCount] {
        (dispatcher?.counts ?? []).map {
            DaemonHealth.NotificationCount(
                notifier: $0.notifier, result: $0.result.rawValue, count: $0.count)
        }
    }
}
