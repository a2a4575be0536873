import Testing

@testable import BounceConfig

@Test func BounceConfigLinks() { _ = BounceConfigModule.self }
