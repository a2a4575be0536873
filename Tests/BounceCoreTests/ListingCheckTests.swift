import BounceCore
import Testing

/// A round of lookups: which names, and what a silent list's answers are worth.
@Suite struct ListingCheckTests {
    typealias R = DNSResponseForTests
    static let zen = DNSBLCatalog.list("spamhaus-zen")!
    static let dbl = DNSBLCatalog.list("spamhaus-dbl")!
    static let targets: [ListingTarget] = [
        ListingTarget("203.0.113.5")!, ListingTarget("2001:db8::25")!,
        ListingTarget("shop.example")!,
    ]

    @Test func eachListGetsItsTestPointAndTheTargetsItCovers() {
        var spamcop = DNSBLCatalog.list("spamcop")!
        spamcop.key = nil
        let check = ListingCheck(lists: [Self.zen, spamcop, Self.dbl], targets: Self.targets)
        #expect(
            check.queries.map(\.name) == [
                "2.0.0.127.zen.spamhaus.org", "5.113.0.203.zen.spamhaus.org",
                "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org",
                "2.0.0.127.bl.spamcop.net", "5.113.0.203.bl.spamcop.net",
                "dbltest.com.dbl.spamhaus.org", "shop.example.dbl.spamhaus.org",
            ])
    }

    @Test func theKeyGoesBeforeTheZone() {
        var dqs = DNSBLCatalog.list("spamhaus-dqs-zen")!
        dqs.key = "abc123"
        #expect(dqs.queryName(for: Self.targets[0]) == "5.113.0.203.abc123.zen.dq.spamhaus.net")
    }

    static func answer(_ name: String, _ addresses: [[UInt8]], code: UInt8 = 0)
        -> DNSTransportOutcome
    {
        .response(R.response(to: name, code: code, answers: addresses.map { R.a($0) }))
    }

    @Test func aListWhoseTestPointIsNotListedGivesErrorsNotClean() {
        let check = ListingCheck(lists: [Self.zen], targets: [Self.targets[0]])
        let rows = check.rows([
            Self.answer(check.queries[0].name, [], code: 3),
            Self.answer(check.queries[1].name, [], code: 3),
        ])
        #expect(rows.count == 1)
        #expect(rows[0].result.error?.reason == .nxdomain)
        #expect(ListingCheck.exitStatus(rows) == 2)
    }

    @Test func aWorkingListGivesCleanAndListed() {
        let check = ListingCheck(lists: [Self.zen], targets: Array(Self.targets[0...1]))
        let rows = check.rows([
            Self.answer(check.queries[0].name, [[127, 0, 0, 2]]),
            Self.answer(check.queries[1].name, [], code: 3),
            Self.answer(check.queries[2].name, [[127, 0, 0, 3]]),
        ])
        #expect(rows.map(\.result.isListed) == [false, true])
        #expect(rows[0].result.status == .clean)
        #expect(rows[1].target == Self.targets[1])
        #expect(ListingCheck.exitStatus(rows) == 1)
        #expect(ListingCheck.exitStatus([rows[0]]) == 0)
    }
}

/// Lists that document no test point: their clean answers stand as they are.
@Suite struct ListingCheckTestPointTests {
    @Test func aListWithoutATestPointIsTakenAtItsWord() {
        let nordspam = DNSBLCatalog.list("nordspam-dbl")!
        #expect(nordspam.testPointName == nil)
        let target = ListingTarget("shop.example")!
        let check = ListingCheck(lists: [nordspam], targets: [target])
        #expect(check.queries.map(\.name) == ["shop.example.dbl.nordspam.com"])
        let bytes = DNSResponseForTests.response(to: check.queries[0].name, code: 3)
        #expect(check.rows([.response(bytes)]).map(\.result.status) == [.clean])
    }

    @Test func documentedTestPoints() {
        #expect(DNSBLCatalog.list("spamhaus-dbl")!.testPointName == "dbltest.com.dbl.spamhaus.org")
        #expect(DNSBLCatalog.list("spamcop")!.testPointName == "2.0.0.127.bl.spamcop.net")
        #expect(DNSBLCatalog.list("uribl")!.testPointName == "test.uribl.com.multi.uribl.com")
        let custom = DNSBLList(
            id: "mine", name: "mine", zone: "dbl.mine.example", kind: .domain, delist: "")
        #expect(custom.testPointName == "test.dbl.mine.example")
    }
}
