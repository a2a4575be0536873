import BounceCore
import Testing

/// `listed` and `dnsbl-failing` switched off by the administrator (`ListingAlerts.switchedOff`).
@Suite struct ListingAlertsSwitchTests {
    typealias Fixture = ListingAlertsTests

    /// A listing on ZEN and a SERVFAIL from SpamCop in the same round.
    static func listedAndFailing(at time: Int64) -> ListingState {
        var state = Fixture.state()
        Fixture.record(&state, Fixture.zen, .listed([Fixture.sbl]), at: time)
        Fixture.record(
            &state, Fixture.spamcop, .error(ListingError(.servfail, "SERVFAIL")), at: time)
        return state
    }

    @Test func bothOnMailTheListingAndTheFailingList() {
        var alerts = ListingAlerts()
        let rules = alerts.evaluate(Self.listedAndFailing(at: 1_000), now: 1_000).map(\.rule)
        #expect(rules.sorted() == ["dnsbl-failing", "listed"])
    }

    @Test func listedSwitchedOffMailsOnlyTheFailingList() {
        var alerts = ListingAlerts()
        alerts.switchedOff = [ListingAlerts.listedRule]
        let state = Self.listedAndFailing(at: 1_000)
        #expect(alerts.evaluate(state, now: 1_000).map(\.rule) == ["dnsbl-failing"])
        #expect(alerts.firingCount == 0)
        // A day later the listing would be mailed again; switched off, it still is not.
        #expect(!alerts.evaluate(state, now: 1_000 + 86_400).contains { $0.rule == "listed" })
    }

    @Test func failingSwitchedOffMailsOnlyTheListing() {
        var alerts = ListingAlerts()
        alerts.switchedOff = [ListingAlerts.failingRule]
        let state = Self.listedAndFailing(at: 1_000)
        #expect(alerts.evaluate(state, now: 1_000).map(\.rule) == ["listed"])
        #expect(alerts.evaluate(state, now: 1_000 + 86_400).map(\.rule) == ["listed"])
    }

    @Test func switchingListedOffDropsAFiringListingWithoutAResolution() {
        var alerts = ListingAlerts()
        alerts.switchedOff = [ListingAlerts.failingRule]
        var state = Fixture.state()
        Fixture.record(&state, Fixture.zen, .listed([Fixture.sbl]), at: 1_000)
        #expect(alerts.evaluate(state, now: 1_000).map(\.rule) == ["listed"])
        #expect(alerts.firingCount == 1)
        alerts.switchedOff = [ListingAlerts.listedRule, ListingAlerts.failingRule]
        #expect(alerts.evaluate(state, now: 1_010).isEmpty)
        #expect(alerts.firingCount == 0)
        #expect(alerts.savedLines() == ListingAlerts().savedLines())
        // Switched on again while the listing holds: it is mailed as a new listing.
        alerts.switchedOff = []
        let again = alerts.evaluate(state, now: 1_020)
        #expect(again.map(\.rule) == ["listed"])
        #expect(again.first?.isRepeat == false)
    }
}
