import Foundation
import Testing

@testable import BounceCore

/// The Exim parser against the real log lines in `../shared/corpus/exim`.
@Suite struct EximCorpusTests {
    /// Counts of events by status and kind.
    struct Tally: Equatable, CustomStringConvertible {
        var sent = 0
        var deferred = 0
        var bounced = 0
        var expired = 0
        var rejects = 0
        var authFailures = 0

        var description: String {
            "sent \(sent), deferred \(deferred), bounced \(bounced), expired \(expired), "
                + "rejects \(rejects), auth failures \(authFailures)"
        }

        mutating func add(_ event: RawEvent) {
            switch (event.kind, event.status) {
            case (.reject, _): rejects += 1
            case (.authFailure, _): authFailures += 1
            case (_, .sent): sent += 1
            case (_, .deferred): deferred += 1
            case (_, .bounced): bounced += 1
            case (_, .expired): expired += 1
            case (_, .rejected): Issue.record("a delivery with status rejected")
            }
        }
    }

    /// The acceptance figures of the foundation issue for the loopback capture.
    @Test func loopbackCaptureCounts() throws {
        guard let url = SharedCorpus.file("exim/real-exim-4.96-loopback.log") else { return }
        var tally = Tally()
        for bytes in SharedCorpus.lines(of: url) {
            let outcome = EximRun.run(bytes)
            if case .event(let event) = outcome.result { tally.add(event) }
        }
        let expected = Tally(
            sent: 18, deferred: 30, bounced: 9, expired: 5, rejects: 2, authFailures: 2)
        #expect(tally == expected)
    }

    /// Every `**` and `==` line in every Exim corpus file is an event, except the deferrals that
    /// record that no attempt was made.
    @Test func everyFailureLineIsAnEvent() {
        let files = exiMFiles()
        var failures = 0
        for url in files {
            for bytes in SharedCorpus.lines(of: url) {
                let text = String(decoding: bytes, as: UTF8.self)
                guard text.contains(" ** ") || text.contains(" == ") else { continue }
                let outcome = EximRun.run(bytes)
                guard outcome.routed else { continue }
                failures += 1
                if case .event = outcome.result { continue }
                let lowered = text.lowercased()
                let noAttempt =
                    text.contains(" == ")
                    && (lowered.contains("retry time not reached")
                        || lowered.contains("retry time not yet reached"))
                #expect(
                    noAttempt,
                    "\(url.lastPathComponent): \(outcome.result.identifier) for \(text)")
            }
        }
        if !files.isEmpty { #expect(failures > 1000) }
    }

    /// A line with an explicit remote reply keeps the exact basic and enhanced codes.
    @Test func explicitRepliesKeepTheirCodes() {
        var checked = 0
        for url in exiMFiles() {
            for bytes in SharedCorpus.lines(of: url) {
                let text = String(decoding: bytes, as: UTF8.self)
                guard let expected = Self.explicitReply(in: text) else { continue }
                guard case .event(let event) = EximRun.run(bytes).result else {
                    Issue.record("no event for \(text)")
                    continue
                }
                checked += 1
                #expect(event.replyCode == expected.code, "\(text)")
                #expect(event.replyDSN?.description == expected.dsn, "\(text)")
                #expect(event.replyIsRemote, "\(text)")
            }
        }
        if !exiMFiles().isEmpty { #expect(checked >= 20) }
    }

    /// A line the parser calls unrecognized must be broken: no valid Exim stamp with at least
    /// two words after it (an id alone is a truncated line).
    @Test func unrecognizedLinesAreGarbage() throws {
        let wellFormed = try Regex(
            #"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)? +\S+ +\S"#
        )
        var unrecognized = 0
        for url in exiMFiles() {
            for bytes in SharedCorpus.lines(of: url) {
                let outcome = EximRun.run(bytes)
                guard outcome.routed, case .unrecognized = outcome.result else { continue }
                unrecognized += 1
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(
                    text.firstMatch(of: wellFormed) == nil,
                    "\(url.lastPathComponent): unrecognized (\(outcome.branch)): \(text)")
            }
        }
        print("Exim corpus lines left unrecognized by the Exim parser: \(unrecognized)")
    }

    /// `...mail server after <stage>: 550 5.1.1 ...` on a `**`/`==` line, read with Foundation
    /// string handling, independently of the parser.
    static func explicitReply(in text: String) -> (code: Int, dsn: String?)? {
        guard text.contains(" ** ") || text.contains(" == "),
            let marker = text.range(of: "SMTP error from remote mail server after ")
        else { return nil }
        var rest = text[marker.upperBound...]
        // The reply follows the first `: ` that a digit follows.
        while let colon = rest.range(of: ": ") {
            rest = rest[colon.upperBound...]
            if rest.first?.isNumber == true { break }
        }
        let characters = Array(rest)
        // Only valid SMTP reply codes (2xx to 5xx): the test suite also feeds Exim nonsense.
        guard characters.count >= 4, "2345".contains(characters[0]),
            let code = Int(String(characters[0..<3])),
            characters[3] == " " || characters[3] == "-"
        else { return nil }
        let candidate = String(
            characters[4...].prefix { $0 != " " && $0 != "\\" })
        let pieces = candidate.split(separator: ".", omittingEmptySubsequences: false)
        let isDSN =
            pieces.count == 3
            && pieces.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
            && "245".contains(candidate.first ?? "x")
        return (code, isDSN ? candidate : nil)
    }

    private func exiMFiles() -> [URL] {
        SharedCorpus.allFiles().filter {
            $0.deletingLastPathComponent().lastPathComponent == "exim"
        }
    }
}
