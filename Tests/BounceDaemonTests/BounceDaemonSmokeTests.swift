import Testing

@testable import BounceDaemon

@Test func BounceDaemonLinks() { _ = BounceDaemonModule.self }
