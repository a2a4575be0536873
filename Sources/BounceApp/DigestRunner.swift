import BounceCore
import BounceIngest
import BounceOutput
import BounceSystem

/// What `digest` prints.
public enum DigestOutputFormat: String, CaseIterable, Sendable {
    /// The plain-text digest, for a terminal.
    case text
    /// The HTML part alone, to open in a browser.
    case html
    /// The complete `multipart/alternative` message, for `sendmail -t`.
    case mail
}

/// `bouncewatch digest`: the digest of one period, against the period before it, built from
/// whole log files without a daemon.
public struct DigestRunner: PieceReading {
    public var format: DigestOutputFormat
    /// `[start, end)` in Unix seconds.
    public var start: Int64
    public var end: Int64
    public var logFormat: LogFormat
    /// Input names; `-` is standard input.
    public var inputs: [String]
    /// A configuration file whose `providers:` are layered over the built-in ones.
    public var configPath: String?
    /// The mail's recipients and sender (`--format mail`).
    public var to: [String]
    public var from: String?
    /// This machine's name as the digest shows it; the kernel's host name when nil.
    public var hostname: String?
    /// The mail's date; now when nil.
    public var now: Int64?
    /// Inputs, and pieces of large plain files, read at once (`--jobs`, see `ScanPool`); the
    /// digest is the same whatever the number.
    public var jobs: Int
    /// Whether standard error names the rotated files left unread because their lines all
    /// lie outside the period and the one before it.
    public var verbose = false
    /// The size of the pieces a large plain file is read in (see `ScanRunner.pieceBytes`).
    var pieceBytes = 8 << 20

    public init(
        format: DigestOutputFormat = .text, start: Int64, end: Int64,
        logFormat: LogFormat = .auto, inputs: [String], configPath: String? = nil,
        to: [String] = [], from: String? = nil, hostname: String? = nil, now: Int64? = nil,
        jobs: Int = 1
    ) {
        self.jobs = Swift.max(jobs, 1)
        self.format = format
        self.start = start
        self.end = end
        self.logFormat = logFormat
        self.inputs = inputs
        self.configPath = configPath
        self.to = to
        self.from = from
        self.hostname = hostname
        self.now = now
    }

    /// `[start, end)` of a `--period` (`today`, `yesterday`, `last-week`, a date, `FROM..TO`;
    /// see `ReportPeriod`) in the local zone, now. A digest compares its period with the one
    /// before it, so both ends must be given.
    public static func period(_ text: String) throws(ReportPeriodError) -> (
        start: Int64, end: Int64
    ) {
        let found = try ReportPeriod.period(
            text, now: Int(Clocks.wallSeconds()), utcOffset: LocalZone.systemOffset(at:))
        guard let start = found.start, let end = found.end else {
            throw ReportPeriodError(
                "period '\(text)' is open at one end; a digest needs both (FROM..TO).")
        }
        return (Int64(start), Int64(end))
    }

    /// Runs the command and returns the exit status: 0, 1 when an input could not be read in
    /// full (named on standard error; the others are still counted), 78 when the `--config`
    /// file cannot be used. When no input could be read at all, the errors are all there is to
    /// say: no empty digest is printed under them.
    public func run(output: BufferedOutput = BufferedOutput()) -> Int32 {
        guard let providers = ProviderLoading.table(configPath: configPath) else {
            return ProviderLoading.configurationFailure
        }
        var periods = emptyTotals(providers)
        let zone = LocalZone()
        var failures = 0
        var reading = self
        reading.inputs = PeriodInputs.kept(
            inputs, period: ReportPeriod(start: Int(start - (end - start)), end: Int(end)),
            format: logFormat, zone: zone, verbose: verbose,
            reason: "its lines lie outside the period and the one before it")
        let pool = ScanPool(runner: reading, providers: providers)
        for (index, name) in reading.inputs.enumerated() {
            let scanned = pool.input(index, into: &periods)
            for note in scanned.notes(input: name) { reportError(note) }
            if let error = scanned.error {
                reportError(error.description)
                periods.current.countUnreadableInput(source: name, reason: error.reason)
                failures += 1
            }
        }
        if failures > 0, failures == inputs.count {
            output.flush()
            return 1
        }
        let host = HostName.resolve(hostname)
        let digest = Digest(
            hostname: host, start: start, end: end,
            utcOffsetSeconds: zone.offset(at: Int(start)),
            current: periods.current.report(), previous: periods.previous.report())
        switch format {
        case .text: output.write(DigestTextRenderer.render(digest))
        case .html: output.write(DigestHTMLRenderer.render(digest))
        case .mail:
            let date = now ?? Clocks.wallSeconds()
            let envelope = AlertMailEnvelope(
                hostname: host, from: from ?? "bouncewatch@\(host)",
                to: to.isEmpty ? ["postmaster"] : to, messageID: "", date: date,
                utcOffsetSeconds: LocalZone.systemOffset(at: Int(date)))
            output.write(DigestMail.compose(digest, envelope: envelope))
        }
        output.flush()
        return failures > 0 ? 1 : 0
    }

    func emptyTotals(_ providers: ProviderTable) -> DigestPeriods {
        DigestPeriods(start: start, end: end, providers: providers)
    }

    func merge(_ later: DigestPeriods, into periods: inout DigestPeriods) {
        periods.current.merge(later.current)
        periods.previous.merge(later.previous)
    }

    /// Parses input `name`, or the piece `range` of it, places each event on the time line,
    /// and counts it into the period it falls in.
    /// A worker keeps its zone (`LocalZone` caches) from one piece to the next.
    func makeWorker() -> LocalZone {
        LocalZone()
    }

    func scanInput(
        _ name: String, range: Range<Int>?, into periods: inout DigestPeriods,
        worker zone: inout LocalZone
    ) -> InputScan {
        let reader: LineReader
        do throws(IngestError) {
            reader = try InputOpening.open(name, range: range)
        } catch {
            var scanned = InputScan(reference: 0)
            scanned.error = error
            return scanned
        }
        var scanned = InputScan(reference: reader.modificationTime ?? Int(Clocks.wallSeconds()))
        // Both periods at once: an event outside them is left out before it is classified.
        var clock = EventClock(
            period: ReportPeriod(start: Int(start - (end - start)), end: Int(end)),
            resolver: zone.resolver(reference: scanned.reference))
        let classifier = Classifier.standard
        // Container logs (compose prefixes, json-file records) read as the container's lines.
        let lines = InputLines(parser: LineParser(format: logFormat, readsMessages: false))
        func count(_ outcome: LineOutcome, _ event: RawEvent, _ line: UnsafeBufferPointer<UInt8>) {
            guard case .event = outcome, case .inside(let moment?) = clock.place(event.timestamp),
                let slot = periods.slot(of: Int64(moment))
            else { return }
            let classification =
                event.isSuccessfulDelivery ? nil : classifier.classify(event, in: line)
            switch slot {
            case .current:
                periods.current.countLines(events: 1, ignored: 0, unrecognized: 0, source: name)
                periods.current.add(event, classification, in: line)
            case .previous:
                periods.previous.countLines(events: 1, ignored: 0, unrecognized: 0, source: name)
                periods.previous.add(event, classification, in: line)
            }
        }
        do throws(IngestError) {
            try reader.forEachLine { whole, _ in
                // A record may continue on the next line: a piece holding one is read again
                // whole (see `ScanPool`).
                if InputLines.isRecord(whole) { scanned.sawRecords = true }
                lines.read(whole, count)
            }
            lines.finish(count)
        } catch {
            scanned.error = error
        }
        scanned.truncatedLines = lines.truncatedLines
        scanned.maxLineLength = lines.maxLineLength
        scanned.recordProblems = lines.problems
        scanned.lastRecordProblem = lines.lastProblem
        scanned.orderedWithoutHistory = clock.orderedWithoutHistory
        return scanned
    }
}

/// The two aggregates a digest compares: the period and the one of the same length before it.
struct DigestPeriods {
    enum Slot { case current, previous }

    let start: Int64
    let end: Int64
    var current: ScanAggregator
    var previous: ScanAggregator

    init(start: Int64, end: Int64, providers: ProviderTable) {
        self.start = start
        self.end = end
        current = ScanAggregator(topDestinations: Digest.rowLimit, providers: providers)
        previous = ScanAggregator(topDestinations: Digest.rowLimit, providers: providers)
    }

    /// Which period an instant falls in, if any: `[start, end)` or `[start - length, start)`.
    func slot(of instant: Int64) -> Slot? {
        if instant >= start && instant < end { return .current }
        if instant >= start - (end - start) && instant < start { return .previous }
        return nil
    }
}
