import BounceCore
import BounceIngest
import BounceOutput
import BounceSystem

/// What `scan` prints.
public enum ScanOutputFormat: String, CaseIterable, Sendable {
    case text
    case json
    case prometheus
    /// One self-contained HTML page with charts.
    case html
}

/// `bouncewatch scan`: a report by cause and destination over whole log files.
public struct ScanRunner: PieceReading {
    /// The most destination domains a report can list (memory stays bounded).
    public static let maximumTopDestinations = ScanAggregator.maximumTopDestinations

    public var format: ScanOutputFormat
    public var topDestinations: Int
    public var logFormat: LogFormat
    /// Input names; `-` is standard input.
    public var inputs: [String]
    /// A configuration file whose `providers:` are layered over the built-in ones.
    public var configPath: String?
    /// Only events in this period are counted (`--since`, `--until`); nil counts every event.
    public var period: ReportPeriod?
    /// Inputs, and pieces of large plain files, read at once (`--jobs`); 1 reads them one after
    /// the other in a single pass. The report is the same whatever the number.
    public var jobs: Int
    /// Whether standard error names the inputs left out by the period.
    public var verbose = false
    /// Whether each message is followed by queue id (`--senders`): the report's Senders and
    /// Authenticated users sections, and Exim's delays from arrival. Off by default, as it
    /// costs about a fifth more per line (docs/benchmarks.md).
    public var senders = false
    /// The size of the pieces a large plain file is read in (see `ScanPool`). Small enough
    /// for every core to have work in one large file, large enough that merging the pieces'
    /// aggregates costs little beside reading them.
    var pieceBytes = 8 << 20

    public init(
        format: ScanOutputFormat = .text, topDestinations: Int = 10, logFormat: LogFormat = .auto,
        inputs: [String], configPath: String? = nil, period: ReportPeriod? = nil, jobs: Int = 1
    ) {
        self.jobs = Swift.max(jobs, 1)
        self.configPath = configPath
        self.period = period.flatMap { $0.isUnbounded ? nil : $0 }
        self.format = format
        self.topDestinations = topDestinations
        self.logFormat = logFormat
        self.inputs = inputs
    }

    /// The most workers `--jobs` may ask for.
    public static let maximumJobs = 256

    /// The workers `scan` uses when `--jobs` is not given: one per processor online.
    public static func defaultJobs() -> Int {
        Swift.min(ProcessorCount.online(), maximumJobs)
    }

    /// The period `--since` and `--until` name, read in the host's zone relative to now; nil
    /// when neither is given.
    public static func period(
        since: String?, until: String?
    ) throws(ReportPeriodError) -> ReportPeriod? {
        guard since != nil || until != nil else { return nil }
        let zone = LocalZone()
        return try ReportPeriod.bounds(
            since: since, until: until, now: Int(Clocks.wallSeconds()),
            utcOffset: { zone.offset(at: $0) })
    }

    /// Runs the command and returns the exit status: 0, or 1 when an input could not be read
    /// in full. Each such input is named on standard error and listed in the report; the
    /// others are still counted. When every input failed and not one line was read, the errors
    /// are all there is to say: no empty report is printed under them. 78 when the `--config`
    /// file cannot be used.
    public func run(output: BufferedOutput = BufferedOutput()) -> Int32 {
        guard let providers = ProviderLoading.table(configPath: configPath) else {
            return ProviderLoading.configurationFailure
        }
        var totals = emptyTotals(providers)
        var span = EventSpan()
        let zone = LocalZone()
        var failures = 0
        var outside = 0
        var reading = self
        reading.inputs = readInputs(zone: zone)
        let pool = ScanPool(runner: reading, providers: providers)
        for (index, name) in reading.inputs.enumerated() {
            let scanned = pool.input(index, into: &totals)
            outside += scanned.outside
            span.add(scanned.stamps, reference: scanned.reference, zone: zone)
            for note in scanned.notes(input: name) { reportError(note) }
            if let error = scanned.error {
                reportError(error.description)
                totals.aggregator.countUnreadableInput(source: name, reason: error.reason)
                failures += 1
            }
        }
        let timeline = totals.timeline
        var report = totals.aggregator.report()
        if failures == inputs.count, report.lines.allSatisfy({ Self.readNothing($0) }) {
            output.flush()
            return 1
        }
        span.apply(to: &report)
        if let period {
            report.period = ScanPeriod(
                start: period.start.map {
                    LogInstant(unixSeconds: $0, utcOffsetSeconds: zone.offset(at: $0))
                },
                end: period.end.map {
                    LogInstant(unixSeconds: $0, utcOffsetSeconds: zone.offset(at: $0))
                },
                eventsOutside: outside)
        }
        report.timeline = timeline?.report(utcOffset: { zone.offset(at: $0) })
        output.write(render(report, zone: zone))
        output.flush()
        return failures > 0 ? 1 : 0
    }

    /// The clock for the HTML report's header, in the local zone.
    private static func now(zone: LocalZone) -> LogInstant {
        let seconds = Int(Clocks.wallSeconds())
        return LogInstant(unixSeconds: seconds, utcOffsetSeconds: zone.offset(at: seconds))
    }

    private static func readNothing(_ lines: SourceLines) -> Bool {
        lines.events == 0 && lines.ignored == 0 && lines.unrecognized == 0 && lines.truncated == 0
    }

    /// The inputs worth reading: with a period, rotated files whose lines all lie outside it
    /// are left out (see `ArchiveSkip`), and named on standard error with `verbose`.
    func readInputs(zone: LocalZone) -> [String] {
        guard let period else { return inputs }
        return PeriodInputs.kept(
            inputs, period: period, format: logFormat, zone: zone, verbose: verbose,
            reason: "its lines lie outside the period")
    }

    /// Nothing counted yet.
    func emptyTotals(_ providers: ProviderTable) -> ScanTotals {
        var aggregator = ScanAggregator(topDestinations: topDestinations, providers: providers)
        aggregator.followsMessages = senders
        return ScanTotals(
            aggregator: aggregator,
            // Only the HTML report draws failures over time; the other formats skip the work.
            timeline: format == .html ? FailureTimeline() : nil)
    }

    func merge(_ later: ScanTotals, into totals: inout ScanTotals) {
        totals.merge(later)
    }

    /// A worker's memories, kept from one piece to the next (see `ScanWorker`).
    func makeWorker() -> ScanWorker {
        ScanWorker()
    }

    /// Reads input `name`, or only the piece `range` of it (a plain file), into `totals`.
    func scanInput(
        _ name: String, range: Range<Int>?, into totals: inout ScanTotals,
        worker: inout ScanWorker
    ) -> InputScan {
        let zone = worker.zone
        let reader: LineReader
        do throws(IngestError) {
            reader = try InputOpening.open(name, range: range)
        } catch {
            var scanned = InputScan(reference: 0)
            scanned.error = error
            return scanned
        }
        var scanned = InputScan(reference: reader.modificationTime ?? Int(Clocks.wallSeconds()))
        var clock =
            period != nil || totals.timeline != nil
            ? EventClock(period: period, resolver: zone.resolver(reference: scanned.reference))
            : nil
        var stamps = EventSpan.Input()
        do throws(IngestError) {
            try scan(
                reader, source: name, into: &totals.aggregator, stamps: &stamps, clock: &clock,
                timeline: &totals.timeline, scanned: &scanned, worker: &worker)
        } catch {
            scanned.error = error
        }
        scanned.stamps = stamps
        scanned.outside = clock?.outside ?? 0
        scanned.orderedWithoutHistory = clock?.orderedWithoutHistory ?? false
        return scanned
    }

    /// The hot loop: parse, classify failures, count. Nothing is decoded or allocated per line.
    func scan(
        _ reader: LineReader, source: String, into aggregator: inout ScanAggregator,
        stamps: inout EventSpan.Input, clock: inout EventClock?,
        timeline: inout FailureTimeline?, scanned: inout InputScan, worker: inout ScanWorker
    ) throws(IngestError) {
        let parser = LineParser(format: logFormat, readsMessages: senders)
        // Lines are tallied here and handed over once, also when reading fails half-way.
        var counter = ScanLineCounter(reusing: worker.lendClassifier())
        defer {
            aggregator.countLines(
                events: counter.events, ignored: counter.ignored,
                unrecognized: counter.unrecognized, source: source)
            worker.giveBack(counter.classifier)
        }
        // Container logs (compose prefixes, json-file records) read as the container's lines.
        let lines = InputLines(parser: parser)
        defer {
            for _ in 0..<lines.truncatedLines { aggregator.countTruncatedLine(source: source) }
            scanned.truncatedLines = lines.truncatedLines
            scanned.maxLineLength = lines.maxLineLength
            scanned.recordProblems = lines.problems
            scanned.lastRecordProblem = lines.lastProblem
        }
        // One event for the whole input, filled in place by the parser, and the stamp of the
        // line before.
        var event = RawEvent.unparsed()
        var stampCache = StampCache()
        try reader.forEachLine { whole, _ in
            // A blank line is no log line at all; counting it as unrecognized would mislead.
            if whole.isEmpty { return }
            // A json-file record goes through `lines`; a plain line stays on this path, which
            // allocates nothing and copies no event.
            if InputLines.isRecord(whole) {
                scanned.sawRecords = true
                lines.read(whole) { outcome, recordEvent, line in
                    var recordEvent = recordEvent
                    counter.count(
                        outcome, &recordEvent, line, into: &aggregator, stamps: &stamps,
                        clock: &clock, timeline: &timeline)
                }
                return
            }
            // `docker compose logs` output reads as the container's own lines.
            var line = lines.cut(whole)
            let outcome = ComposePrefix.parse(
                &line, with: parser, into: &event, stamps: &stampCache)
            if line.isEmpty { return }
            counter.count(
                outcome, &event, line, into: &aggregator, stamps: &stamps, clock: &clock,
                timeline: &timeline)
        }
        lines.finish { outcome, recordEvent, line in
            var recordEvent = recordEvent
            counter.count(
                outcome, &recordEvent, line, into: &aggregator, stamps: &stamps, clock: &clock,
                timeline: &timeline)
        }
    }

    func render(_ report: ScanReport, zone: LocalZone) -> String {
        switch format {
        case .text: ScanTextRenderer.render(report)
        case .json: ScanJSONRenderer.render(report) + "\n"
        case .prometheus: ScanPrometheusRenderer.render(report, version: BuildInfo.version)
        case .html:
            ScanHTMLRenderer.render(
                report, generatedAt: Self.now(zone: zone), version: BuildInfo.version)
        }
    }
}
