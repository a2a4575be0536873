import ArgumentParser
import BounceApp

extension RulesOutputFormat: ExpressibleByArgument {}

/// `bouncewatch rules`: the classification rules with their sample lines.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the classification rules in decision order, with their sample lines.",
        discussion: """
            Prints every built-in rule in the order the classifier tries them: its id (as \
            shown by `classify --explain`), the cause it gives, its tier in the decision order, \
            the evidence it needs (phrases, enhanced and reply codes, SMTP stage, MTA) and a \
            sample log line that it decides.

            Examples:
              bouncewatch rules --cause blacklisted
              bouncewatch rules --format json | jq -r '.rules[].id'
            """
    )

    @Option(help: "text or json.")
    var format: RulesOutputFormat = .text

    @Option(help: "Only the rules giving this cause (e.g. blacklisted, greylisted).")
    var cause: String?

    func validate() throws {
        if let cause, RulesRunner(format: format, causeName: cause) == nil {
            throw ValidationError(RulesRunner.unknownCauseMessage(cause))
        }
    }

    func run() throws {
        guard let runner = RulesRunner(format: format, causeName: cause) else {
            throw ValidationError(RulesRunner.unknownCauseMessage(cause ?? ""))
        }
        let status = runner.run()
        if status != 0 { throw ExitCode(status) }
    }
}
