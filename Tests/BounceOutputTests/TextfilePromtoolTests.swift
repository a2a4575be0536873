import BounceCore
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
