/// The help and usage texts, laid out as the tool always printed them.
public enum HelpText {
    /// Where an option's or subcommand's help starts.
    static let helpColumn = 26

    static let standardOptions: [(label: String, help: String)] = [
        ("--version", "Show the version."), ("-h, --help", "Show help information."),
    ]

    /// `scan [--format <format>] ... <file> ...`, after the tool's name.
    public static func usage(_ spec: CommandSpec, tool: String) -> String {
        var parts = ["\(tool) \(spec.name)"]
        for option in spec.options {
            parts.append(option.repeating ? "[\(option.label) ...]" : "[\(option.label)]")
        }
        if let arguments = spec.arguments {
            parts.append(
                arguments.required ? "\(arguments.label) ..." : "[\(arguments.label) ...]")
        }
        return parts.joined(separator: " ")
    }

    /// `bouncewatch scan --help`.
    public static func command(_ spec: CommandSpec, tool: String, screenWidth: Int = 80)
        -> String
    {
        var text = overview(spec.abstract, screenWidth)
        if !spec.discussion.isEmpty {
            text +=
                TextWrapping.wrap(spec.discussion, maximumLineLength: screenWidth - 1).joined(
                    separator: "\n")
                + "\n\n"
        }
        text += "USAGE: \(usage(spec, tool: tool))\n\n"
        if let arguments = spec.arguments {
            text += "ARGUMENTS:\n" + entry(arguments.label, arguments.help, screenWidth) + "\n"
        }
        text += "OPTIONS:\n"
        for option in spec.options { text += entry(option.label, option.fullHelp, screenWidth) }
        for option in standardOptions { text += entry(option.label, option.help, screenWidth) }
        return text + "\n"
    }

    /// `bouncewatch --help`.
    public static func tool(_ spec: ToolSpec, screenWidth: Int = 80) -> String {
        var text = overview(spec.abstract, screenWidth)
        text += "USAGE: \(spec.name) <subcommand>\n\nOPTIONS:\n"
        for option in standardOptions { text += entry(option.label, option.help, screenWidth) }
        text += "\nSUBCOMMANDS:\n"
        for command in spec.commands { text += entry(command.name, command.abstract, screenWidth) }
        return text + "\n  See '\(spec.name) help <subcommand>' for detailed help.\n"
    }

    /// `bouncewatch help help`: the help of `help` itself, as it always read.
    public static func helpCommand(_ spec: ToolSpec, screenWidth: Int = 80) -> String {
        overview("Show subcommand help information.", screenWidth)
            + "USAGE: \(spec.name) help [<subcommands> ...]\n\nARGUMENTS:\n  <subcommands>\n\n"
            + "OPTIONS:\n" + entry("--version", "Show the version.", screenWidth) + "\n"
    }

    /// `OVERVIEW: abstract`, wrapped, and a blank line.
    static func overview(_ abstract: String, _ screenWidth: Int) -> String {
        TextWrapping.wrap("OVERVIEW: " + abstract, maximumLineLength: screenWidth - 1).joined(
            separator: "\n")
            + "\n\n"
    }

    /// `  label                   help`, the help wrapped at the help column; a label too
    /// long for the column puts the help on the next row. The help's last row may fill the
    /// screen, the others stop a column short: the layout the help always had.
    static func entry(_ label: String, _ help: String, _ screenWidth: Int = 80) -> String {
        let padding = String(repeating: " ", count: helpColumn)
        let rows = TextWrapping.wrap(
            help, maximumLineLength: screenWidth, indent: helpColumn, firstLineStart: helpColumn,
            roomForSpace: true)
        let lead = "  " + label
        let body = rows.joined(separator: "\n")
        if lead.count + 2 <= helpColumn {
            return lead + String(repeating: " ", count: helpColumn - lead.count) + body + "\n"
        }
        return lead + "\n" + padding + body + "\n"
    }
}
