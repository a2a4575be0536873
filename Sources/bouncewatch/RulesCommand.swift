import BounceApp
import BounceCLI

/// `bouncewatch rules`: the classification rules with their sample lines.
enum RulesCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "rules",
        abstract: "List the classification rules in decision order, with their sample lines.",
        discussion: """
            Prints every built-in rule in the order the classifier tries them: its id (as \
            shown by `classify --explain`), the cause it gives, its tier in the decision order, \
            the evidence it needs (phrases, enhanced and reply codes, SMTP stage, MTA) and a \
            sample log line that it decides.

            Examples:
              bouncewatch rules --cause blacklisted
              bouncewatch rules --format json | jq -r '.rules[].id'
            """,
        options: [
            .option("format", help: "text or json.", choice: RulesOutputFormat.text),
            .option(
                "cause", help: "Only the rules giving this cause (e.g. blacklisted, greylisted)."),
        ])

    static func runner(_ arguments: ParsedArguments) -> RulesRunner? {
        RulesRunner(
            format: arguments.choice("format", default: RulesOutputFormat.text),
            causeName: arguments.text("cause"))
    }

    static func validate(_ arguments: ParsedArguments) throws(UsageError) {
        if let cause = arguments.text("cause"), runner(arguments) == nil {
            throw UsageError(RulesRunner.unknownCauseMessage(cause))
        }
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        guard let runner = runner(arguments) else {
            throw UsageError(RulesRunner.unknownCauseMessage(arguments.text("cause") ?? ""))
        }
        return runner.run()
    }
}
