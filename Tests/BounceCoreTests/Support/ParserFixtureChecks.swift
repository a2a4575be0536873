import Testing

@testable import BounceCore

/// A parser whose fixture file is checked branch by branch: how a line reaches it and which
/// branch it takes there.
protocol BranchingParser {
    associatedtype Branch: CaseIterable, Hashable
    /// The parser's name in failure messages.
    static var parserName: String { get }
    /// Whether `line` reaches this parser the way `LineParser` routes it, and the branch taken.
    static func branch(of line: String) -> (routed: Bool, branch: Branch)
}

extension EximRun: BranchingParser {
    static var parserName: String { "Exim" }

    static func branch(of line: String) -> (routed: Bool, branch: EximBranch) {
        let outcome = run(line)
        return (outcome.routed, outcome.branch)
    }
}

extension PostfixRun: BranchingParser {
    static var parserName: String { "Postfix" }

    static func branch(of line: String) -> (routed: Bool, branch: PostfixBranch) {
        let outcome = run(line)
        return (outcome.routed, outcome.branch)
    }
}

/// The checks a parser's fixture file gets whatever the parser: one driver for the Exim and
/// the Postfix fixture tests.
struct ParserFixture<Parser: BranchingParser> {
    /// The file's name in `Tests/Fixtures`.
    let file: String
    let cases: [FixtureCase]

    init(_ file: String) {
        self.file = file
        cases = FixtureFile.load(file)
    }

    /// At least as many samples as the parser has branches.
    func expectASamplePerBranchAtLeast(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(cases.count >= Parser.Branch.allCases.count, sourceLocation: sourceLocation)
    }

    /// Every sample reaches the parser, and every branch of the parser has a sample.
    func expectEveryBranchCovered(sourceLocation: SourceLocation = #_sourceLocation) {
        var covered = Set<Parser.Branch>()
        for fixture in cases {
            let (routed, branch) = Parser.branch(of: fixture.line)
            #expect(
                routed, "\(fixture.testDescription) does not reach the \(Parser.parserName) parser",
                sourceLocation: sourceLocation)
            covered.insert(branch)
        }
        for branch in Parser.Branch.allCases {
            #expect(
                covered.contains(branch), "no fixture line for \(Parser.Branch.self).\(branch)",
                sourceLocation: sourceLocation)
        }
    }
}
