import BounceCore
import Testing

/// The `listed` alert and the failing-list mail, decided from the lookups' state.
@Suite struct ListingAlertsTests {
    static let zen = DNSBLCatalog.list("spamhaus-zen")!
    static let spamcop = DNSBLCatalog.list("spamcop")!
    static let ip = ListingTarget("203.0.113.5")!
    static let sbl = ListingResult.Answer(code: "127.0.0.2", meaning: "SBL")
    static let xbl = ListingResult.Answer(code: "127.0.0.4", meaning: "XBL")

    static func state() -> ListingState {
        ListingState(config: ReputationConfig(), lists: [zen, spamcop], targets: [ip])
    }

    static func record(
        _ state: inout ListingState, _ list: DNSBLList, _ status: ListingResult.Status, at: Int64
    ) {
        let row = ListingCheck.Row(
            list: list, target: ip, result: ListingResult(status: status, ttl: 60))
        _ = state.record([row], lists: [list], at: at)
    }

    static func bounce(_ time: Int64, list: String?, ip: String?) -> ListingMentions.Mention {
        ListingMentions.Mention(
            time: time, blocklist: list, listedIP: ip, line: "bounce at \(time)")
    }

    @Test func aListingFiresOnceWithItsCodeDelistingPageAndDuration() {
        var state = Self.state()
        var alerts = ListingAlerts()
        Self.record(&state, Self.zen, .listed([Self.sbl]), at: 1_000)
        let notices = alerts.evaluate(state, now: 1_000 + 2 * 3_600 + 5 * 60)
        #expect(notices.count == 1)
        let notice = notices[0]
        #expect(notice.rule == "listed")
        #expect(notice.state == .firing)
        #expect(!notice.isRepeat)
        #expect(
            notice.group == [
                AlertLabel("list", "spamhaus-zen"), AlertLabel("target", "203.0.113.5"),
            ])
        #expect(notice.startedAt == 1_000)
        #expect(notice.blocklist?.delistURL == Self.zen.delist)
        #expect(notice.listedIP == "203.0.113.5")
        #expect(notice.details.contains(AlertLabel("Listed as", "127.0.0.2 (SBL)")))
        #expect(notice.details.contains(AlertLabel("Listed for", "2 h 5 min")))
        #expect(notice.headline == "203.0.113.5 listed on \(Self.zen.name)")
        // Still listed: nothing more until the repeat interval.
        Self.record(&state, Self.zen, .listed([Self.sbl]), at: 9_000)
        #expect(alerts.evaluate(state, now: 9_000).isEmpty)
        #expect(alerts.firingCount == 1)
        let reminder = alerts.evaluate(state, now: 1_000 + 2 * 3_600 + 5 * 60 + 86_400)
        #expect(reminder.count == 1 && reminder[0].isRepeat)
    }

    @Test func aListingResolvesWhenTheLookupComesBackCleanNotOnAnError() {
        var state = Self.state()
        var alerts = ListingAlerts()
        Self.record(&state, Self.zen, .listed([Self.sbl]), at: 1_000)
        _ = alerts.evaluate(state, now: 1_000)
        Self.record(&state, Self.zen, .error(ListingError(.timeout, "no answer")), at: 2_000)
        let duringError = alerts.evaluate(state, now: 2_000)
        #expect(!duringError.contains { $0.rule == "listed" })
        Self.record(&state, Self.zen, .clean, at: 3_000)
        let notices = alerts.evaluate(state, now: 3_000).filter { $0.rule == "listed" }
        #expect(notices.count == 1)
        #expect(notices.first?.state == .resolved)
        #expect(notices.first?.startedAt == 1_000)
        #expect(notices.first?.summary?.contains("came back clean") == true)
        #expect(alerts.firingCount == 0)
        #expect(alerts.evaluate(state, now: 4_000).isEmpty)
    }

    @Test func changedReturnCodesAreMailedAtOnce() {
        var state = Self.state()
        var alerts = ListingAlerts()
        Self.record(&state, Self.zen, .listed([Self.sbl]), at: 1_000)
        _ = alerts.evaluate(state, now: 1_000)
        Self.record(&state, Self.zen, .listed([Self.sbl, Self.xbl]), at: 2_000)
        let notices = alerts.evaluate(state, now: 2_000)
        #expect(notices.count == 1)
        #expect(notices.first?.details.first?.value == "127.0.0.2 (SBL), 127.0.0.4 (XBL)")
    }

    @Test func theNoticeQuotesTheBouncesOfThePeriodThatNamedTheListOrAddress() {
        var state = Self.state()
        var alerts = ListingAlerts()
        alerts.mentions.add(Self.bounce(100, list: "zen.spamhaus.org", ip: nil))  // too early
        alerts.mentions.add(Self.bounce(5_000, list: "ZEN.spamhaus.org.", ip: nil))
        alerts.mentions.add(Self.bounce(5_100, list: nil, ip: "203.0.113.5"))
        alerts.mentions.add(Self.bounce(5_050, list: "Spamhaus PBL", ip: "198.51.100.2"))
        alerts.mentions.add(Self.bounce(5_200, list: "bl.spamcop.net", ip: "198.51.100.1"))
        alerts.mentions.add(Self.bounce(5_300, list: nil, ip: nil))  // not kept
        Self.record(&state, Self.zen, .listed([Self.sbl]), at: 6_000)
        let notice = alerts.evaluate(state, now: 6_000)[0]
        #expect(notice.count == 3)
        #expect(notice.samples == ["bounce at 5000", "bounce at 5050", "bounce at 5100"])
        #expect(notice.summary?.contains("3 bounces in that period") == true)
    }

    @Test func aFailingListIsMailedAtMostOncePerDay() {
        var state = Self.state()
        var alerts = ListingAlerts()
        Self.record(&state, Self.spamcop, .error(ListingError(.servfail, "SERVFAIL")), at: 1_000)
        let first = alerts.evaluate(state, now: 1_000)
        #expect(first.map(\.rule) == ["dnsbl-failing"])
        #expect(first.first?.details.contains(AlertLabel("Errors", "servfail 1")) == true)
        Self.record(&state, Self.spamcop, .error(ListingError(.servfail, "SERVFAIL")), at: 3_000)
        #expect(alerts.evaluate(state, now: 3_000).isEmpty)
        #expect(alerts.evaluate(state, now: 1_000 + 86_399).isEmpty)
        #expect(alerts.evaluate(state, now: 1_000 + 86_400).map(\.rule) == ["dnsbl-failing"])
        // Recovered, then failing again: a new incident, mailed at once.
        Self.record(&state, Self.spamcop, .clean, at: 90_000)
        #expect(alerts.evaluate(state, now: 90_000).isEmpty)
        Self.record(&state, Self.spamcop, .error(ListingError(.timeout, "")), at: 91_000)
        #expect(alerts.evaluate(state, now: 91_000).count == 1)
    }

    @Test func aLookupConfirmsOrContradictsABouncesClaim() {
        var state = Self.state()
        #expect(
            ListingCorroboration.row(
                blocklist: "zen.spamhaus.org", listedIP: "203.0.113.5", state: state)?.value
                .contains("no verdict yet") == true)
        Self.record(&state, Self.zen, .listed([Self.sbl]), at: 1_000)
        let confirmed = ListingCorroboration.row(
            blocklist: "zen.spamhaus.org", listedIP: "203.0.113.5", state: state)
        #expect(confirmed?.name == "Lookup")
        #expect(confirmed?.value.hasPrefix("confirms the listing of 203.0.113.5") == true)
        #expect(confirmed?.value.contains("127.0.0.2 (SBL)") == true)
        Self.record(&state, Self.zen, .clean, at: 2_000)
        let contradicted = ListingCorroboration.row(
            blocklist: "zen.spamhaus.org", listedIP: "203.0.113.5", state: state)
        #expect(contradicted?.value.hasPrefix("contradicts the bounce") == true)
        // A list we do not look up, or no address: nothing to say.
        #expect(
            ListingCorroboration.row(
                blocklist: "b.barracudacentral.org", listedIP: "203.0.113.5", state: state)
                == nil)
        #expect(
            ListingCorroboration.row(blocklist: "zen.spamhaus.org", listedIP: nil, state: state)
                == nil)
    }

    @Test func theMailCarriesTheHeadlineSummaryAndDetails() {
        var state = Self.state()
        var alerts = ListingAlerts()
        Self.record(&state, Self.zen, .listed([Self.sbl]), at: 1_000)
        let notice = alerts.evaluate(state, now: 1_600)[0]
        let envelope = AlertMailEnvelope(
            hostname: "mx1", from: "bw@example.org", to: ["pm@example.org"], messageID: "",
            date: 1_600)
        #expect(
            AlertMail.subject(notice, hostname: "mx1")
                == "[bouncewatch] mx1: 203.0.113.5 listed on \(Self.zen.name)")
        let message = String(decoding: AlertMail.compose(notice, envelope: envelope), as: UTF8.self)
        #expect(message.contains("Listed as:"))
        #expect(message.contains("Listed for:"))
        #expect(message.contains("10 min"))
    }

    @Test func aRestoreNeitherMailsAgainNorMissesTheResolution() throws {
        var state = Self.state()
        var alerts = ListingAlerts()
        let odd = ListingResult.Answer(code: "127.0.0.2", meaning: "SBL with spaces\nand a break")
        Self.record(&state, Self.zen, .listed([odd]), at: 1_000)
        Self.record(&state, Self.spamcop, .error(ListingError(.timeout, "")), at: 1_000)
        #expect(alerts.evaluate(state, now: 1_000).count == 2)
        let lines = alerts.savedLines()
        #expect(lines.allSatisfy { !$0.contains("\n") })
        var restored = try ListingAlerts(savedLines: lines)
        #expect(restored.savedLines() == lines)
        #expect(restored.firingCount == 1)
        // A fresh state before the first round says nothing; the same listing is not news.
        #expect(restored.evaluate(Self.state(), now: 2_000).isEmpty)
        #expect(restored.evaluate(state, now: 2_000).isEmpty)
        var clean = Self.state()
        Self.record(&clean, Self.zen, .clean, at: 3_000)
        let resolved = restored.evaluate(clean, now: 3_000)
        #expect(resolved.map(\.state) == [.resolved])
        #expect(resolved.first?.startedAt == 1_000)
    }

    @Test func damagedSavedStateIsRefusedWithItsLine() {
        for bad in [
            ["bouncewatch-listing-alerts 2"],
            ["bouncewatch-listing-alerts 1", "listed =zen =203.0.113.5 x 1"],
            ["bouncewatch-listing-alerts 1", "listed =zen =not_a_target! 1 1"],
            ["bouncewatch-listing-alerts 1", "listed =zen =203.0.113.5 1 1 =127.0.0.2"],
            ["bouncewatch-listing-alerts 1", "whatever"],
        ] {
            #expect(throws: AlertRestoreError.self) { try ListingAlerts(savedLines: bad) }
        }
        #expect((try? ListingAlerts(savedLines: []))?.firingCount == 0)
    }
}
