/// A command line that cannot be run: the message, and the option or argument it concerns
/// when the help line of that one would help (`Help:  --top <top>  How many ...`).
public struct UsageError: Error, Sendable, Equatable {
    public var message: String
    /// `label  help` of the option or argument concerned, or nil.
    public var helpLine: String?

    public init(_ message: String, helpLine: String? = nil) {
        self.message = message
        self.helpLine = helpLine
    }
}
