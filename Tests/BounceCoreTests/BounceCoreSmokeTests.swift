import Testing

@testable import BounceCore

@Test func causeIdentifiersRoundTrip() {
    for cause in Cause.allCases {
        #expect(Cause(identifier: cause.identifier) == cause)
    }
}
