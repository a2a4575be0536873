import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// Real Postfix lines go into a journal as identifier, PID and message, come back out, and the
/// rebuilt syslog line gives the parsers what the original line gave them.
@Suite struct JournalCorpusTests {
    @Test func realPostfixLinesSurviveTheJournal() throws {
        guard JournalFixture.isAvailable(),
            let url = JournalFixture.corpusFile("postfix/real-postfix-3.7-loopback.log")
        else { return }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .map { Array($0.utf8) }
        var entries: [JournalFixture.Entry] = []
        var originals: [[UInt8]] = []
        for line in lines {
            guard let header = line.withUnsafeBufferPointer({ SyslogHeader.parse($0) }) else {
                Issue.record(
                    "corpus line without a syslog header: \(String(decoding: line, as: UTF8.self))")
                continue
            }
            let program = String(
                decoding: line[header.program.start..<header.program.end], as: UTF8.self)
            let message = String(decoding: line[header.messageStart...], as: UTF8.self)
            entries.append(.init(identifier: program, pid: header.pid, message: message))
            originals.append(line)
            // A neighbour that must not come back.
            entries.append(.init(identifier: "dovecot", pid: 1, message: "imap: Disconnected"))
        }
        #expect(originals.count == 303)

        let dir = try TemporaryDirectory()
        let path = dir.path("corpus.journal")
        try JournalFixture.append(entries, to: path, first: 0)
        let source = try JournalSource(location: .files([path]))
        var rebuilt: [[UInt8]] = []
        while let record = try source.next() { rebuilt.append(record.syslogLine) }
        #expect(rebuilt.count == originals.count)
        #expect(source.entriesSkipped == originals.count)

        let parser = LineParser()
        var events = 0
        for (original, line) in zip(originals, rebuilt) {
            let before = original.withUnsafeBufferPointer { parser.parse($0) }
            let after = line.withUnsafeBufferPointer { parser.parse($0) }
            #expect(
                before.identifier == after.identifier,
                "\(String(decoding: original, as: UTF8.self))")
            if case .event(let old) = before, case .event(let new) = after {
                events += 1
                #expect(old.kind == new.kind)
                #expect(old.status == new.status)
                #expect(old.pid == new.pid)
            }
        }
        #expect(events > 0)
    }
}
