import Testing

@testable import BounceCLI

/// Help layout: the wrapping and the columns the tool's help has always had.
@Suite struct HelpTextTests {
    @Test func linesStayUnder80ColumnsAndIndentedExamplesKeepTheirIndent() throws {
        let example =
            "  bouncewatch check-listing --resolver 127.0.0.1:5353 --list spamhaus-zen 203.0.113.5"
        let rows = TextWrapping.wrap("A first paragraph.\n\n" + example)
        try #require(rows.count == 4)
        #expect(rows.allSatisfy { $0.count <= 79 })
        #expect(rows[0] == "A first paragraph.")
        #expect(rows[1].isEmpty)
        #expect(rows[2].hasPrefix("  bouncewatch check-listing"))
        #expect(rows[3] == "203.0.113.5")
    }

    @Test func theScreenWidthDecidesWhereRowsEnd() {
        let rows = TextWrapping.wrap("one two three four", maximumLineLength: 9)
        #expect(rows == ["one two", "three", "four"])
        let narrow = HelpText.entry("--top <top>", "How many destination domains.", 40)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 40 })
        #expect(narrow.split(separator: "\n").count == 3)
    }

    @Test func entriesWrapAtTheHelpColumn() {
        let entry = HelpText.entry(
            "--format <format>",
            "Output: text for people, json for scripts, prometheus for a textfile.")
        #expect(
            entry
                == "  --format <format>       Output: text for people, json for scripts, prometheus\n"
                + String(repeating: " ", count: 26) + "for a textfile.\n")
        let long = HelpText.entry("--log-format <log-format>", "The MTA.")
        #expect(
            long == "  --log-format <log-format>\n" + String(repeating: " ", count: 26)
                + "The MTA.\n")
    }

    @Test func usageMarksOptionalRepeatedAndRequiredParts() {
        let spec = CommandSpec(
            name: "digest", abstract: "Digest.",
            options: [
                .option("to", help: "To.", repeating: true), .flag("explain", help: "Explain."),
            ],
            arguments: ArgumentSpec(valueName: "file", help: "Files.", required: true))
        #expect(
            HelpText.usage(spec, tool: "tool")
                == "tool digest [--to <to> ...] [--explain] <file> ...")
        var optional = spec
        optional.arguments?.required = false
        #expect(HelpText.usage(optional, tool: "tool").hasSuffix("[--explain] [<file> ...]"))
    }

    @Test func toolParsesSubcommandsHelpAndVersion() {
        let tool = ToolSpec(
            name: "tool", abstract: "A tool.", version: "1.2.3",
            commands: [CommandSpec(name: "rules", abstract: "Rules.")])
        #expect(tool.parse(["--version"]) == .print("1.2.3\n"))
        #expect(tool.parse(["rules", "--version"]) == .print("1.2.3\n"))
        #expect(tool.parse([]) == tool.parse(["--help"]))
        #expect(tool.parse(["help", "nope"]) == tool.parse(["-h"]))
        #expect(tool.parse(["help", "rules"]) == tool.parse(["rules", "--help"]))
        #expect(tool.parse(["rules"]) == .run(command: 0, arguments: ParsedArguments()))
        #expect(
            tool.parse(["nope"])
                == .usageError(
                    "Error: Unexpected argument 'nope'\nUsage: tool <subcommand>\n"
                        + "  See 'tool --help' for more information.\n"))
    }
}
