import Testing

@testable import BounceCore

/// The annotated samples in `Tests/Fixtures/postfix.fixture`.
@Suite struct PostfixFixtureTests {
    static let fixture = ParserFixture<PostfixRun>("postfix.fixture")

    @Test(arguments: fixture.cases)
    func fixtureLine(_ fixture: FixtureCase) {
        FixtureCheck.verify(fixture)
    }

    @Test func fixtureIsNotEmpty() {
        Self.fixture.expectASamplePerBranchAtLeast()
    }

    /// Every branch of the parser has at least one sample line.
    @Test func everyBranchHasASample() {
        Self.fixture.expectEveryBranchCovered()
    }

    /// The `# branch:` comment above each sample names the branch the parser takes.
    @Test func annotatedBranchesMatch() throws {
        let text = try String(
            contentsOf: FixtureFile.directory.appendingPathComponent(Self.fixture.file),
            encoding: .utf8)
        var expected: String?
        var checked = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# branch: ") {
                expected = String(line.dropFirst(10))
                continue
            }
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("= ") { continue }
            guard let name = expected else { continue }
            let outcome = PostfixRun.run(String(line))
            #expect(outcome.branch.rawValue == name, "\(line)")
            expected = nil
            checked += 1
        }
        #expect(checked == Self.fixture.cases.count)
    }
}
