import BounceCore
import BounceIngest
import BounceOutput
import BounceSystem

/// `bouncewatch classify`: one JSON object per event line; a delivery also says who sent its
/// message when earlier lines of the input did (`ClassifyMessages`).
public struct ClassifyRunner {
    public var explain: Bool
    public var format: LogFormat
    /// Input names; empty means standard input.
    public var inputs: [String]
    /// A configuration file whose `providers:` are layered over the built-in ones.
    public var configPath: String?

    public init(
        explain: Bool = false, format: LogFormat = .auto, inputs: [String] = [],
        configPath: String? = nil
    ) {
        self.explain = explain
        self.format = format
        self.inputs = inputs
        self.configPath = configPath
    }

    /// Runs the command and returns the exit status: 0, or 1 when an input could not be read
    /// in full (each such input is named on standard error; the others are still processed),
    /// 78 when the `--config` file cannot be used.
    public func run(output: BufferedOutput = BufferedOutput()) -> Int32 {
        guard let providers = ProviderLoading.table(configPath: configPath) else {
            return ProviderLoading.configurationFailure
        }
        let parser = LineParser(format: format)
        let classifier = Classifier.standard
        let zone = LocalZone()
        let names = inputs.isEmpty ? ["-"] : inputs
        var failed = false
        var messages = ClassifyMessages()
        for name in names {
            let reader: LineReader
            do throws(IngestError) {
                reader = try InputOpening.open(name)
            } catch {
                output.flush()
                reportError(error.description)
                failed = true
                continue
            }
            var resolver = zone.resolver(
                reference: reader.modificationTime ?? Int(Clocks.wallSeconds()))
            let file = inputs.isEmpty ? nil : name
            // Container logs (compose prefixes, json-file records) read as the container's
            // own lines.
            let lines = InputLines(parser: parser)
            func emit(
                _ outcome: LineOutcome, _ event: RawEvent, _ line: UnsafeBufferPointer<UInt8>,
                number: Int
            ) {
                if outcome == .message { messages.note(event, in: line) }
                guard outcome == .event else { return }
                var record = EventJSON(
                    event: event, line: line, lineNumber: number, file: file,
                    time: event.timestamp.map { resolver.resolve($0) })
                if event.kind == .delivery {
                    if let match = providers.decide(event, in: line) {
                        record.provider = (providers.providers[match.index].name, match.basis)
                    }
                    record.sender = messages.sender(of: event, in: line)
                }
                if event.status != .sent {
                    if explain {
                        let explanation = ExplainedVerdict(classifier, event, in: line)
                        record.explanation = explanation
                        record.classification = explanation.classification
                    } else {
                        record.classification = classifier.classify(event, in: line)
                    }
                }
                var json = JSONWriter()
                record.write(to: &json, explain: explain)
                output.write(json.bytes)
                output.write(byte: 0x0A)
            }
            var lastNumber = 0
            do throws(IngestError) {
                try reader.forEachLine { whole, number in
                    lastNumber = number
                    lines.read(whole) { emit($0, $1, $2, number: number) }
                }
            } catch {
                output.flush()
                reportError(error.description)
                failed = true
            }
            lines.finish { emit($0, $1, $2, number: lastNumber) }
            if let note = lines.problemNote(input: name) {
                output.flush()
                reportError(note)
            }
            if let note = InputOpening.truncationNote(lines, input: reader.path) {
                output.flush()
                reportError(note)
            }
        }
        output.flush()
        return failed ? 1 : 0
    }
}
