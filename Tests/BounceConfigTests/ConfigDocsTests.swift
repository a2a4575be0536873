import BounceConfig
import Foundation
import Testing

/// Every YAML example in docs/configuration.md is a configuration that loads.
@Suite struct ConfigDocsTests {
    static func examples() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(
            contentsOf: root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```yaml" {
                current = ""
            } else if current != nil, line == "```" {
                blocks.append(current!)
                current = nil
            } else if current != nil {
                current! += line + "\n"
            }
        }
        return blocks
    }

    @Test func everyExampleLoads() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 6)
        for example in examples {
            do {
                _ = try load(example)
            } catch {
                Issue.record("docs/configuration.md example does not load:\n\(error)\n\(example)")
            }
        }
    }
}
