import BounceCLI

/// One subcommand of `bouncewatch`: its declaration, a check of what the parser cannot check,
/// and the run.
protocol BounceWatchSubcommand {
    /// Options, arguments and help, read by the parser and the help text alike.
    static var spec: CommandSpec { get }

    /// Checks values beyond their kind (a range, a known cause); a thrown error is a usage
    /// error shown with the subcommand's usage line.
    static func validate(_ arguments: ParsedArguments) throws(UsageError)

    /// Runs the command and returns its exit status; a thrown error is a usage error found
    /// late (a period that is not a time), shown with the tool's usage line as before.
    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32
}

extension BounceWatchSubcommand {
    static func validate(_ arguments: ParsedArguments) throws(UsageError) {}
}
