import Testing

@testable import BounceCore

/// The engine builds its per-shape tables from `AlertShapeMask`: for every shape it must say
/// what `AlertEventFilter.couldMatch` says, lists empty or not, with and without a cause.
@Suite struct AlertShapeMaskTests {
    static let matches = [
        EventMatch(),
        EventMatch(status: [.deferred]),
        EventMatch(status: [.sent, .deferred, .bounced]),
        EventMatch(mta: [.exim], kind: [.reject]),
        EventMatch(kind: [.authFailure], direction: [.inbound]),
        EventMatch(cause: [.blacklisted, .reputation], direction: [.outbound]),
        EventMatch(mta: [.postfix], kind: [.delivery], status: [.expired], cause: [.network]),
    ]

    @Test(arguments: matches.indices)
    func admitsWhatTheFilterCouldMatch(_ index: Int) {
        let match = Self.matches[index]
        let mask = AlertShapeMask(match)
        let filter = AlertEventFilter(match)
        var admitted = 0
        for mta in MTA.allCases {
            for kind in EventKind.allCases {
                for status in DeliveryStatus.allCases {
                    for cause in [nil] + Cause.allCases.map({ Optional($0) }) {
                        let expected = filter.couldMatch(
                            mta: mta, kind: kind, status: status, cause: cause)
                        let got = mask.admits(
                            mta: mta, kind: kind, status: status,
                            causeIndex: AlertShapeMask.causeIndex(cause))
                        #expect(
                            got == expected, "\(mta) \(kind) \(status) \(String(describing: cause))"
                        )
                        if got { admitted += 1 }
                    }
                }
            }
        }
        #expect(admitted > 0)
    }
}
