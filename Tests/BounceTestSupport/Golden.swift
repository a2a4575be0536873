import Foundation
import Testing

/// Compares rendered text with `Tests/Fixtures/golden/NAME`.
///
/// With `BOUNCEWATCH_UPDATE_GOLDEN=1` the files are rewritten after an intended change, and
/// every rewritten file fails the run on purpose: a re-record can never pass silently. Review
/// the diff, then run again without the variable.
public enum Golden {
    /// The environment variable that turns on record mode.
    public static let recordVariable = "BOUNCEWATCH_UPDATE_GOLDEN"

    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden")
    }

    public static func check(
        _ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        check(
            actual, against: name,
            recording: ProcessInfo.processInfo.environment[recordVariable] != nil,
            in: directory, sourceLocation: sourceLocation)
    }

    /// `check(_:against:)` with record mode and the directory given, for testing the check.
    public static func check(
        _ actual: String, against name: String, recording: Bool, in directory: URL,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = directory.appendingPathComponent(name)
        if recording {
            do {
                try Data(actual.utf8).write(to: url)
                let note =
                    "golden file \(name) rewritten (\(recordVariable) is set): review the diff, "
                    + "then run again without it"
                Issue.record(Comment(rawValue: note), sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record(
                "golden file \(name) is missing; run with \(recordVariable)=1",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference =
            zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?
            .offset
            ?? min(actualLines.count, expectedLines.count)
        let shown = { (lines: [Substring]) in
            firstDifference < lines.count ? String(lines[firstDifference]) : "(end of text)"
        }
        Issue.record(
            """
            \(name) differs at line \(firstDifference + 1):
              expected: \(shown(expectedLines))
              actual:   \(shown(actualLines))
            """, sourceLocation: sourceLocation)
    }
}
