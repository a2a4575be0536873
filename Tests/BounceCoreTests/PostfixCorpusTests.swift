import Foundation
import Testing

@testable import BounceCore

/// The Postfix part of `../shared/corpus`, read in place (part of it is copyleft).
@Suite("Postfix corpus")
struct PostfixCorpusTests {
    /// The real Postfix 3.7 log captured on loopback gives exactly the known outcomes.
    @Test func realLoopbackLogCounts() throws {
        guard let url = SharedCorpus.file("postfix/real-postfix-3.7-loopback.log") else { return }
        var statuses: [DeliveryStatus: Int] = [:]
        var kinds: [EventKind: Int] = [:]
        var unrecognized = 0
        for bytes in SharedCorpus.lines(of: url) {
            bytes.withUnsafeBufferPointer { line in
                switch LineParser().parse(line) {
                case .event(let event):
                    kinds[event.kind, default: 0] += 1
                    if event.kind == .delivery { statuses[event.status, default: 0] += 1 }
                    #expect(event.mta == .postfix)
                    #expect(event.timestamp?.month == 11 && event.timestamp?.day == 26)
                case .ignored: break
                case .unrecognized: unrecognized += 1
                }
            }
        }
        #expect(statuses[.sent] == 19)
        #expect(statuses[.deferred] == 35)
        #expect(statuses[.bounced] == 10)
        #expect(statuses[.expired] == 5)
        #expect(kinds[.reject] == 4)
        #expect(kinds[.authFailure] == 5)
        #expect(unrecognized == 0)
    }

    /// A line with ` status=` is an event unless it is an address-verification probe.
    @Test func everyStatusLineIsAnEvent() {
        let lines = PostfixCorpus.lines()
        guard !lines.isEmpty else { return }
        var checked = 0
        for (name, number, bytes) in lines {
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.contains(" status="), text.contains("postfix") else { continue }
            let outcome = PostfixRun.run(bytes)
            guard outcome.routed else { continue }
            checked += 1
            if text.contains("status=deliverable") || text.contains("status=undeliverable") {
                #expect(outcome.branch == .addressProbe, "\(name):\(number)")
                continue
            }
            guard case .event(let event) = outcome.result else {
                Issue.record("\(name):\(number) gave \(outcome.result.identifier): \(text)")
                continue
            }
            #expect(event.kind == .delivery, "\(name):\(number)")
        }
        #expect(checked > 300)
    }

    /// `said: NNN X.Y.Z` in a line keeps exactly that reply code and enhanced code.
    @Test func quotedRepliesKeepTheirCodes() throws {
        let lines = PostfixCorpus.lines()
        guard !lines.isEmpty else { return }
        let pattern = try Regex(#"said: ([2-5][0-9][0-9])[ -]([245]\.[0-9]{1,3}\.[0-9]{1,3})[ ,;]"#)
        var checked = 0
        for (name, number, bytes) in lines {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let match = text.firstMatch(of: pattern) else { continue }
            let outcome = PostfixRun.run(bytes)
            // smtpd rejects quote a verification probe's reply inside their own reply text.
            guard case .event(let event) = outcome.result, event.kind != .reject else { continue }
            let code = match.output[1].substring.map(String.init)
            let dsn = match.output[2].substring.map(String.init)
            #expect(String(event.replyCode) == code, "\(name):\(number)")
            #expect(event.replyDSN?.description == dsn, "\(name):\(number)")
            #expect(event.replyIsRemote, "\(name):\(number)")
            checked += 1
        }
        #expect(checked > 50)
    }

    /// What stays unrecognized is garbage: grammar fragments from a pattern library's tests,
    /// deliberately malformed lines and unknown daemons. The counts guard against new ones.
    @Test func unrecognizedLinesAreGarbage() {
        let lines = PostfixCorpus.lines()
        guard !lines.isEmpty else { return }
        var perFile: [String: Int] = [:]
        for (name, _, bytes) in lines {
            let outcome = PostfixRun.run(bytes)
            guard outcome.routed, case .unrecognized = outcome.result else { continue }
            perFile[name, default: 0] += 1
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(" status="), "\(name): \(text)")
            print("unrecognized \(name): \(text)")
        }
        // postfix-grok-patterns: sub-pattern fragments (`dane`, `0.2/0.02/0.04/3.3`, ...).
        #expect(perFile["postfix-grok-patterns.messages.tsv"] == 13)
        // sergeymakinen: `postfix1[...]: foo`, `postfix/unknown[...]: foo`, `reject: Unsupported`.
        #expect(perFile["sergeymakinen-postfix_exporter.log"] == 3)
        // lightmeter: `postfix-10.20.30.40/something[...]: unsupported message`.
        #expect(perFile["lightmeter-controlcenter-gotests.log"] == 1)
        #expect(perFile.values.reduce(0, +) == 17)
    }

    /// Corpus lines cut at every length parse without trapping and keep their ranges inside.
    @Test func prefixesOfCorpusLines() {
        let lines = PostfixCorpus.lines()
        guard !lines.isEmpty else { return }
        var pieces = 0
        for (name, number, bytes) in lines where bytes.count < 2000 {
            for cut in stride(from: 0, through: bytes.count, by: 3) {
                let piece = Array(bytes[..<cut])
                let outcome = PostfixRun.run(piece)
                if case .event(let event) = outcome.result {
                    #expect(
                        PostfixRun.rangesInside(event, count: piece.count), "\(name):\(number)")
                }
                pieces += 1
            }
        }
        #expect(pieces > 10_000)
    }
}
