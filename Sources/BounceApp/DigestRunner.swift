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
public struct DigestRunner {
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

    public init(
        format: DigestOutputFormat = .text, start: Int64, end: Int64,
        logFormat: LogFormat = .auto, inputs: [String], configPath: String? = nil,
        to: [String] = [], from: String? = nil, hostname: String? = nil, now: Int64? = nil
    ) {
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
        var periods = DigestPeriods(start: start, end: end, providers: providers)
        let zone = LocalZone()
        var failures = 0
        for name in inputs {
            do throws(IngestError) {
                let reader = try InputOpening.open(name)
                let reference = reader.modificationTime ?? Int(Clocks.wallSeconds())
                var resolver = zone.resolver(reference: reference)
                try read(reader, source: name, into: &periods, resolver: &resolver)
            } catch {
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

    /// Parses, places each event on the time line, and counts it into the period it falls in.
    private func read(
        _ reader: LineReader, source: String, into periods: inout DigestPeriods,
        resolver: inout TimeResolver
    ) throws(IngestError) {
        let parser = LineParser(format: logFormat)
        let classifier = Classifier.standard
        // Container logs (compose prefixes, json-file records) read as the container's lines.
        let lines = InputLines(parser: parser)
        defer {
            if let note = InputOpening.truncationNote(lines, input: source) { reportError(note) }
            if let note = lines.problemNote(input: source) { reportError(note) }
        }
        func count(_ outcome: LineOutcome, _ event: RawEvent, _ line: UnsafeBufferPointer<UInt8>) {
            guard case .event = outcome, let stamp = event.timestamp else { return }
            let instant = Int64(resolver.resolve(stamp).unixSeconds)
            guard let slot = periods.slot(of: instant) else { return }
            let classification =
                event.isSuccessfulDelivery ? nil : classifier.classify(event, in: line)
            switch slot {
            case .current:
                periods.current.countLines(events: 1, ignored: 0, unrecognized: 0, source: source)
                periods.current.add(event, classification, in: line)
            case .previous:
                periods.previous.countLines(events: 1, ignored: 0, unrecognized: 0, source: source)
                periods.previous.add(event, classification, in: line)
            }
        }
        try reader.forEachLine { whole, _ in lines.read(whole, count) }
        lines.finish(count)
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
