@testable import BounceCore

/// Runs one line through the Exim parser the way `LineParser` routes it, keeping the branch.
enum EximRun {
    struct Outcome {
        var result: ParseResult
        var branch: EximBranch
        /// False when `LineParser` would not hand the line to the Exim parser at all.
        var routed: Bool
    }

    static func run(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { line in
            var branch = EximBranch.garbled
            if line.count >= 16, line[10] == UInt8(ascii: " "), ByteScan.isDigit(line[0]) {
                let result = EximParser.parseMainlog(line, branch: &branch)
                return Outcome(result: result, branch: branch, routed: true)
            }
            if let header = SyslogHeader.parse(line),
                ByteScan.hasPrefix(header.program.slice(of: line), at: 0, "exim")
                    || EximShape.matches(line, header: header)
            {
                let result = EximParser.parse(line, header: header, branch: &branch)
                return Outcome(result: result, branch: branch, routed: true)
            }
            return Outcome(result: .unrecognized, branch: .garbled, routed: false)
        }
    }

    static func run(_ text: String) -> Outcome { run(Array(text.utf8)) }

    /// The event of `text`, or nil.
    static func event(_ text: String) -> RawEvent? {
        if case .event(let event) = run(text).result { return event }
        return nil
    }

    /// Whether every byte range of `event` lies inside a line of `count` bytes.
    static func rangesInBounds(_ event: RawEvent, count: Int) -> Bool {
        let ranges = [
            event.host, event.program, event.queueID, event.recipient, event.originalRecipient,
            event.domain, event.relay, event.reply, event.client, event.clientIP,
            event.saslUsername,
        ]
        return ranges.allSatisfy { $0.isEmpty || ($0.start >= 0 && $0.end <= count) }
    }
}
