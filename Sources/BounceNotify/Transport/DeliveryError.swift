/// Why one delivery attempt failed, in words an administrator can act on.
///
/// Remote replies and program output are included after `TextSanitizer` made them one
/// printable, bounded line: they come from servers and programs outside our control.
public struct DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
