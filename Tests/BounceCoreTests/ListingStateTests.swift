import BounceCore
import Testing

/// The daemon's memory of our listings: rounds, TTLs, changes and errors.
@Suite struct ListingStateTests {
    static let zen = DNSBLCatalog.list("spamhaus-zen")!
    static let spamcop = DNSBLCatalog.list("spamcop")!
    static let ip = ListingTarget("203.0.113.5")!
    static let answer = ListingResult.Answer(code: "127.0.0.2", meaning: "SBL")

    static func state(interval: Int = 1_800) -> ListingState {
        var config = ReputationConfig()
        config.intervalSeconds = interval
        return ListingState(
            config: config, lists: [zen, spamcop], targets: [ip, .domain("shop.example")])
    }

    static func row(_ list: DNSBLList, _ status: ListingResult.Status, ttl: UInt32? = 60)
        -> ListingCheck.Row
    {
        ListingCheck.Row(list: list, target: ip, result: ListingResult(status: status, ttl: ttl))
    }

    @Test func everyListIsDueAtFirstWithTheTargetsItCovers() {
        let work = Self.state().work(at: 1_000)
        #expect(work.map(\.list.id) == ["spamhaus-zen", "spamcop"])
        #expect(work.allSatisfy { $0.targets == [Self.ip] })
    }

    @Test func aListIsDueAgainAfterItsInterval() {
        var state = Self.state()
        _ = state.record([Self.row(Self.zen, .clean)], lists: [Self.zen], at: 1_000)
        #expect(state.work(at: 1_001).map(\.list.id) == ["spamcop"])
        #expect(state.work(at: 2_800).map(\.list.id) == ["spamhaus-zen", "spamcop"])
        #expect(state.nextDue == 0)
    }

    @Test func anAnswerIsReusedUntilItsTTLPasses() {
        var state = Self.state(interval: 300)
        _ = state.record([Self.row(Self.zen, .clean, ttl: 3_000)], lists: [Self.zen], at: 1_000)
        #expect(!state.work(at: 1_300).contains { $0.list.id == "spamhaus-zen" })
        #expect(state.work(at: 4_000).contains { $0.list.id == "spamhaus-zen" })
        // A long TTL is cut to an hour: a listing must not hide behind it.
        _ = state.record([Self.row(Self.zen, .clean, ttl: 86_400)], lists: [Self.zen], at: 5_000)
        #expect(state.work(at: 5_000 + 3_600).contains { $0.list.id == "spamhaus-zen" })
    }

    @Test func listingAndDelistingAreChangesOnce() {
        var state = Self.state()
        var changes = state.record(
            [Self.row(Self.zen, .listed([Self.answer]))], lists: [Self.zen], at: 10)
        #expect(changes == [.listed(list: "spamhaus-zen", target: Self.ip, answers: [Self.answer])])
        changes = state.record(
            [Self.row(Self.zen, .listed([Self.answer]))], lists: [Self.zen], at: 20)
        #expect(changes.isEmpty)
        #expect(state.entries["spamhaus-zen"]?[Self.ip]?.since == 10)
        changes = state.record([Self.row(Self.zen, .clean)], lists: [Self.zen], at: 30)
        #expect(changes == [.delisted(list: "spamhaus-zen", target: Self.ip)])
        #expect(state.entries["spamhaus-zen"]?[Self.ip]?.since == 30)
    }

    @Test func errorsAreCountedKeepTheLastVerdictAndMarkTheListDown() {
        var state = Self.state()
        _ = state.record([Self.row(Self.zen, .listed([Self.answer]))], lists: [Self.zen], at: 10)
        let refused = ListingError(.refused, "127.255.255.254")
        var changes = state.record([Self.row(Self.zen, .error(refused))], lists: [Self.zen], at: 20)
        #expect(
            changes == [.failing(list: "spamhaus-zen", reason: .refused, detail: "127.255.255.254")]
        )
        #expect(state.entries["spamhaus-zen"]?[Self.ip]?.listed == true)
        #expect(state.up["spamhaus-zen"] == false)
        changes = state.record([Self.row(Self.zen, .error(refused))], lists: [Self.zen], at: 30)
        #expect(changes.isEmpty)
        #expect(state.errors["spamhaus-zen"]?[.refused] == 2)
        changes = state.record(
            [Self.row(Self.zen, .listed([Self.answer]))], lists: [Self.zen], at: 40)
        #expect(changes == [.recovered(list: "spamhaus-zen")])
        #expect(state.lastCheck["spamhaus-zen"] == 40)
    }
}

/// Addresses that bounces name as listed join the targets (with `ips: auto`).
@Suite struct ListingStateAddTests {
    @Test func aPublicAddressJoinsAndItsListsAreDueAtOnce() {
        let zen = DNSBLCatalog.list("spamhaus-zen")!
        var state = ListingState(config: ReputationConfig(), lists: [zen], targets: [])
        #expect(state.nextDue == nil)
        let named = ListingTarget("198.18.0.1")!
        let benchmarking = state.add(named)
        #expect(!benchmarking, "a benchmarking address is not public")
        let listed = ListingTarget("8.8.4.4")!
        let first = state.add(listed)
        let again = state.add(listed)
        let domain = state.add(.domain("shop.example"))
        #expect(first)
        #expect(!again, "known already")
        #expect(!domain)
        #expect(state.work(at: 100).map(\.targets) == [[listed]])
        let clean = ListingCheck.Row(
            list: zen, target: listed, result: ListingResult(status: .clean, ttl: 300))
        _ = state.record([clean], lists: [zen], at: 100)
        #expect(state.work(at: 101).isEmpty)
        let other = state.add(ListingTarget("8.8.8.8")!)
        #expect(other)
        #expect(state.work(at: 101).map(\.targets) == [[ListingTarget("8.8.8.8")!]])
    }

    @Test func atMostSoManyAddressesJoin() {
        var state = ListingState(config: ReputationConfig(), lists: [], targets: [])
        var added = 0
        for last in 1...60 where state.add(.ipv4([8, 8, 9, UInt8(last)])) { added += 1 }
        #expect(added == ListingState.mostAddedTargets)
    }
}
