import Testing

@testable import BounceCore

/// `Tests/Fixtures/causes.fixture`: full log lines of both MTAs, parsed and classified.
enum CauseFixtures {
    static let cases = FixtureFile.load("causes.fixture")

    /// The expected value of `key` in a case, when the case states one.
    static func expected(_ key: String, in fixture: FixtureCase) -> FixtureValue? {
        guard case .event(let values) = fixture.expectation else { return nil }
        return values[key]
    }

    /// Postfix lines carry a syslog `postfix*/` program; everything else here is Exim.
    static func mta(of fixture: FixtureCase) -> MTA {
        fixture.line.contains(" postfix/") || fixture.line.contains(" postfix-") ? .postfix : .exim
    }
}

@Test(arguments: CauseFixtures.cases)
func causeFixtureLine(_ fixture: FixtureCase) {
    FixtureCheck.verify(fixture)
}

@Test func everyRuleHasItsSampleInTheFixtures() {
    var linesByRule: [String: [String]] = [:]
    for fixture in CauseFixtures.cases {
        if case .string(let rule) = CauseFixtures.expected("rule", in: fixture) {
            linesByRule[rule, default: []].append(fixture.line)
        }
    }
    for rule in Classifier.standard.rules {
        let lines = linesByRule[rule.id] ?? []
        #expect(!lines.isEmpty, "rule \(rule.id) has no line in causes.fixture")
        #expect(lines.contains(rule.sample), "the sample of \(rule.id) is in causes.fixture")
    }
    let known = Set(Classifier.standard.rules.map(\.id))
    for rule in linesByRule.keys {
        #expect(known.contains(rule), "causes.fixture names an unknown rule \(rule)")
    }
}

@Test func everyCauseHasFiveSamplesFromBothMTAs() {
    var lines: [Cause: Set<String>] = [:]
    var mtas: [Cause: Set<UInt8>] = [:]
    for fixture in CauseFixtures.cases {
        guard case .string(let name) = CauseFixtures.expected("cause", in: fixture),
            let cause = Cause(identifier: name)
        else {
            Issue.record("\(fixture.testDescription) states no cause")
            continue
        }
        lines[cause, default: []].insert(fixture.line)
        mtas[cause, default: []].insert(CauseFixtures.mta(of: fixture).rawValue)
    }
    for cause in Cause.allCases where cause != .unclassified {
        #expect((lines[cause]?.count ?? 0) >= 5, "\(cause.identifier) has five distinct samples")
        #expect(mtas[cause]?.count == 2, "\(cause.identifier) has Postfix and Exim samples")
    }
}

@Test func listCausesStateTheirBlocklistAndGreylistingNamesNone() {
    for fixture in CauseFixtures.cases {
        guard case .string(let cause) = CauseFixtures.expected("cause", in: fixture) else {
            continue
        }
        let blocklist = CauseFixtures.expected("blocklist", in: fixture)
        switch cause {
        case "blacklisted", "reputation":
            #expect(blocklist != nil, "\(fixture.testDescription) states its blocklist")
            #expect(
                CauseFixtures.expected("listed_ip", in: fixture) != nil,
                "\(fixture.testDescription) states its listed_ip")
        case "greylisted":
            #expect(blocklist == .null, "\(fixture.testDescription) names no blocklist")
        default:
            break
        }
    }
}
