import Foundation
import Testing

/// README's "Project layout" says what is there now.
@Suite struct ReadmeLayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The code block under "## Project layout".
    static func layout() throws -> String {
        let readme = try String(
            contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Project layout"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func everySourceTargetIsListed() throws {
        let layout = try Self.layout()
        let targets = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("Sources").path)
        for target in targets.sorted() {
            #expect(layout.contains(target), "README's layout does not list Sources/\(target)")
        }
    }

    /// What has been built is not announced as coming "later".
    @Test func nothingIsPromisedForLater() throws {
        #expect(!(try Self.layout()).contains("later"))
    }
}
