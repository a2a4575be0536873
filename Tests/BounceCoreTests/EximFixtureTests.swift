import Testing

@testable import BounceCore

/// The annotated samples in `Tests/Fixtures/exim.fixture`.
@Suite struct EximFixtureTests {
    static let cases = FixtureFile.load("exim.fixture")

    @Test(arguments: cases)
    func fixtureLine(_ fixture: FixtureCase) {
        FixtureCheck.verify(fixture)
    }

    @Test func fixtureIsNotEmpty() {
        #expect(Self.cases.count >= EximBranch.allCases.count)
    }

    /// Every branch of the parser has at least one sample line.
    @Test func everyBranchHasASample() {
        var covered = Set<EximBranch>()
        for fixture in Self.cases {
            let outcome = EximRun.run(fixture.line)
            #expect(outcome.routed, "\(fixture.testDescription) does not reach the Exim parser")
            covered.insert(outcome.branch)
        }
        for branch in EximBranch.allCases {
            #expect(covered.contains(branch), "no fixture line for EximBranch.\(branch)")
        }
    }
}
