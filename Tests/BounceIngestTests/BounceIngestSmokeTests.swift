import Testing

@testable import BounceIngest
