import ArgumentParser
import BounceApp

extension LogFormat: ExpressibleByArgument {}
extension ScanOutputFormat: ExpressibleByArgument {}
extension DigestOutputFormat: ExpressibleByArgument {}
extension QueueOutputFormat: ExpressibleByArgument {}
extension QueueMTA: ExpressibleByArgument {}
