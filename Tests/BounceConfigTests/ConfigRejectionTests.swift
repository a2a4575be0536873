import BounceConfig
import BounceCore
import Testing

/// A snippet that must be refused, with the first problem it must report.
///
/// The snippets are in Rejection+Settings.swift (settings, sources, YAML syntax) and
/// Rejection+Rules.swift (alert rules, notifiers, classification rules), each written as the
/// YAML it is, in a multi-line literal.
struct Rejection: CustomTestStringConvertible, Sendable {
    var yaml: String
    var line: Int?
    var key: String
    var message: String

    /// `yaml` without its last line break, as a multi-line literal gives it; the break is put
    /// back, since a file ends with one and the line numbers count it.
    init(line: Int?, key: String, message: String, yaml: String) {
        self.yaml = yaml + "\n"
        self.line = line
        self.key = key
        self.message = message
    }

    var testDescription: String { "\(key): \(message)" }
}

@Suite struct ConfigRejectionTests {
    static let cases = Rejection.settings + Rejection.rules

    @Test(arguments: cases)
    func firstProblem(_ rejection: Rejection) {
        let found = problems(rejection.yaml)
        guard let first = found.first else {
            Issue.record("accepted: \(rejection.yaml)")
            return
        }
        #expect(first.file == "bouncewatch.yml")
        #expect(first.line == rejection.line)
        #expect(first.key == rejection.key)
        #expect(first.message == rejection.message)
    }

    @Test func everyProblemIsReportedInLineOrder() throws {
        let yaml = """
            metrics:
              interval: soon
              top_destinations: 0
            alerts:
              - name: x
                match: {cause: nope}
                threshold: 1
                window: 5m
            notifiers:
              - type: smtp
                server: relay:0
                from: me
                to: you@example.net
            """
        let found = problems(yaml)
        #expect(found.map(\.line) == [2, 3, 6, 11, 12])
        #expect(
            found.map(\.key) == [
                "metrics.interval", "metrics.top_destinations", "alerts[0].match.cause",
                "notifiers[0].server", "notifiers[0].from",
            ])
        let error = try #require(loadError(yaml))
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(
            lines.first == "bouncewatch.yml:2: metrics.interval: \"soon\" is not a duration "
                + "(use 30s, 15m, 4h or 1d)")
    }

    @Test func problemsAreCappedWithASummary() {
        let yaml = (0..<30).map { "bad\($0): 1\n" }.joined()
        let found = problems(yaml)
        #expect(found.count == 21)
        #expect(found.last?.message == "10 more problems not listed")
        #expect(found.last?.line == nil)
    }
}
