import Testing

@testable import BounceApp
