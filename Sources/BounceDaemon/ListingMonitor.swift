import BounceCore
import BounceOutput
import BounceSystem
import Logging

/// Block-list lookups of our own addresses and domains, on a thread of their own.
///
/// A round blocks for as long as the slowest list takes to answer (a timeout times the tries
/// at most), so it never runs on the daemon's loop: the loop only takes the lock for a copy of
/// the state when it writes the textfile, and a round holds the lock only to record its
/// verdicts, never while waiting for DNS.
final class ListingMonitor: @unchecked Sendable {
    private let condition = ThreadCondition()
    /// Guarded by `condition`'s lock.
    private var state: ListingState
    private var stopping = false
    private let config: ReputationConfig
    private let logger: Logger
    private let wallClock: @Sendable () -> Int64

    private init(
        config: ReputationConfig, state: ListingState, logger: Logger,
        wallClock: @escaping @Sendable () -> Int64
    ) {
        self.config = config
        self.state = state
        self.logger = logger
        self.wallClock = wallClock
    }

    /// Starts the lookups `config` asks for; nil (with a log line saying why) when there is
    /// nothing to look up.
    static func start(
        _ config: ReputationConfig, logger: Logger, wallClock: @escaping @Sendable () -> Int64
    ) -> ListingMonitor? {
        var lists: [DNSBLList] = []
        for list in config.lists {
            do {
                lists += try ListingLookups.withKeys([list])
            } catch {
                logger.error("block list \(list.id) is not checked: \(error.description)")
            }
        }
        var targets = config.domains
        switch config.ips {
        case .auto: targets = PublicAddress.targets(InterfaceAddresses.all()) + targets
        case .given(let given): targets = given + targets
        }
        let state = ListingState(config: config, lists: lists, targets: targets)
        // With `ips: auto`, addresses that bounces name as listed come later.
        guard state.nextDue != nil || config.ips == .auto else {
            logger.warning("reputation: no list covers any of the targets: no lookups")
            return nil
        }
        let monitor = ListingMonitor(
            config: config, state: state, logger: logger, wallClock: wallClock)
        do {
            try SystemThread.start(name: "bw-dnsbl") { monitor.run() }
        } catch {
            logger.error("reputation: \(error.description): no lookups")
            return nil
        }
        let names = targets.map(\.description).joined(separator: ", ")
        logger.info("reputation: checking \(names) on \(lists.count) block list(s)")
        return monitor
    }

    /// An address a bounce named as listed: with `ips: auto` it is looked up too, at once.
    /// Called on the loop's thread; takes the lock only briefly, never waits for DNS.
    func noteListed(_ address: String) {
        guard config.ips == .auto, let target = ListingTarget(address), target.isAddress else {
            return
        }
        condition.lock()
        let added = state.add(target)
        if added { condition.broadcast() }
        condition.unlock()
        if added { logger.info("reputation: a bounce names \(target) as listed; checking it too") }
    }

    /// The textfile's block-list families, from a copy of the state.
    func renderMetrics() -> String {
        ListingMetricsRenderer.render(snapshot())
    }

    /// A copy of the state, taken under the lock (never waits for DNS).
    func snapshot() -> ListingState {
        condition.lock()
        let copy = state
        condition.unlock()
        return copy
    }

    /// Ends the thread after its current round; never waits for it.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            if stopping {
                condition.unlock()
                return
            }
            let now = wallClock()
            let work = state.work(at: now)
            if work.isEmpty {
                let next = state.nextDue ?? (now + 3_600)
                condition.wait(
                    untilMonotonic: Clocks.monotonicSeconds() + Double(max(next - now, 1)))
                condition.unlock()
                continue
            }
            condition.unlock()
            let rows = lookUp(work)
            condition.lock()
            let changes = state.record(rows, lists: work.map(\.list), at: wallClock())
            condition.unlock()
            report(changes)
        }
    }

    private func lookUp(_ work: [(list: DNSBLList, targets: [ListingTarget])]) -> [ListingCheck.Row]
    {
        var rows: [ListingCheck.Row] = []
        var targets: [ListingTarget] = []
        for item in work {
            for target in item.targets where !targets.contains(target) { targets.append(target) }
        }
        let check = ListingCheck(lists: work.map(\.list), targets: targets)
        do {
            rows = try ListingLookups.run(check, config: config)
        } catch {
            rows = check.rows(
                Array(repeating: .failure(error.description), count: check.queries.count))
        }
        return rows
    }

    private func report(_ changes: [ListingState.Change]) {
        for change in changes {
            switch change {
            case .listed(let list, let target, let answers):
                let meaning = answers.map { "\($0.code) \($0.meaning)" }.joined(separator: "; ")
                logger.warning("\(target) is listed on \(list): \(meaning)")
            case .delisted(let list, let target):
                logger.notice("\(target) is no longer listed on \(list)")
            case .failing(let list, let reason, let detail):
                logger.warning(
                    "block list \(list) gives no verdict (\(reason.rawValue)): \(detail)")
            case .recovered(let list):
                logger.notice("block list \(list) answers again")
            }
        }
    }
}
