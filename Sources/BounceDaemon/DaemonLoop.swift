import BounceCore
import BounceIngest
import BounceOutput
import BounceSystem
import Logging

/// The daemon's one working thread: it owns the sources, the parser, the classifier, the
/// metrics store and the alert hook, and nothing else touches them.
///
/// Lines are read, counted and their positions noted in the same step, and the checkpoint
/// is taken between those steps, so the saved positions and counters always describe the
/// same instant. The thread sleeps in `poll(2)` on inotify, each journal's descriptor and
/// the control eventfd; timeouts exist only for the next textfile write and the watchdog.
///
/// Tests drive it step by step (`poll()`, `flush()`) without the waiting part.
public final class DaemonLoop {
    public private(set) var configuration: Configuration
    let control: LoopControl
    private let options: DaemonOptions
    private let logger: Logger
    private let lock: FileLock
    private var textfileLock: FileLock?
    private let store: CheckpointStore
    private let waker: FollowWaker
    private let zone = LocalZone()
    private let notifier = SystemdNotifier()
    private var sources: [SourceRunner] = []
    private var pipeline: EventPipeline
    private let startTime: Int64
    private var checkpointTime: Int64?
    /// What the checkpoint last written held, to leave an unchanged one alone: its sources,
    /// metrics and digest lines, and only a fingerprint of its alert lines (the largest part
    /// by far, up to tens of megabytes: a copy would double the daemon's memory at a write).
    private var lastSaved: SavedCheckpoint?
    /// The metrics store's `revision` when `lastSaved` was taken.
    private var lastSavedRevision = 0
    /// The textfile last written, reused while nothing in it moved.
    private var textfileCache = DaemonTextfileCache()
    private var nextFlush: Int64 = 0
    private var nextWatchdog: Int64?
    /// Reopening failed journals waits for the next textfile write.
    private var retryDue = true
    private var lastProblem: String?
    private var linesAtLastStatus = 0
    private var lastStatusTime: Int64
    /// Why the last checkpoint could not be written; nil once one is.
    private var checkpointFailure: DaemonError?
    /// Why the daemon must stop on its own (its state directory was taken from it); the
    /// error it ends with.
    public private(set) var stopFailure: DaemonError?
    /// Block-list lookups on their own thread; nil without `reputation:`.
    private var listing: ListingMonitor?
    /// Reads the MTA's queue on its own thread when `queue:` is configured.
    private var queueWatcher: QueueWatcher?
    /// Digests prepared in the outboxes, sent once a checkpoint past their period is written.
    private var uncommittedDigests: [String] = []
    /// True when the digest ledger moved in a way the event count does not show (a period
    /// closed, a reload): the next checkpoint takes its lines afresh.
    private var digestMoved = false
    /// `pipeline.events` when `lastSaved` was taken.
    private var lastSavedEvents = 0

    /// Takes the state directory, reads the checkpoint and restores the counters; refuses to
    /// start on a checkpoint it cannot read rather than count from zero.
    public init(options: DaemonOptions, control: LoopControl) throws(DaemonError) {
        self.options = options
        self.control = control
        configuration = options.configuration
        logger = options.logger
        let directory = configuration.stateDirectory
        // The lock first: a second daemon must not touch the first one's files (its
        // temporary checkpoint) before it finds the directory taken.
        do throws(SystemError) {
            try FileSystem.makeDirectory(directory, mode: 0o750)
        } catch {
            throw .failed(error)
        }
        do {
            lock = try FileLock(path: Path.join(directory, "lock"))
        } catch {
            switch error {
            case .busy: throw .stateDirectoryBusy(path: directory)
            case .system(let failure): throw .failed(failure)
            }
        }
        store = try CheckpointStore(directory: directory)
        textfileLock = try configuration.metrics.textfile.flatMap(TextfileLock.take(textfile:))
        let saved = try store.load()
        let metrics: MetricsStore
        if let saved {
            do {
                metrics = try MetricsStore(
                    topDestinations: configuration.metrics.topDestinations,
                    checkpointLines: saved.metrics)
            } catch {
                throw .metricsNotRestored(path: store.path, reason: error.description)
            }
        } else {
            metrics = MetricsStore(topDestinations: configuration.metrics.topDestinations)
        }
        let digest = try DaemonDigest.restore(
            configuration, saved: saved?.digest ?? [], now: Int(options.wallClock()),
            path: store.path)
        DaemonDigest.settle(
            configuration, ledger: digest, log: { [logger] in logger.notice("\($0)") })
        let messages = try Self.restoreMessages(saved, path: store.path)
        let alerts: DaemonAlertHook
        do {
            alerts = try options.makeAlerts(configuration, saved?.alerts ?? [])
        } catch let error as AlertRestoreError {
            throw .unreadableCheckpoint(
                path: store.path, reason: "the alert state cannot be restored: \(error)")
        } catch {
            throw .alertsNotStarted(reason: "\(error)")
        }
        pipeline = EventPipeline(
            metrics: metrics, classifier: options.makeClassifier(configuration),
            providers: ProviderTable.standard.layered(with: configuration.providers),
            alerts: alerts)
        pipeline.metrics.setPerHost(
            configuration.metrics.perHost, top: configuration.metrics.topHosts)
        pipeline.metrics.setSenderSeries(
            domains: configuration.metrics.topSenderDomains,
            users: configuration.metrics.topSASLUsers)
        pipeline.digest = digest
        pipeline.messages = messages
        pipeline.followsMessages = configuration.followsMessages
        pipeline.alertsReadSender = configuration.alertsReadSender
        waker = FollowWaker(
            useInotify: options.useInotify,
            fallbackInterval: options.fallbackIntervalMilliseconds)
        let descriptors = DescriptorReserve.apply()
        startTime = options.wallClock()
        lastStatusTime = Clocks.monotonicMilliseconds()
        checkpointTime = saved?.writtenAt
        sources = configuration.sources.map {
            makeRunner(
                $0, saved: saved?.sources[$0.name], readsMessages: configuration.followsMessages)
        }
        listing = configuration.reputation.flatMap {
            ListingMonitor.start($0, logger: options.logger, wallClock: options.wallClock)
        }
        if let listing { pipeline.listedAddress = { listing.noteListed($0) } }
        if let saved {
            logger.info(
                "continuing from the checkpoint of \(saved.writtenAt) in \(store.path)")
            reportOtherConfiguration(saved)
        } else {
            logger.info("no checkpoint in \(store.path): first start")
        }
        if descriptors.forFiles < Int.max {
            let message =
                "descriptor limit \(descriptors.limit): up to \(descriptors.forFiles) followed"
                + " files, \(DescriptorReserve.reserve) kept for the checkpoint and textfile"
            logger.info("\(message)")
        }
        if !waker.usesInotify {
            let every = options.fallbackIntervalMilliseconds
            logger.warning("inotify is unavailable: looking at files every \(every) ms")
        }
    }

    /// Says in the log when the checkpoint was written for other sources than the configured
    /// ones: its counters are kept, but they may not mean what the new sources count.
    private func reportOtherConfiguration(_ saved: Checkpoint) {
        let configured = Set(configuration.sources.map(\.name))
        let checkpointed = Set(saved.sources.keys)
        let gone = checkpointed.subtracting(configured).sorted()
        let new = configured.subtracting(checkpointed).sorted()
        if !gone.isEmpty {
            let message =
                "the checkpoint \(store.path) has source(s) the configuration no longer has:"
                + " \(gone.joined(separator: ", ")); their positions are dropped, their"
                + " counters kept"
            logger.warning("\(message)")
        }
        if !new.isEmpty {
            let message =
                "the configuration has source(s) the checkpoint \(store.path) does not know:"
                + " \(new.joined(separator: ", ")); they start as their start_at says"
            logger.warning("\(message)")
        }
    }

    /// The message state the checkpoint saved, empty without one.
    private static func restoreMessages(_ saved: Checkpoint?, path: String) throws(DaemonError)
        -> MessageBook
    {
        guard let lines = saved?.messages, !lines.isEmpty else { return MessageBook() }
        do {
            return try MessageBook(checkpointLines: lines)
        } catch {
            throw .unreadableCheckpoint(
                path: path, reason: "the message state cannot be restored: \(error)")
        }
    }

    private func makeRunner(
        _ config: SourceConfig, saved: SourceCheckpoint?, readsMessages: Bool
    ) -> SourceRunner {
        SourceRunner(
            config: config, saved: saved, waker: waker, zone: zone, now: options.wallClock(),
            logger: logger, readsMessages: readsMessages)
    }

    /// The metrics counted so far.
    public var metrics: MetricsStore { pipeline.metrics }

    /// Lines read since the start.
    public var linesRead: Int { pipeline.lines }

    /// The message state held.
    public var messages: MessageBook { pipeline.messages }

    // MARK: - Steps

    /// Reads everything new from every source.
    public func poll() {
        let retry = retryDue
        retryDue = false
        let now = options.wallClock()
        for source in sources {
            source.poll(into: &pipeline, retry: retry, now: now)
        }
        pipeline.alerts.tick(now: options.wallClock())
    }

    /// Rebalances the destinations, writes the checkpoint and then the textfile.
    ///
    /// A checkpoint equal to the last one saved (nothing read, nothing counted, no alert
    /// state changed) is not written again until `unchangedCheckpointSeconds` have passed:
    /// the fsyncs are most of what an idle daemon costs, and the timestamp still moves often
    /// enough for `bouncewatch_checkpoint_timestamp_seconds` to show the daemon alive.
    ///
    /// An idle write builds nothing it would only compare: the metrics store's `revision`
    /// tells whether its checkpoint lines and series are still those last written, a quiet
    /// rebalance only moves its clock, and the textfile is the last one kept (its checkpoint
    /// time patched when a checkpoint was written).
    public func flush() {
        guard stopFailure == nil else { return }
        guard lock.isStillHeld else {
            // Another daemon may own the state directory now: write nothing more, stop.
            stopFailure = .stateLockLost(path: lock.path)
            logger.critical("\(DaemonError.stateLockLost(path: lock.path).description)")
            return
        }
        let now = options.wallClock()
        pipeline.metrics.rebalance()
        if let listing { pipeline.alerts.listings(listing.snapshot(), now: now) }
        pipeline.alerts.tick(now: now)
        closeDigest(now: now)
        // Apart, so the checkpoint's lines are gone before the textfile is rendered.
        writeCheckpoint(now: now)
        writeTextfile()
        retryDue = true
    }

    /// Writes the checkpoint unless it is the one last saved (see `flush`).
    private func writeCheckpoint(now: Int64) {
        let positions = sourcePositions()
        var next = Checkpoint(
            writtenAt: now, sources: positions, metrics: [],
            alerts: pipeline.alerts.checkpointLines())
        let alertsHash = CheckpointHash.of(lines: next.alerts)
        if !savedRecently(positions: positions, alerts: alertsHash, now: now) {
            next.metrics = metricsCheckpointLines()
            next.digest = digestCheckpointLines()
            // Not kept in `lastSaved`: the book changes only with a line read, which moves the
            // positions, so equal positions already say it is the one saved.
            next.messages = pipeline.messages.checkpointLines()
            do {
                try store.save(next)
                checkpointTime = now
                lastSaved = SavedCheckpoint(
                    sources: positions, metrics: next.metrics, alerts: alertsHash,
                    digest: next.digest)
                lastSavedRevision = pipeline.metrics.revision
                lastSavedEvents = pipeline.events
                digestMoved = false
                checkpointFailure = nil
                clearProblem("checkpoint")
                // The checkpoint says the periods were reported: now their mails go.
                for key in uncommittedDigests { pipeline.alerts.commitMail(key: key) }
                uncommittedDigests = []
            } catch {
                checkpointFailure = error
                problem("checkpoint", error.description)
            }
        }
    }

    /// True when the checkpoint now would differ from the last one saved only in its time and
    /// the metrics store's rebalance clock, and that one is younger than
    /// `unchangedCheckpointSeconds`.
    private func savedRecently(
        positions: [String: SourceCheckpoint], alerts: CheckpointHash, now: Int64
    ) -> Bool {
        guard let saved = lastSaved, let time = checkpointTime, now >= time,
            now - time < Self.unchangedCheckpointSeconds
        else { return false }
        return pipeline.metrics.revision == lastSavedRevision && saved.sources == positions
            && saved.alerts == alerts && !digestMoved && pipeline.events == lastSavedEvents
    }

    /// The digest ledger's checkpoint lines, from the last ones saved when no event was
    /// counted and no period closed since.
    private func digestCheckpointLines() -> [String] {
        guard let ledger = pipeline.digest else { return [] }
        if let saved = lastSaved, !digestMoved, pipeline.events == lastSavedEvents,
            !saved.digest.isEmpty
        {
            return saved.digest
        }
        return ledger.checkpointLines()
    }

    /// When the open digest period has closed: its mail is composed for every carrier and
    /// prepared in the outboxes, to be sent once the checkpoint past it is written.
    private func closeDigest(now: Int64) {
        guard let end = pipeline.digest?.cursor.periodEnd, now >= Int64(end) else { return }
        let hostname = HostName.resolve(configuration.hostname)
        guard
            let closed = pipeline.digest?.close(
                now: Int(now), utcOffset: LocalZone.systemOffset(at:), hostname: hostname)
        else { return }
        digestMoved = true
        let mails = DaemonDigest.mails(
            closed, configuration: configuration, hostname: hostname, now: now,
            queue: queueWatcher?.gauges)
        let attempts = closed.digest.current.deliveries.total
        var message = "digest of \(closed.digest.periodText): \(attempts) delivery attempts"
        if closed.skipped > 0 {
            message +=
                "; \(closed.skipped) later scheduled moment(s) passed while stopped, not sent"
        }
        logger.info("\(message)")
        let key = DaemonDigest.key(end: Int(closed.digest.end))
        if mails.isEmpty || !pipeline.alerts.prepareMail(mails, now: now) {
            logger.error("no notifier runs to carry the digest; \(key) is not sent")
        } else {
            uncommittedDigests.append(key)
        }
    }

    /// The metrics store's checkpoint lines, from the last ones saved when only its clock
    /// moved since.
    private func metricsCheckpointLines() -> [String] {
        guard let saved = lastSaved else { return pipeline.metrics.checkpointLines() }
        return pipeline.metrics.checkpointLines(reusing: saved.metrics, from: lastSavedRevision)
    }

    private func sourcePositions() -> [String: SourceCheckpoint] {
        var positions: [String: SourceCheckpoint] = [:]
        for source in sources { positions[source.name] = source.checkpoint }
        return positions
    }

    /// How long a checkpoint with nothing new may go unwritten; well inside the 10 minutes
    /// after which the packaged Prometheus rules call the checkpoint stale.
    static let unchangedCheckpointSeconds: Int64 = 300

    /// The last steps before the loop ends: what is left is read, the checkpoint and the
    /// textfile written, and the notifiers given a few seconds to deliver what is due.
    /// Returns why the final checkpoint could not be written, if it could not: the next start
    /// then reads again what this run counted since its last checkpoint.
    @discardableResult
    func finish() -> DaemonError? {
        poll()
        flush()
        queueWatcher?.stop()
        pipeline.alerts.stop()
        listing?.stop()
        return checkpointFailure
    }

    /// The checkpoint as it would be written now.
    public func checkpoint(at now: Int64) -> Checkpoint {
        var checkpoint = Checkpoint(
            writtenAt: now, sources: sourcePositions(), metrics: pipeline.metrics.checkpointLines(),
            alerts: pipeline.alerts.checkpointLines())
        checkpoint.digest = pipeline.digest?.checkpointLines() ?? []
        return checkpoint
    }

    /// The textfile as it would be written now, rendered in full.
    public func renderTextfile() -> String {
        render(health())
    }

    private func render(_ health: DaemonHealth) -> String {
        var text = DaemonPrometheusRenderer.render(
            pipeline.metrics.snapshot(), health: health, version: options.version)
        appendQueue(to: &text)
        text += listing?.renderMetrics() ?? ""
        return text
    }

    /// The queue families after the others, from the watcher's last reading.
    private func appendQueue(to text: inout String) {
        if let gauges = queueWatcher?.gauges { QueuePrometheusRenderer.append(gauges, to: &text) }
    }

    private func health() -> DaemonHealth {
        DaemonHealth(
            sources: sources.map {
                DaemonHealth.SourceHealth(name: $0.name, up: $0.isUp, lostFiles: $0.lostFiles)
            },
            checkpointTime: checkpointTime, startTime: startTime,
            alertsFiring: pipeline.alerts.firing, notifications: pipeline.alerts.notifications,
            messageState: DaemonHealth.MessageState(pipeline.messages))
    }

    private func writeTextfile() {
        guard let path = configuration.metrics.textfile else { return }
        let health = health()
        var text = textfileCache.text(
            revision: pipeline.metrics.revision, health: health, version: options.version
        ) {
            DaemonPrometheusRenderer.render(
                pipeline.metrics.snapshot(), health: health, version: options.version)
        }
        appendQueue(to: &text)
        text += listing?.renderMetrics() ?? ""
        do {
            try AtomicFile.replace(path, with: text, mode: 0o644, durable: false)
            clearProblem("textfile")
        } catch {
            problem("textfile", "\(path): \(error.description)")
        }
    }

    // MARK: - Reloading

    /// Applies a validated configuration, keeping positions and counters of the sources that
    /// stay. Returns what only a restart can change.
    @discardableResult
    public func apply(_ new: Configuration) -> [String] {
        var deferred: [String] = []
        var next = new
        if new.stateDirectory != configuration.stateDirectory {
            deferred.append(
                "state_directory stays \(configuration.stateDirectory) until a restart")
            next.stateDirectory = configuration.stateDirectory
        }
        if new.reputation != configuration.reputation {
            deferred.append("reputation (block-list lookups) stays as it was until a restart")
            next.reputation = configuration.reputation
        }
        let old = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let follows = next.followsMessages
        sources = next.sources.map { config in
            guard let running = old[config.name] else {
                logger.info("\(config.name): new source")
                return makeRunner(config, saved: nil, readsMessages: follows)
            }
            // A source whose parser reads message notes, or not, as the message state needs.
            if running.config == config, follows == configuration.followsMessages { return running }
            logger.info("\(config.name): source changed, continuing from where it stood")
            return makeRunner(config, saved: running.checkpoint, readsMessages: follows)
        }
        for name in old.keys where !next.sources.contains(where: { $0.name == name }) {
            logger.info("\(name): source removed")
        }
        if next.metrics.textfile != configuration.metrics.textfile {
            do {
                textfileLock = try next.metrics.textfile.flatMap(TextfileLock.take(textfile:))
            } catch {
                deferred.append("metrics.textfile stays as it was: \(error.description)")
                next.metrics.textfile = configuration.metrics.textfile
            }
        }
        if next.metrics.topDestinations != configuration.metrics.topDestinations {
            pipeline.metrics.setTopDestinations(next.metrics.topDestinations)
        }
        if next.metrics.perHost != configuration.metrics.perHost
            || next.metrics.topHosts != configuration.metrics.topHosts
        {
            pipeline.metrics.setPerHost(next.metrics.perHost, top: next.metrics.topHosts)
        }
        if next.metrics.topSenderDomains != configuration.metrics.topSenderDomains
            || next.metrics.topSASLUsers != configuration.metrics.topSASLUsers
        {
            pipeline.metrics.setSenderSeries(
                domains: next.metrics.topSenderDomains, users: next.metrics.topSASLUsers)
        }
        pipeline.followsMessages = next.followsMessages
        pipeline.alertsReadSender = next.alertsReadSender
        // A fresh memory with the new rules: a verdict remembered under the old ones may differ.
        pipeline.classifier = CachingClassifier(options.makeClassifier(next))
        if next.providers != configuration.providers {
            pipeline.useProviders(ProviderTable.standard.layered(with: next.providers))
        }
        pipeline.alerts.reload(next)
        if next.digest != configuration.digest { reloadDigest(next.digest) }
        if next.queue != configuration.queue || next.rules != configuration.rules
            || next.providers != configuration.providers, queueWatcher != nil || next.queue != nil
        {
            queueWatcher?.stop()
            queueWatcher = nil
            startQueueWatcher(next)
        }
        configuration = next
        retryDue = true
        scheduleFlush(from: Clocks.monotonicMilliseconds())
        return deferred
    }

    /// A new `digest:`: the counters stay; a new schedule closes the open period at its next
    /// moment.
    private func reloadDigest(_ digest: DigestConfig?) {
        digestMoved = true
        guard let digest else {
            pipeline.digest = nil
            return
        }
        let now = Int(options.wallClock())
        guard let ledger = pipeline.digest else {
            pipeline.digest = DigestLedger(
                schedule: digest.schedule, now: now, utcOffset: LocalZone.systemOffset(at:))
            return
        }
        guard ledger.cursor.schedule != digest.schedule else { return }
        do {
            pipeline.digest = try DigestLedger(
                checkpointLines: ledger.checkpointLines(), schedule: digest.schedule, now: now,
                utcOffset: LocalZone.systemOffset(at:))
        } catch {
            logger.error("digest counters not carried over to the new schedule: \(error)")
            pipeline.digest = DigestLedger(
                schedule: digest.schedule, now: now, utcOffset: LocalZone.systemOffset(at:))
        }
    }

    // MARK: - Running

    /// Reads what is there, reports ready to systemd, then follows until asked to stop; at
    /// the stop reads what is left and writes the textfile and the checkpoint.
    public func run() {
        startQueueWatcher(configuration)
        poll()
        flush()
        let now = Clocks.monotonicMilliseconds()
        scheduleFlush(from: now)
        if let usec = notifier.watchdogMicroseconds {
            nextWatchdog = now
            logger.info("watchdog every \(usec / 2000) ms")
        }
        notifier.ready()
        logger.info("following \(sources.count) source(s)")
        while true {
            pet()
            waitForWork()
            let requests = control.take()
            if requests.stop || stopFailure != nil {
                // A reload taken with the stop is answered, or its caller would wait forever.
                for (_, done) in requests.reloads {
                    done(LoopControl.ReloadOutcome(deferred: ["the daemon is stopping"]))
                }
                break
            }
            for (config, done) in requests.reloads {
                let deferred = apply(config)
                done(LoopControl.ReloadOutcome(deferred: deferred))
            }
            poll()
            let now = Clocks.monotonicMilliseconds()
            if now >= nextFlush {
                flush()
                status(now: now)
                scheduleFlush(from: now)
            }
            if stopFailure != nil { break }
        }
        let failure = finish()
        control.finish()
        if stopFailure != nil { return }
        if let failure {
            logger.critical("the final checkpoint was not written: \(failure.description)")
            stopFailure = failure
            return
        }
        logger.info("stopped after \(pipeline.lines) line(s) read in this run")
    }

    /// Starts reading the queue when `configuration` asks for it.
    private func startQueueWatcher(_ configuration: Configuration) {
        guard let queue = configuration.queue else { return }
        let reasons = QueueReasonClassifier(
            classifier: options.makeClassifier(configuration),
            providers: ProviderTable.standard.layered(with: configuration.providers))
        let watcher = QueueWatcher(
            config: queue, reasons: reasons, logger: logger, wallClock: options.wallClock)
        watcher.start()
        queueWatcher = watcher
    }

    private func scheduleFlush(from now: Int64) {
        nextFlush = now + Int64(max(1, configuration.metrics.intervalSeconds)) * 1000
    }

    /// Sends `WATCHDOG=1` when half the watchdog interval has passed.
    private func pet() {
        guard let due = nextWatchdog, let usec = notifier.watchdogMicroseconds else { return }
        let now = Clocks.monotonicMilliseconds()
        guard now >= due else { return }
        notifier.watchdog()
        nextWatchdog = now + max(1, Int64(usec / 2000))
    }

    private func status(now: Int64) {
        let elapsed = max(1, now - lastStatusTime)
        let rate = Double(pipeline.lines - linesAtLastStatus) * 1000 / Double(elapsed)
        linesAtLastStatus = pipeline.lines
        lastStatusTime = now
        let up = sources.filter(\.isUp).count
        let rounded = (rate * 10).rounded() / 10
        notifier.status(
            "\(rounded) lines/s; \(pipeline.lines) lines, \(pipeline.events) events since start;"
                + " \(up)/\(sources.count) sources up")
    }

    /// Sleeps until a descriptor wakes up or a deadline passes.
    private func waitForWork() {
        var watches = [Descriptor.Watch(control.wake.descriptor)]
        if let inotify = waker.descriptor { watches.append(Descriptor.Watch(inotify)) }
        for source in sources {
            if let (descriptor, events) = source.pollDescriptor {
                watches.append(Descriptor.Watch(descriptor, events: events))
            }
        }
        let now = Clocks.monotonicMilliseconds()
        var deadline = nextFlush
        if let nextWatchdog { deadline = min(deadline, nextWatchdog) }
        var timeout = Int32(clamping: max(0, deadline - now))
        if !waker.usesInotify { timeout = min(timeout, waker.fallbackInterval) }
        for source in sources {
            if let requested = source.requestedTimeout { timeout = min(timeout, requested) }
        }
        if pipeline.alerts.wantsPromptTick { timeout = min(timeout, 1000) }
        if let failure = Descriptor.wait(watches, milliseconds: timeout) {
            problem("poll", failure.description)
        }
        if waker.usesInotify { _ = waker.drainEvents() }
    }

    // MARK: - Problems

    private var problems: [String: String] = [:]

    /// Logs a problem once until it changes or clears.
    private func problem(_ key: String, _ message: String) {
        guard problems[key] != message else { return }
        problems[key] = message
        logger.error("\(message)")
    }

    private func clearProblem(_ key: String) {
        guard problems.removeValue(forKey: key) != nil else { return }
        logger.info("\(key): working again")
    }
}
