import Testing

@testable import BounceOutput
