import Foundation
import Testing

@testable import BounceCore

/// Runs lines through the Postfix parser the way `LineParser` does, keeping the branch.
enum PostfixRun {
    struct Outcome {
        /// False when the line never reached the Postfix parser (no header, other program).
        var routed: Bool
        var branch: PostfixBranch
        var result: ParseResult
    }

    static func run(_ text: String) -> Outcome {
        run(Array(text.utf8))
    }

    static func run(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { line in
            guard let header = SyslogHeader.parse(line),
                ByteScan.hasPrefix(header.program.slice(of: line), at: 0, "postfix")
                    || PostfixShape.matches(line, header: header)
            else { return Outcome(routed: false, branch: .garbled, result: .unrecognized) }
            var branch = PostfixBranch.garbled
            let result = PostfixParser.parse(line, header: header, branch: &branch)
            return Outcome(routed: true, branch: branch, result: result)
        }
    }

    /// Every byte range of an event lies inside the line.
    static func rangesInside(_ event: RawEvent, count: Int) -> Bool {
        let ranges = [
            event.host, event.program, event.queueID, event.recipient, event.originalRecipient,
            event.domain, event.relay, event.reply, event.client, event.clientIP,
            event.saslUsername,
        ]
        return ranges.allSatisfy { $0.isEmpty || ($0.start >= 0 && $0.end <= count) }
    }
}

/// The Postfix corpus in `../shared`, as whole syslog lines.
enum PostfixCorpus {
    /// `(file name, 1-based line number, bytes)` of every line of every Postfix corpus file;
    /// `.tsv` message parts get a `Nov 26 10:00:01 mx1 postfix/DAEMON[1]: ` header.
    static func lines() -> [(String, Int, [UInt8])] {
        guard let readme = SharedCorpus.file("SOURCES.md") else { return [] }
        let folder = readme.deletingLastPathComponent().appendingPathComponent("postfix")
        let names =
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var all: [(String, Int, [UInt8])] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            let rows = SharedCorpus.lines(of: url)
            if name.hasSuffix(".tsv") {
                for (index, row) in rows.enumerated().dropFirst() {
                    if let line = syslogLine(fromRow: row) { all.append((name, index + 1, line)) }
                }
            } else if name.hasSuffix(".log") {
                for (index, row) in rows.enumerated() { all.append((name, index + 1, row)) }
            }
        }
        return all
    }

    /// `daemon<TAB>message` or `tag<TAB>daemon<TAB>prefix<TAB>message` as a syslog line.
    private static func syslogLine(fromRow row: [UInt8]) -> [UInt8]? {
        let columns = row.split(separator: 0x09, omittingEmptySubsequences: false).map(Array.init)
        let daemon: [UInt8]
        var message: [UInt8]
        switch columns.count {
        case 2:
            daemon = columns[0]
            message = columns[1]
        case 4:
            daemon = columns[1]
            message = columns[3]
            // Logwatch writes `QUEUEID` where a queue id goes.
            let prefix = columns[2] == Array("QUEUEID".utf8) ? Array("4B1C2D3E4F".utf8) : columns[2]
            if !prefix.isEmpty { message = prefix + Array(": ".utf8) + message }
        default:
            return nil
        }
        // postgrey and postfwd are policy servers, not Postfix daemons.
        let plain = ["postgrey", "postfwd"].map { Array($0.utf8) }.contains(daemon)
        let program = plain ? daemon : Array("postfix/".utf8) + daemon
        return Array("Nov 26 10:00:01 mx1 ".utf8) + program + Array("[1]: ".utf8) + message
    }
}
