import BounceCore
import BounceOutput
import Testing

/// The block-list families of the daemon's textfile.
@Suite struct ListingMetricsRendererTests {
    @Test func listedCleanCodesErrorsAndRounds() {
        let zen = DNSBLCatalog.list("spamhaus-zen")!
        let spamcop = DNSBLCatalog.list("spamcop")!
        let listed = ListingTarget("203.0.113.5")!
        let clean = ListingTarget("2001:db8::25")!
        var state = ListingState(
            config: ReputationConfig(), lists: [zen, spamcop], targets: [listed, clean])
        let answer = ListingResult.Answer(code: "127.0.0.4", meaning: "XBL: \"exploited\"\nhost")
        _ = state.record(
            [
                ListingCheck.Row(
                    list: zen, target: listed, result: ListingResult(status: .listed([answer]))),
                ListingCheck.Row(list: zen, target: clean, result: ListingResult(status: .clean)),
                ListingCheck.Row(
                    list: spamcop, target: listed,
                    result: ListingResult(status: .error(ListingError(.timeout, "no answer")))),
            ], lists: [zen, spamcop], at: 1_700_000_000)
        let text = ListingMetricsRenderer.render(state)
        #expect(
            text == """
                # HELP bouncewatch_dnsbl_listed 1 when the target is on the list, 0 when the last answer was clean.
                # TYPE bouncewatch_dnsbl_listed gauge
                bouncewatch_dnsbl_listed{list="spamhaus-zen",target="203.0.113.5"} 1
                bouncewatch_dnsbl_listed{list="spamhaus-zen",target="2001:db8::25"} 0
                # HELP bouncewatch_dnsbl_return_code_info The list's answer for a listed target, with the list's meaning of it.
                # TYPE bouncewatch_dnsbl_return_code_info gauge
                bouncewatch_dnsbl_return_code_info{list="spamhaus-zen",target="203.0.113.5",code="127.0.0.4",meaning="XBL: \\"exploited\\"\\nhost"} 1
                # HELP bouncewatch_dnsbl_check_errors_total Lookups that gave no verdict, by reason (refused, nxdomain, servfail, timeout, ...).
                # TYPE bouncewatch_dnsbl_check_errors_total counter
                bouncewatch_dnsbl_check_errors_total{list="spamcop",reason="timeout"} 1
                # HELP bouncewatch_dnsbl_last_check_timestamp_seconds When the list was last asked, in Unix seconds.
                # TYPE bouncewatch_dnsbl_last_check_timestamp_seconds gauge
                bouncewatch_dnsbl_last_check_timestamp_seconds{list="spamhaus-zen"} 1700000000
                bouncewatch_dnsbl_last_check_timestamp_seconds{list="spamcop"} 1700000000
                # HELP bouncewatch_dnsbl_list_up 0 when the list's last round had an error, 1 when it answered every lookup.
                # TYPE bouncewatch_dnsbl_list_up gauge
                bouncewatch_dnsbl_list_up{list="spamhaus-zen"} 1
                bouncewatch_dnsbl_list_up{list="spamcop"} 0

                """)
    }

    @Test func nothingBeforeTheFirstRound() {
        let state = ListingState(
            config: ReputationConfig(), lists: DNSBLCatalog.defaults,
            targets: [ListingTarget("203.0.113.5")!])
        #expect(ListingMetricsRenderer.render(state).isEmpty)
    }
}
