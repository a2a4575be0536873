import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceOutput

/// Finds the real tools the textfile tests run; a missing one fails the test with the package
/// to install (`scripts/install-deps.sh test` installs both).
enum TextfileTools {
    static func path(
        _ name: String, package: String, sourceLocation: SourceLocation = #_sourceLocation
    )
        -> String?
    {
        for directory in ["/usr/bin", "/usr/local/bin", "/usr/sbin"] {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        Issue.record(
            "\(name) is not installed: run scripts/install-deps.sh test (Debian package \(package))",
            sourceLocation: sourceLocation)
        return nil
    }

    /// Feeds `text` to `promtool check metrics`, which must accept it without a word.
    static func expectPromtoolAccepts(
        _ text: String, promtool: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try input.fileHandleForWriting.close()
        let said = String(
            decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0, "promtool check metrics: \(said)",
            sourceLocation: sourceLocation)
        #expect(said.isEmpty, "promtool check metrics: \(said)", sourceLocation: sourceLocation)
    }
}

@Suite struct TextfilePromtoolTests {
    /// `promtool check metrics` is the reference parser and linter: it must accept the textfile
    /// of a store full of hostile values without a word, and of an empty one too.
    @Test func promtoolAcceptsHostileAndEmptyTextfiles() throws {
        guard let promtool = TextfileTools.path("promtool", package: "prometheus") else { return }
        let texts = [
            DaemonPrometheusRenderer.render(
                DaemonSamples.hostileStore().snapshot(), health: DaemonSamples.hostileHealth,
                version: DaemonSamples.hostileText),
            DaemonPrometheusRenderer.render(
                MetricsSnapshot(), health: DaemonHealth(startTime: 0), version: "0.1.0"),
        ]
        for text in texts { try TextfileTools.expectPromtoolAccepts(text, promtool: promtool) }
    }
}

@Suite struct TextfileSenderSeriesPromtoolTests {
    /// Sender domains and SASL users are written by strangers: a textfile with hostile ones
    /// and the message state families passes promtool.
    @Test func promtoolAcceptsHostileSenderSeries() throws {
        guard let promtool = TextfileTools.path("promtool", package: "prometheus") else { return }
        var store = MetricsStore(topDestinations: 10)
        store.setSenderSeries(domains: 5, users: 5)
        var book = MessageBook()
        let senders = [
            #"x@a"b\c.example"#, "y@\u{7F}\u{FFFD}.example",
            "z@" + String(repeating: "l", count: 400),
        ]
        for (index, sender) in senders.enumerated() {
            let queue = "4F2A81C0B\(index)"
            let lines = [
                "Nov 26 10:00:00 mx1 postfix/smtpd[10]: \(queue): client=c[192.0.2.9],"
                    + " sasl_method=PLAIN, sasl_username=u\"\\\(sender)",
                "Nov 26 10:00:00 mx1 postfix/qmgr[11]: \(queue): from=<\(sender)>, size=1, nrcpt=1",
                "Nov 26 10:00:01 mx1 postfix/smtp[12]: \(queue): to=<u@d.example>,"
                    + " relay=mx.example[192.0.2.1]:25, delay=1, delays=0/0/0/0, dsn=2.0.0,"
                    + " status=sent (250 ok)",
            ]
            let unread = DaemonLineFeed.feed(lines, into: &store, book: &book)
            #expect(unread.isEmpty, "not read: \(unread)")
        }
        store.rebalance()
        let snapshot = store.snapshot()
        #expect(snapshot.senderDomains.count == 4 && snapshot.saslUsers.count == 4)
        let text = DaemonPrometheusRenderer.render(
            snapshot, health: DaemonHealth(startTime: 0, messageState: .init(book)),
            version: "0.1.0")
        #expect(text.contains("bouncewatch_sasl_user_deliveries_total{"))
        try TextfileTools.expectPromtoolAccepts(text, promtool: promtool)
    }
}
