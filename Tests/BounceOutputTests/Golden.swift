import Foundation
import Testing

/// Compares rendered text with `Tests/Fixtures/golden/NAME`.
///
/// Set `BOUNCEWATCH_UPDATE_GOLDEN=1` to rewrite the files after an intended change, then review
/// the diff before committing.
enum Golden {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden")
    }

    static func check(
        _ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BOUNCEWATCH_UPDATE_GOLDEN"] != nil {
            do {
                try Data(actual.utf8).write(to: url)
                print("updated golden file \(name)")
            } catch {
                Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record(
                "golden file \(name) is missing; run with BOUNCEWATCH_UPDATE_GOLDEN=1",
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
