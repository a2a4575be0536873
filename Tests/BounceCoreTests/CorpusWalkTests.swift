import Foundation
import Testing

@testable import BounceCore

/// Walks every real log line of `../shared/corpus` through the parser and the classifier.
///
/// The corpus is read in place (part of it is copyleft and must not be copied into the
/// repository). Without `../shared` these tests say so and check nothing; CI always has it.
@Suite("Corpus walk")
struct CorpusWalkTests {
    @Test("every delivery line of the corpus becomes an event")
    func everyDeliveryLineBecomesAnEvent() {
        let files = SharedCorpus.allFiles()
        guard !files.isEmpty else { return }
        #expect(files.count >= 20, "the corpus should hold at least 20 log files")
        var totals = WalkCounts()
        for file in files {
            let name = CorpusLines.relativeName(of: file)
            let family = CorpusLines.family(of: file)
            var counts = WalkCounts()
            for (number, line) in CorpusLines.load(file) {
                let result = parseAndCheck(line, name: "\(name):\(number)")
                counts.add(result)
                guard family.isDeliveryLine(line) else { continue }
                counts.deliveryLines += 1
                if case .event = result { continue }
                counts.missed += 1
                let text = String(decoding: line, as: UTF8.self)
                Issue.record("\(name):\(number): delivery line gave \(result.identifier): \(text)")
            }
            print("corpus \(name): \(counts.summary)")
            totals.merge(counts)
        }
        print("corpus total: \(totals.summary)")
        #expect(totals.deliveryLines > 1000, "the walk should meet over 1000 delivery lines")
        #expect(totals.missed == 0)
    }

    @Test("corpus lines cut at random byte positions never crash the parser")
    func linesCutAtRandomPositions() {
        let files = SharedCorpus.allFiles()
        guard !files.isEmpty else { return }
        var random = CutPositions(seed: 0x626F_756E_6365)
        var pieces = 0
        for file in files {
            let name = CorpusLines.relativeName(of: file)
            for (number, line) in CorpusLines.load(file) {
                for _ in 0..<4 {
                    let start = Int.random(in: 0...line.count, using: &random)
                    let end = Int.random(in: start...line.count, using: &random)
                    let cut = Int.random(in: 0...line.count, using: &random)
                    // A slice from anywhere, a prefix (a line cut short by a full disk or a
                    // length limit) and a suffix (a reader that started mid-line).
                    for piece in [line[start..<end], line[..<cut], line[cut...]] {
                        _ = parseAndCheck(Array(piece), name: "\(name):\(number) cut")
                        pieces += 1
                    }
                }
            }
        }
        print("corpus cuts: \(pieces) pieces parsed")
        #expect(pieces > 10_000)
    }

    /// Parses `line` as the daemon would, classifies non-sent events and decodes every field,
    /// recording an issue for a field that points outside the line.
    private func parseAndCheck(_ line: [UInt8], name: String) -> ParseResult {
        line.withUnsafeBufferPointer { buffer in
            let result = LineParser().parse(buffer)
            guard case .event(let event) = result else { return result }
            let ranges = [
                event.host, event.program, event.queueID, event.recipient,
                event.originalRecipient, event.domain, event.relay, event.reply, event.client,
                event.clientIP, event.saslUsername,
            ]
            for range in ranges where !range.isEmpty {
                #expect(
                    range.start >= 0 && range.end <= buffer.count,
                    "\(name): field \(range.start)..<\(range.end) outside \(buffer.count) bytes")
                _ = range.string(in: buffer)
            }
            if event.status != .sent {
                let verdict = Classifier.standard.classify(event, in: buffer)
                let listed = verdict.listedIP
                #expect(
                    listed.isEmpty || (listed.start >= 0 && listed.end <= buffer.count),
                    "\(name): listed IP outside the line")
                _ = listed.string(in: buffer)
            }
            return result
        }
    }
}

/// Per-file tallies of the walk.
private struct WalkCounts {
    var lines = 0
    var events = 0
    var ignored = 0
    var unrecognized = 0
    var deliveryLines = 0
    var missed = 0

    mutating func add(_ result: ParseResult) {
        lines += 1
        switch result {
        case .event: events += 1
        case .ignored: ignored += 1
        case .unrecognized: unrecognized += 1
        }
    }

    mutating func merge(_ other: WalkCounts) {
        lines += other.lines
        events += other.events
        ignored += other.ignored
        unrecognized += other.unrecognized
        deliveryLines += other.deliveryLines
        missed += other.missed
    }

    var summary: String {
        "\(lines) lines, \(events) events, \(ignored) ignored, \(unrecognized) unrecognized; "
            + "\(deliveryLines) delivery lines, \(missed) missed"
    }
}

/// Which delivery marker a corpus file's lines are checked for, by its folder.
private enum CorpusFamily {
    case postfix
    case exim
    case other

    /// True for a line that reports a delivery outcome and so must become an event.
    func isDeliveryLine(_ line: [UInt8]) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        switch self {
        case .postfix:
            // Address-verification probes (`status=deliverable`, `status=undeliverable`,
            // `status=undeliverable-but-not-cached`) deliver nothing.
            return text.contains(" status=") && !text.contains(" status=deliverable")
                && !text.contains(" status=undeliverable")
        case .exim:
            // `retry time not reached` (`Retry time not yet reached` for local transports)
            // records that no attempt was made.
            let lowered = text.lowercased()
            return (text.contains(" ** ") || text.contains(" == "))
                && !lowered.contains("retry time not reached")
                && !lowered.contains("retry time not yet reached")
        case .other:
            return false
        }
    }
}

/// Reads corpus files as lines of bytes, giving `.tsv` message parts a syslog header.
private enum CorpusLines {
    static func relativeName(of file: URL) -> String {
        "\(file.deletingLastPathComponent().lastPathComponent)/\(file.lastPathComponent)"
    }

    static func family(of file: URL) -> CorpusFamily {
        switch file.deletingLastPathComponent().lastPathComponent {
        case "postfix": .postfix
        case "exim": .exim
        default: .other
        }
    }

    /// The file's non-empty lines with their 1-based line numbers.
    static func load(_ file: URL) -> [(Int, [UInt8])] {
        guard let data = try? Data(contentsOf: file) else {
            Issue.record("cannot read \(file.path)")
            return []
        }
        let rows = data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let isTable = file.pathExtension == "tsv"
        var lines: [(Int, [UInt8])] = []
        for (index, row) in rows.enumerated() where !row.isEmpty {
            if isTable {
                // Row 1 names the columns.
                guard index > 0, let line = syslogLine(fromRow: row) else { continue }
                lines.append((index + 1, line))
            } else {
                lines.append((index + 1, row))
            }
        }
        return lines
    }

    /// `daemon<TAB>message` (postfix-grok-patterns) or `tag<TAB>daemon<TAB>prefix<TAB>message`
    /// (logwatch) as a whole syslog line.
    static func syslogLine(fromRow row: [UInt8]) -> [UInt8]? {
        let columns = row.split(separator: 0x09, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let daemon: String
        var message: String
        switch columns.count {
        case 2:
            daemon = columns[0]
            message = columns[1]
        case 4:
            daemon = columns[1]
            message = columns[3]
            // Logwatch writes `QUEUEID` where any queue id goes; use one a parser accepts.
            let prefix = columns[2] == "QUEUEID" ? "4B1C2D3E4F" : columns[2]
            if !prefix.isEmpty { message = "\(prefix): \(message)" }
        default:
            Issue.record("unexpected corpus row with \(columns.count) columns")
            return nil
        }
        // postgrey and postfwd are policy servers of their own, not Postfix daemons.
        let program = ["postgrey", "postfwd"].contains(daemon) ? daemon : "postfix/\(daemon)"
        return Array("Nov 26 10:00:01 mx1 \(program)[1]: \(message)".utf8)
    }
}

/// A small deterministic generator (SplitMix64), so that the cut positions are the same on
/// every run and a failure can be reproduced.
private struct CutPositions: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
