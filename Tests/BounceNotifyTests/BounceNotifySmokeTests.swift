import Testing

@testable import BounceNotify

@Test func BounceNotifyLinks() { _ = BounceNotifyModule.self }
