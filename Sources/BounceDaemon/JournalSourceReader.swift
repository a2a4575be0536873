import BounceCore
import BounceIngest

/// A `type: journal` source: a `JournalSource` opened for following, reopened after errors.
final class JournalSourceReader {
    let config: JournalSourceConfig
    private(set) var source: JournalSource?
    /// Where to continue when (re)opening.
    private var cursor: String?
    private var seen: Bool
    private var line: [UInt8] = []
    /// The event each record is parsed into, kept between records.
    private var event = RawEvent.unparsed()
    private var truncatedSoFar = 0

    /// Continues after `saved` when the source was seen before, else as `start_at` says.
    init(config: JournalSourceConfig, saved: SourceCheckpoint?) {
        self.config = config
        if case .journal(let cursor) = saved {
            self.cursor = cursor
            seen = true
        } else {
            seen = false
        }
    }

    var location: JournalLocation {
        if !config.files.isEmpty { return .files(config.files) }
        if let directory = config.directory { return .directory(directory) }
        return .system
    }

    /// Opens the journal unless it is open. A source seen before with no cursor yet has read
    /// nothing, so it reads from the head.
    func open() throws(JournalError) {
        guard source == nil else { return }
        let start: JournalStart
        if let cursor {
            start = .cursor(cursor)
        } else if seen || config.startAt == .beginning {
            start = .head
        } else {
            start = .tail
        }
        let opened = try JournalSource(
            location: location, start: start, identifierPrefixes: config.identifiers,
            container: config.container, follow: true)
        source = opened
        seen = true
        truncatedSoFar = 0
    }

    /// Reads every new record, parsed from its own fields.
    func poll(
        format: LogFormat,
        _ body: (LineOutcome, RawEvent, UnsafeBufferPointer<UInt8>, JournalRecord) -> Void
    ) throws(JournalError) {
        guard let source else { return }
        do {
            while let record = try source.next() {
                let outcome = record.parse(into: &line, format: format, event: &event)
                line.withUnsafeBufferPointer { body(outcome, event, $0, record) }
            }
        } catch {
            // Keep what was read, and reopen from there on the next try.
            cursor = source.position() ?? cursor
            self.source = nil
            throw error
        }
        cursor = source.position() ?? cursor
    }

    /// Tells libsystemd its descriptor woke up, so it rearms its watches.
    func acknowledgeWakeup() throws(JournalError) {
        guard let source else { return }
        do {
            _ = try source.process()
        } catch {
            cursor = source.position() ?? cursor
            self.source = nil
            throw error
        }
    }

    /// Messages cut at the length limit since the last call.
    func takeTruncatedLines() -> Int {
        let total = source?.truncatedMessages ?? truncatedSoFar
        defer { truncatedSoFar = total }
        return total - truncatedSoFar
    }

    var checkpoint: SourceCheckpoint {
        .journal(cursor: source?.position() ?? cursor)
    }
}
