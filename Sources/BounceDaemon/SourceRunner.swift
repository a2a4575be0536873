import BounceCore
import BounceIngest
import BounceSystem
import Logging

/// One configured source on the loop's thread: its reader, its parser and its clock.
final class SourceRunner {
    enum Reader {
        case file(FileSourceReader)
        case journal(JournalSourceReader)
        case docker(DockerSourceReader)
    }

    let config: SourceConfig
    let reader: Reader
    private let parser: LineParser
    /// Places year-less stamps in time, each line against the reading clock.
    private var resolver: TimeResolver
    /// The last problem logged, so a lasting one is logged once, not at every wakeup.
    private var lastProblem: String?
    /// Whether the last read worked and something is being read.
    private(set) var isUp = false
    private let logger: Logger

    var name: String { config.name }

    init(
        config: SourceConfig, saved: SourceCheckpoint?, waker: FollowWaker, zone: LocalZone,
        now: Int64, logger: Logger, readsMessages: Bool = true
    ) {
        self.config = config
        self.logger = logger
        resolver = TimeResolver(reference: Int(now), utcOffset: { zone.offset(at: $0) })
        switch config {
        case .file(let file):
            // Message notes only when the message state is followed: otherwise those lines
            // are read no further, as before it.
            parser = LineParser(format: file.format, readsMessages: readsMessages)
            var positions: [String: FilePosition]?
            if case .files(let saved) = saved { positions = saved }
            reader = .file(FileSourceReader(config: file, saved: positions, waker: waker))
        case .journal(let journal):
            parser = LineParser(format: .auto)
            reader = .journal(JournalSourceReader(config: journal, saved: saved))
        case .docker(let docker):
            parser = LineParser(format: docker.format)
            var positions: [String: FilePosition]?
            if case .files(let saved) = saved { positions = saved }
            reader = .docker(DockerSourceReader(config: docker, saved: positions, waker: waker))
        }
    }

    /// The journal descriptor to poll, with its events; nil for files (inotify covers them).
    var pollDescriptor: (Int32, Int16)? {
        guard case .journal(let journal) = reader, let source = journal.source,
            let descriptor = source.fileDescriptor
        else { return nil }
        return (descriptor, source.pollEvents)
    }

    /// How soon the journal wants `process()` called without a wakeup, in milliseconds.
    var requestedTimeout: Int32? {
        guard case .journal(let journal) = reader else { return nil }
        return journal.source?.requestedTimeoutMilliseconds
    }

    /// Reads everything new into `pipeline`. `retry` allows reopening a journal that failed;
    /// `now` is the wall clock, which year-less stamps may not be more than a few days ahead of.
    func poll(into pipeline: inout EventPipeline, retry: Bool, now: Int64) {
        let name = config.name
        resolver.advance(reference: Int(now))
        switch reader {
        case .file(let file):
            // One event parsed into in place, and the stamp of the line before kept, for all
            // the lines of this poll; the parser and the resolver as locals, so no line
            // reaches into this object (a retain and an exclusivity check each).
            // The lines are counted once the poll ends (`PollLineCounts`).
            var event = RawEvent.unparsed()
            var stamps = StampCache()
            var counts = PollLineCounts()
            let parser = parser
            var resolver = resolver
            defer { self.resolver = resolver }
            let errors = file.poll { line in
                // A blank line is no log line at all; counting it as unrecognized would mislead.
                if line.isEmpty { return }
                let outcome = parser.parse(line, into: &event, stamps: &stamps)
                counts.add(outcome)
                if outcome == .message {
                    pipeline.noteMessage(&event, line: line)
                    return
                }
                guard outcome == .event else { return }
                pipeline.takeEvent(&event, line: line, source: name) { event in
                    event.timestamp.map { Int64(resolver.resolve($0).unixSeconds) }
                }
            }
            pipeline.countLines(counts, source: name)
            pipeline.countTruncated(file.takeTruncatedLines(), source: name)
            report(file.takeNotices())
            if let error = errors.first {
                problem(error.description)
            } else {
                recovered()
            }
            isUp = errors.isEmpty && file.isReading
        case .docker(let docker):
            pollDocker(docker, into: &pipeline, retry: retry)
        case .journal(let journal):
            let format = config.format
            do throws(JournalError) {
                if journal.source == nil {
                    guard retry else { return }
                    try journal.open()
                    logger.info("\(name): reading \(journal.location)")
                }
                try journal.acknowledgeWakeup()
                try journal.poll(format: format) { outcome, event, line, record in
                    pipeline.take(outcome, event: event, line: line, source: name) { _ in
                        Int64(record.realtimeMicroseconds / 1_000_000)
                    }
                }
                pipeline.countTruncated(journal.takeTruncatedLines(), source: name)
                recovered()
                isUp = true
            } catch {
                problem(error.description)
                isUp = false
            }
        }
    }

    private func pollDocker(
        _ docker: DockerSourceReader, into pipeline: inout EventPipeline, retry: Bool
    ) {
        let name = config.name
        let errors = docker.poll(retry: retry) { outcome, event, line in
            pipeline.take(outcome, event: event, line: line, source: name) { event in
                event.timestamp.map { Int64(resolver.resolve($0).unixSeconds) }
            }
        }
        pipeline.countTruncated(docker.takeTruncatedLines(), source: name)
        report(docker.takeNotices())
        let problems = docker.takeProblems()
        if problems.count > 0, let last = problems.last, let path = docker.path {
            logger.warning(
                "\(name): \(path): \(problems.count) line(s) counted as unrecognized: \(last)")
        }
        if let error = errors.first {
            problem(error)
        } else {
            recovered()
        }
        isUp = errors.isEmpty && docker.isReading
    }

    /// Logs what the followers recovered or lost: a loss is a warning, never silent.
    private func report(_ notices: [(path: String, notice: FollowNotice)]) {
        for (path, notice) in notices {
            switch notice {
            case .lost, .copyTooShort, .tooManyFiles:
                logger.warning("\(config.name): \(notice)")
            case .resumingInCopy, .readCopy:
                logger.info("\(config.name): \(path): \(notice)")
            }
        }
    }

    /// Files whose unread lines could not be found, since the start.
    var lostFiles: Int {
        switch reader {
        case .file(let file): return file.lostFiles
        case .docker(let docker): return docker.lostFiles
        case .journal: return 0
        }
    }

    private func problem(_ message: String) {
        guard message != lastProblem else { return }
        lastProblem = message
        logger.error("\(config.name): \(message)")
    }

    private func recovered() {
        guard lastProblem != nil else { return }
        lastProblem = nil
        logger.info("\(config.name): reading again")
    }

    /// Where the source stands, for the checkpoint.
    var checkpoint: SourceCheckpoint {
        switch reader {
        case .file(let file): file.checkpoint
        case .journal(let journal): journal.checkpoint
        case .docker(let docker): docker.checkpoint
        }
    }
}

extension SourceConfig {
    /// The log format to parse with; a journal's identifier picks the parser.
    var format: LogFormat {
        switch self {
        case .file(let file): file.format
        case .journal: .auto
        case .docker(let docker): docker.format
        }
    }
}
