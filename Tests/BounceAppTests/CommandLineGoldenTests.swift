import BounceTestSupport
import Testing

/// The command line's help, version and usage errors, byte for byte, with their exit status:
/// recorded from the binary built with swift-argument-parser before it was replaced, so the
/// project's own parser is shown to print the same.
@Suite struct CommandLineGoldenTests {
    static let subcommands = [
        "scan", "classify", "run", "rules", "check-config", "test-alert", "digest",
        "check-listing", "queue",
    ]

    /// Golden name, and every command line that must print exactly it.
    static let cases: [(golden: String, commandLines: [[String]])] =
        [
            (
                "help",
                [[], ["--help"], ["-h"], ["-help"], ["--help-hidden"], ["help"], ["help", "nope"]]
            ),
            ("help-help", [["help", "help"]]),
            ("version", [["--version"], ["scan", "--version"]]),
        ]
        + subcommands.map { name in
            (
                "help-\(name)",
                [
                    [name, "--help"], [name, "-h"], ["help", name], [name, "x", "--help"],
                    [name, "--bogus", "--help"], [name, "-help"],
                ]
            )
        }
        + [
            ("error-unknown-option", [["scan", "--bogus", "x"]]),
            ("error-unknown-subcommand", [["frobnicate"]]),
            ("error-missing-value", [["scan", "--format"]]),
            ("error-bad-value", [["scan", "--format", "xml", "f"]]),
            ("error-bad-integer", [["scan", "--top", "abc", "f"]]),
            ("error-top-range", [["scan", "--top", "0", "f"]]),
            ("error-missing-argument", [["scan"], ["scan", "--bogus"]]),
            ("error-missing-argument-digest", [["digest"]]),
            ("error-destinations", [["queue", "--destinations", "0"]]),
            ("error-unknown-cause", [["rules", "--cause", "nope"]]),
            ("error-period", [["digest", "--period", "bogus", "f"]]),
            ("error-bad-log-format", [["classify", "--format", "nope"]]),
            ("error-unexpected-argument", [["rules", "extra"]]),
            ("error-flag-value", [["classify", "--explain=yes"]]),
            ("error-typo", [["scan", "--formt", "json", "f"]]),
            ("error-single-dash", [["scan", "-top", "3", "f"]]),
            ("error-empty-value", [["rules", "--format="]]),
            ("error-negative-value", [["scan", "--top", "-3", "f"]]),
            ("error-dash-value", [["scan", "--config", "--help", "f"]]),
            ("error-since", [["scan", "--since", "nope", "f"]]),
        ]

    /// Help follows `COLUMNS` (and the terminal's width) as it did; usage errors do not wrap.
    static let widthCases: [(golden: String, columns: String, arguments: [String])] = [
        ("help-scan-columns-40", "40", ["scan", "--help"]),
        ("help-scan-columns-120", "120", ["help", "scan"]),
        ("help-columns-120", "120", ["--help"]),
        ("error-bad-integer-columns-120", "120", ["scan", "--top", "abc", "f"]),
    ]

    @Test(arguments: widthCases.map(\.golden))
    func helpIsAsWideAsItWas(_ golden: String) throws {
        let width = try #require(Self.widthCases.first { $0.golden == golden })
        let result = try BinaryRunner.run(width.arguments, environment: ["COLUMNS": width.columns])
        #expect(Golden.problem(Self.transcript(result), against: "cli/\(golden).txt") == nil)
    }

    static func transcript(_ result: BinaryRunner.Result) -> String {
        "exit status: \(result.status)\n--- standard output\n\(result.stdout)"
            + "--- standard error\n\(result.stderr)"
    }

    @Test(arguments: cases.map(\.golden))
    func printsWhatItAlwaysPrinted(_ golden: String) throws {
        let commandLines = try #require(Self.cases.first { $0.golden == golden }).commandLines
        for arguments in commandLines {
            let result = try BinaryRunner.run(arguments)
            #expect(
                Golden.problem(Self.transcript(result), against: "cli/\(golden).txt") == nil,
                "bouncewatch \(arguments.joined(separator: " "))")
        }
    }
}
