import Testing

@testable import BounceCore

/// The annotated samples in `Tests/Fixtures/exim.fixture`.
@Suite struct EximFixtureTests {
    static let fixture = ParserFixture<EximRun>("exim.fixture")

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
}
