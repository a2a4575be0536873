import BounceCore
import Testing

@testable import BounceConfig

/// `YAMLReader`: libyaml's events into nodes with their place, style and tag; aliases resolved
/// and capped.
@Suite struct YAMLReaderTests {
    private func document(_ text: String) throws -> YAMLNode {
        try #require(try YAMLReader.document(in: text))
    }

    @Test func everyNodeKnowsItsLineAndColumn() throws {
        let root = try document("# about\nmetrics:\n  interval: 15s\n  top: [a, b]\n")
        #expect(root.mark == YAMLNode.Mark(line: 2, column: 1))
        let metrics = try #require(root["metrics"])
        #expect(metrics.mark == YAMLNode.Mark(line: 3, column: 3))
        #expect(metrics["interval"]?.mark == YAMLNode.Mark(line: 3, column: 13))
        guard case .sequence(let items)? = metrics["top"]?.content else {
            Issue.record("top is not a list")
            return
        }
        #expect(items.map(\.mark) == [.init(line: 4, column: 9), .init(line: 4, column: 12)])
        #expect(items.map { $0.scalar?.string } == ["a", "b"])
    }

    @Test func scalarsKeepTheirStyleAndTag() throws {
        let root = try document(
            """
            plain: yes
            double: "yes"
            single: 'yes'
            literal: |
              yes
            folded: >
              yes
            tagged: !!str 5
            """)
        let styles = ["plain", "double", "single", "literal", "folded"].map {
            root[$0]?.scalar?.style
        }
        #expect(styles == [.plain, .doubleQuoted, .singleQuoted, .literal, .folded])
        #expect(root["double"]?.scalar?.string == "yes")
        #expect(root["literal"]?.scalar?.string == "yes\n")
        #expect(root["plain"]?.scalar?.tag == nil)
        #expect(root["tagged"]?.scalar?.tag == "tag:yaml.org,2002:str")
        #expect(root["tagged"]?.scalar?.string == "5")
    }

    @Test func anAliasIsItsAnchorsNode() throws {
        let root = try document("a: &name\n  - x\n  - y\nb: *name\n")
        #expect(root["b"]?.mark == root["a"]?.mark)
        #expect(root["b"]?.size == YAMLNode.Size(nodes: 3, bytes: 2))
    }

    @Test func anEmptyOrCommentOnlyTextHasNoDocument() throws {
        #expect(try YAMLReader.document(in: "") == nil)
        #expect(try YAMLReader.document(in: "# nothing here\n\n") == nil)
    }

    @Test func deepNestingIsRefusedAtItsLine() {
        let text = "a:\n  " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        #expect(
            throws: YAMLProblem(
                line: 2, message: "lists and mappings are nested more than 64 levels deep")
        ) {
            _ = try YAMLReader.document(in: text)
        }
    }
}
