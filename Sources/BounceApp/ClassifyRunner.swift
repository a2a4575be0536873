import BounceCore
import BounceIngest
import BounceOutput
import BounceSystem

/// `bouncewatch classify`: one JSON object per event line.
public struct ClassifyRunner {
    public var explain: Bool
    public var format: LogFormat
    /// Input names; empty means standard input.
    public var inputs: [String]

    public init(explain: Bool = false, format: LogFormat = .auto, inputs: [String] = []) {
        self.explain = explain
        self.format = format
        self.inputs = inputs
    }

    /// Runs the command and returns the exit status: 0, or 1 when an input could not be read
    /// in full (each such input is named on standard error; the others are still processed).
    public func run(output: BufferedOutput = BufferedOutput()) -> Int32 {
        let parser = LineParser(format: format)
        let classifier = Classifier.standard
        let zone = LocalZone()
        let names = inputs.isEmpty ? ["-"] : inputs
        var failed = false
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
            // One event for the whole input, filled in place by the parser.
            var event = RawEvent.unparsed()
            do throws(IngestError) {
                try reader.forEachLine { whole, number in
                    // `docker compose logs` output reads as the container's own lines.
                    var line = whole
                    guard ComposePrefix.parse(&line, with: parser, into: &event) == .event
                    else { return }
                    var record = EventJSON(
                        event: event, line: line, lineNumber: number, file: file,
                        time: event.timestamp.map { resolver.resolve($0) })
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
            } catch {
                output.flush()
                reportError(error.description)
                failed = true
            }
            if let note = InputOpening.truncationNote(reader) {
                output.flush()
                reportError(note)
            }
        }
        output.flush()
        return failed ? 1 : 0
    }
}
