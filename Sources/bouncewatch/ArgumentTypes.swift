import ArgumentParser
import BounceApp

extension LogFormat: ExpressibleByArgument {}
extension ScanOutputFormat: ExpressibleByArgument {}
extension QueueOutputFormat: ExpressibleByArgument {}
extension QueueMTA: ExpressibleByArgument {}
