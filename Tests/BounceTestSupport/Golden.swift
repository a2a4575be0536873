import Foundation

/// Compares rendered text with `Tests/Fixtures/golden/NAME`:
/// `#expect(Golden.problem(text, against: "scan.txt") == nil)`.
///
/// With `BOUNCEWATCH_UPDATE_GOLDEN=1` the files are rewritten after an intended change, and
/// every rewritten file is a problem on purpose, so the run fails: a re-record can never pass
/// silently. Review the diff, then run again without the variable.
///
/// (No `import Testing` here: SwiftPM builds this target in every `swift build`, also in
/// release builds, where the Testing module is not available.)
public enum Golden {
    /// The environment variable that turns on record mode.
    public static let recordVariable = "BOUNCEWATCH_UPDATE_GOLDEN"

    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden")
    }

    /// Nil when `actual` is the golden file `name`; otherwise what is wrong, in words. By
    /// default record mode follows the environment and the files are the repository's.
    public static func problem(
        _ actual: String, against name: String, recording: Bool? = nil, in directory: URL? = nil
    ) -> String? {
        let url = (directory ?? Self.directory).appendingPathComponent(name)
        if recording ?? (ProcessInfo.processInfo.environment[recordVariable] != nil) {
            do {
                try Data(actual.utf8).write(to: url)
            } catch {
                return "cannot write \(url.path): \(error)"
            }
            return "golden file \(name) rewritten (\(recordVariable) is set): review the diff, "
                + "then run again without it"
        }
        guard let data = try? Data(contentsOf: url) else {
            return "golden file \(name) is missing; run with \(recordVariable)=1"
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard actual != expected else { return nil }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference =
            zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?
            .offset
            ?? min(actualLines.count, expectedLines.count)
        let shown = { (lines: [Substring]) in
            firstDifference < lines.count ? String(lines[firstDifference]) : "(end of text)"
        }
        return """
            \(name) differs at line \(firstDifference + 1):
              expected: \(shown(expectedLines))
              actual:   \(shown(actualLines))
            """
    }
}
