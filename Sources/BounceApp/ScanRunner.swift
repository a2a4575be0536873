import BounceCore
import BounceIngest
import BounceOutput
import BounceSystem

/// What `scan` prints.
public enum ScanOutputFormat: String, CaseIterable, Sendable {
    case text
    case json
    case prometheus
}

/// `bouncewatch scan`: a report by cause and destination over whole log files.
public struct ScanRunner {
    /// The most destination domains a report can list (memory stays bounded).
    public static let maximumTopDestinations = ScanAggregator.maximumTopDestinations

    public var format: ScanOutputFormat
    public var topDestinations: Int
    public var logFormat: LogFormat
    /// Input names; `-` is standard input.
    public var inputs: [String]
    /// A configuration file whose `providers:` are layered over the built-in ones.
    public var configPath: String?

    public init(
        format: ScanOutputFormat = .text, topDestinations: Int = 10, logFormat: LogFormat = .auto,
        inputs: [String], configPath: String? = nil
    ) {
        self.configPath = configPath
        self.format = format
        self.topDestinations = topDestinations
        self.logFormat = logFormat
        self.inputs = inputs
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
        var aggregator = ScanAggregator(topDestinations: topDestinations, providers: providers)
        var span = EventSpan()
        let zone = LocalZone()
        var failures = 0
        for name in inputs {
            do throws(IngestError) {
                let reader = try InputOpening.open(name)
                var stamps = EventSpan.Input()
                defer {
                    for _ in 0..<reader.truncatedLines {
                        aggregator.countTruncatedLine(source: name)
                    }
                    if let note = InputOpening.truncationNote(reader) { reportError(note) }
                    let reference = reader.modificationTime ?? Int(Clocks.wallSeconds())
                    span.add(stamps, reference: reference, zone: zone)
                }
                try scan(reader, source: name, into: &aggregator, stamps: &stamps)
            } catch {
                reportError(error.description)
                aggregator.countUnreadableInput(source: name, reason: error.reason)
                failures += 1
            }
        }
        var report = aggregator.report()
        if failures == inputs.count, report.lines.allSatisfy({ Self.readNothing($0) }) {
            output.flush()
            return 1
        }
        span.apply(to: &report)
        output.write(render(report))
        output.flush()
        return failures > 0 ? 1 : 0
    }

    private static func readNothing(_ lines: SourceLines) -> Bool {
        lines.events == 0 && lines.ignored == 0 && lines.unrecognized == 0 && lines.truncated == 0
    }

    /// The hot loop: parse, classify failures, count. Nothing is decoded or allocated per line.
    func scan(
        _ reader: LineReader, source: String, into aggregator: inout ScanAggregator,
        stamps: inout EventSpan.Input
    ) throws(IngestError) {
        let parser = LineParser(format: logFormat)
        let classifier = Classifier.standard
        // One event for the whole input, filled in place by the parser.
        var event = RawEvent.unparsed()
        // Lines are tallied here and handed over once, also when reading fails half-way.
        var events = 0
        var ignored = 0
        var unrecognized = 0
        defer {
            aggregator.countLines(
                events: events, ignored: ignored, unrecognized: unrecognized, source: source)
        }
        try reader.forEachLine { whole, _ in
            // A blank line is no log line at all; counting it as unrecognized would mislead.
            if whole.isEmpty { return }
            // `docker compose logs` output reads as the container's own lines.
            var line = whole
            let outcome = ComposePrefix.parse(&line, with: parser, into: &event)
            if line.isEmpty { return }
            switch outcome {
            case .event: events += 1
            case .ignored:
                ignored += 1
                return
            case .unrecognized:
                unrecognized += 1
                aggregator.noteUnrecognized(line)
                return
            }
            if let stamp = event.timestamp { stamps.note(stamp) }
            let classification =
                event.isSuccessfulDelivery ? nil : classifier.classify(event, in: line)
            aggregator.add(event, classification, in: line)
        }
    }

    func render(_ report: ScanReport) -> String {
        switch format {
        case .text: ScanTextRenderer.render(report)
        case .json: ScanJSONRenderer.render(report) + "\n"
        case .prometheus: ScanPrometheusRenderer.render(report, version: BuildInfo.version)
        }
    }
}
