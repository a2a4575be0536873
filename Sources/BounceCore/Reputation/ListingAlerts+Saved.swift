extension ListingAlerts {
    /// The first line of the saved state; the number is the format version.
    static let savedHeader = "bouncewatch-listing-alerts 1"

    /// What must survive a restart, as text lines: the listings mailed about (so a restart
    /// neither mails them again nor misses their resolution) and when each failing list was
    /// last mailed about. The bounces quoted are not kept.
    public func savedLines() -> [String] {
        var lines = [Self.savedHeader]
        let keys = firing.keys.sorted {
            ($0.list, $0.target.description) < ($1.list, $1.target.description)
        }
        for key in keys {
            guard let entry = firing[key] else { continue }
            var line =
                "listed \(AlertCheckpointToken.text(key.list)) "
                + "\(AlertCheckpointToken.text(key.target.description)) \(entry.since) \(entry.sentAt)"
            for answer in entry.answers {
                line +=
                    " \(AlertCheckpointToken.text(answer.code)) "
                    + AlertCheckpointToken.text(answer.meaning)
            }
            lines.append(line)
        }
        for list in failingMailed.keys.sorted() {
            guard let mailed = failingMailed[list] else { continue }
            let since = failingSince[list] ?? mailed
            lines.append("failing \(AlertCheckpointToken.text(list)) \(since) \(mailed)")
        }
        return lines
    }

    /// The state `savedLines()` wrote; an `AlertRestoreError` naming the first line that is
    /// not as written (the caller then starts without it).
    public init(savedLines lines: [String]) throws(AlertRestoreError) {
        self.init()
        guard let header = lines.first else { return }
        guard header == Self.savedHeader else {
            throw AlertRestoreError(line: 1, reason: "not listing alert state of a known version")
        }
        for (offset, line) in lines.enumerated().dropFirst() {
            let tokens = line.split(separator: " ", omittingEmptySubsequences: false)
            func fail(_ reason: String) -> AlertRestoreError {
                AlertRestoreError(line: offset + 1, reason: reason)
            }
            switch tokens.first {
            case "listed":
                guard tokens.count >= 5, tokens.count % 2 == 1,
                    let list = AlertCheckpointToken.parseText(tokens[1]),
                    let targetText = AlertCheckpointToken.parseText(tokens[2]),
                    let target = ListingTarget(targetText),
                    let since = Int64(tokens[3]), let sentAt = Int64(tokens[4])
                else { throw fail("malformed listing") }
                var answers: [ListingResult.Answer] = []
                var index = 5
                while index + 1 < tokens.count {
                    guard let code = AlertCheckpointToken.parseText(tokens[index]),
                        let meaning = AlertCheckpointToken.parseText(tokens[index + 1])
                    else { throw fail("malformed return code") }
                    answers.append(ListingResult.Answer(code: code, meaning: meaning))
                    index += 2
                }
                firing[Key(list: list, target: target)] = Firing(
                    since: since, sentAt: sentAt, answers: answers)
            case "failing":
                guard tokens.count == 4, let list = AlertCheckpointToken.parseText(tokens[1]),
                    let since = Int64(tokens[2]), let mailed = Int64(tokens[3])
                else { throw fail("malformed failing list") }
                failingSince[list] = since
                failingMailed[list] = mailed
            default:
                throw fail("unknown line")
            }
        }
    }
}
