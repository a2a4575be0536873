import Testing

@testable import BounceCore

/// The delivery counters of a metrics checkpoint as written: one line a non-zero counter,
/// `RECORD NAME MTA STATUS CAUSE|- COUNT`, cells in index order, for each family that has them
/// (`cell` by destination, `pcell` by provider, `hcell` by syslog host).
@Suite struct MetricsCheckpointCellLinesTests {
    @Test func everyFamilyWritesItsCellsAlike() {
        var store = MetricsStore(topDestinations: 5)
        store.setPerHost(true, top: 10)
        store.useProviders(.standard)
        MetricsStoreHostTests.feed(
            [
                MetricsStoreHostTests.delivery("mta2", "b@example.com", status: "bounced"),
                MetricsStoreHostTests.delivery("mta1", "a@example.com", status: "sent"),
                MetricsStoreHostTests.delivery("mta1", "c@example.com", status: "sent"),
            ], to: &store)
        store.rebalance()
        let cells = store.checkpointLines().filter { line in
            ["cell ", "pcell ", "hcell "].contains { line.hasPrefix($0) }
        }
        // The destinations' `other` row counted nothing, so it writes no line; the domain has
        // no provider, so the provider family counts it under `other` (`-`).
        #expect(
            cells == [
                "cell s:example.com postfix sent - 2",
                "cell s:example.com postfix bounced blacklisted 1",
                "pcell - postfix sent - 2", "pcell - postfix bounced blacklisted 1",
                "hcell s:mta1 postfix sent - 2", "hcell s:mta2 postfix bounced blacklisted 1",
            ])
    }
}
