import BounceApp
import BounceCLI

/// `bouncewatch check-listing`: our addresses and domains, looked up once on the block lists.
enum CheckListingCommand: BounceWatchSubcommand {
    static let spec = CommandSpec(
        name: "check-listing",
        abstract: "Look our IP addresses and domains up on DNS block lists and print the verdicts.",
        discussion: """
            Looks every target up once on every configured block list (reputation.lists, the \
            built-in default set without a configuration) and prints one line per list and \
            target: listed, clean, or error with the reason, what the list's answer means, \
            and the delisting page. Without targets, checks reputation.ips (auto: the public \
            addresses of this machine) and reputation.domains. A refusal (127.255.255.x), \
            NXDOMAIN for a list's test point, SERVFAIL and timeouts are errors, never \
            listings.

            Examples:
              bouncewatch check-listing
              bouncewatch check-listing 203.0.113.5 2001:db8::25 shop.example
              bouncewatch check-listing --resolver 127.0.0.1:5353 --list spamhaus-zen 203.0.113.5

            Exit status: 0 when every lookup is clean, 1 when something is listed, 2 when \
            lookups failed and nothing is listed, 3 when the configuration or a target is \
            wrong, 64 on a usage error.
            """,
        options: [
            .option(
                "config", help: "The configuration file.", valueName: "file",
                defaultValue: CheckListingRunner.defaultConfigPath),
            .option(
                "resolver",
                help: "The resolver to ask instead of the configured one: system, or host:port.",
                valueName: "address"),
            .option(
                "list",
                help:
                    "A list to check (repeatable), by its name in the built-in table or the configuration.",
                valueName: "name", repeating: true),
        ],
        arguments: ArgumentSpec(
            valueName: "target", help: "IP addresses and domains to check.", required: false))

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> Int32 {
        CheckListingRunner(
            configPath: arguments.text("config") ?? CheckListingRunner.defaultConfigPath,
            targets: arguments.positionals, resolver: arguments.text("resolver"),
            lists: arguments.texts("list")
        ).run()
    }
}
