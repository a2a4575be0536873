import BounceCore
import Foundation
import Testing

@testable import BounceOutput

@Test(arguments: [
    ("plain.example", "plain.example"),
    ("a\"b", "a\\\"b"),
    ("a\\b", "a\\\\b"),
    ("a\nb", "a\\nb"),
    ("\\\"\n", "\\\\\\\"\\n"),
    ("cr\rnul\u{0}esc\u{1B}del\u{7F}", "cr\u{FFFD}nul\u{FFFD}esc\u{FFFD}del\u{FFFD}"),
    ("é✓", "é✓"),
])
func escapesLabelValues(raw: String, escaped: String) {
    #expect(PrometheusText.labelValue(raw) == escaped)
}

@Test func capsLabelValuesAtAUTF8Boundary() {
    let long = String(repeating: "a", count: 10_000)
    #expect(PrometheusText.labelValue(long).utf8.count == PrometheusText.labelValueLimit)
    let straddling = String(repeating: "b", count: 255) + "é"
    #expect(PrometheusText.labelValue(straddling) == String(repeating: "b", count: 255))
    // The cap applies before escaping, so escaping cannot be cut in half.
    let quotes = String(repeating: "\"", count: 300)
    #expect(PrometheusText.labelValue(quotes) == String(repeating: "\\\"", count: 256))
}

@Test func escapesHelpText() {
    #expect(PrometheusText.escapeHelp("a\\b\nc\"d") == "a\\\\b\\nc\"d")
}

@Test func writesFamiliesAndSamples() {
    var text = ""
    PrometheusText.appendFamily(to: &text, name: "x_total", type: .counter, help: "Things.")
    PrometheusText.appendSample(
        to: &text, name: "x_total", labels: [(name: "a", value: "1"), (name: "b", value: "q\"")],
        value: 3)
    PrometheusText.appendSample(to: &text, name: "x_total", labels: [], value: 0)
    #expect(
        text == """
            # HELP x_total Things.
            # TYPE x_total counter
            x_total{a="1",b="q\\""} 3
            x_total 0

            """)
}

/// Every line of a rendered hostile report is a comment or one well-formed sample.
@Test func hostileLabelsStayOnTheirLine() {
    let text = ScanPrometheusRenderer.render(SampleReports.hostile, version: "1\"\n")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    var seriesSeen = Set<Substring>()
    for line in lines {
        if line.hasPrefix("#") { continue }
        #expect(line.hasPrefix("bouncewatch_"), "stray line: \(line.prefix(80))")
        #expect(!line.hasPrefix("bouncewatch_fake"), "injected sample: \(line)")
        let series = line[..<(line.lastIndex(of: " ") ?? line.endIndex)]
        #expect(seriesSeen.insert(series).inserted, "duplicate series \(series.prefix(80))")
        #expect(line.utf8.count < 2 * 4 * PrometheusText.labelValueLimit + 200)
    }
    #expect(!text.contains("\r"))
    #expect(!text.contains("\u{0}"))
}

@Test func seriesThatBecomeIdenticalAreMerged() {
    let text = ScanPrometheusRenderer.render(SampleReports.hostile)
    let sourceLines = text.split(separator: "\n").filter {
        $0.hasPrefix("bouncewatch_lines_total{source=\"ccc") && $0.contains("result=\"ignored\"")
    }
    #expect(sourceLines.count == 1)
    #expect(sourceLines.first?.hasSuffix(" 3") == true)
    let hits = text.split(separator: "\n").filter {
        $0.hasPrefix("bouncewatch_blocklist_hits_total")
    }
    #expect(hits.count == 1)
    #expect(hits.first?.hasSuffix(" 2") == true)
}

@Test func sentSeriesHaveNoCauseLabel() {
    let text = ScanPrometheusRenderer.render(SampleReports.small)
    let deliveries = text.split(separator: "\n").filter {
        $0.hasPrefix("bouncewatch_deliveries_total{")
    }
    #expect(!deliveries.isEmpty)
    for line in deliveries {
        #expect(line.contains("status=\"sent\"") != line.contains("cause="), "\(line)")
        #expect(line.contains("destination="))
    }
}

@Test func helpTextIsTheSameOnEveryRender() {
    let helpLines = { (report: ScanReport) in
        ScanPrometheusRenderer.render(report).split(separator: "\n")
            .filter { $0.hasPrefix("# ") }
    }
    let empty = helpLines(ScanReport())
    #expect(empty == helpLines(SampleReports.small))
    #expect(empty == helpLines(SampleReports.hostile))
    #expect(empty.count == ScanPrometheusRenderer.Family.allCases.count * 2)
    for family in ScanPrometheusRenderer.Family.allCases where family.type == .counter {
        #expect(family.rawValue.hasSuffix("_total"))
    }
}

/// `promtool check metrics` is the reference parser and linter; its absence fails the test.
@Test func promtoolAcceptsAHostileTextfile() throws {
    guard let promtool = TextfileTools.path("promtool", package: "prometheus") else { return }
    for report in [SampleReports.hostile, SampleReports.small, ScanReport()] {
        let text = ScanPrometheusRenderer.render(report, version: "0.1.0")
        try TextfileTools.expectPromtoolAccepts(text, promtool: promtool)
    }
}
