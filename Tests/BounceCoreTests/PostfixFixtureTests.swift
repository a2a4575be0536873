import Testing

@testable import BounceCore

/// The annotated samples in `Tests/Fixtures/postfix.fixture`.
@Suite struct PostfixFixtureTests {
    static let cases = FixtureFile.load("postfix.fixture")

    @Test(arguments: cases)
    func fixtureLine(_ fixture: FixtureCase) {
        FixtureCheck.verify(fixture)
    }

    @Test func fixtureIsNotEmpty() {
        #expect(Self.cases.count >= PostfixBranch.allCases.count)
    }

    /// Every branch of the parser has at least one sample line.
    @Test func everyBranchHasASample() {
        var covered = Set<PostfixBranch>()
        for fixture in Self.cases {
            let outcome = PostfixRun.run(fixture.line)
            #expect(outcome.routed, "\(fixture.testDescription) does not reach the Postfix parser")
            covered.insert(outcome.branch)
        }
        for branch in PostfixBranch.allCases {
            #expect(covered.contains(branch), "no fixture line for PostfixBranch.\(branch)")
        }
    }

    /// The `# branch:` comment above each sample names the branch the parser takes.
    @Test func annotatedBranchesMatch() throws {
        let text = try String(
            contentsOf: FixtureFile.directory.appendingPathComponent("postfix.fixture"),
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
        #expect(checked == Self.cases.count)
    }
}
