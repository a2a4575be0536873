import BounceCore

/// Renders a scan report as the metric families the daemon writes to its textfile.
///
/// Metric names, label names and HELP texts are a public contract: dashboards and alert rules
/// depend on them. Every family is written on every render, samples in a fixed order. The
/// report's Senders and Authenticated users sections are left out: see
/// `SenderSectionRendering`.
public enum ScanPrometheusRenderer {
    /// The families, in the order they are written.
    public enum Family: String, CaseIterable, Sendable {
        case buildInfo = "bouncewatch_build_info"
        case deliveries = "bouncewatch_deliveries_total"
        case rejects = "bouncewatch_rejects_total"
        case saslAuthFailures = "bouncewatch_sasl_auth_failures_total"
        case blocklistHits = "bouncewatch_blocklist_hits_total"
        case lines = "bouncewatch_lines_total"
        case truncatedLines = "bouncewatch_truncated_lines_total"

        /// The fixed HELP text.
        public var help: String {
            switch self {
            case .buildInfo: "Build information; the value is always 1."
            case .deliveries:
                "Delivery attempts by MTA, status, cause and destination domain (the top N, the rest as other); sent has no cause."
            case .rejects: "SMTP commands refused to inbound clients, by MTA and cause."
            case .saslAuthFailures: "Failed SMTP AUTH (SASL) attempts, by MTA."
            case .blocklistHits:
                "Failed deliveries whose reply said our IP or domain is on a block list, by list and destination domain."
            case .lines: "Log lines read, by source and result (event, ignored, unrecognized)."
            case .truncatedLines:
                "Log lines longer than the length limit, cut before parsing, by source."
            }
        }

        public var type: PrometheusText.MetricType {
            self == .buildInfo ? .gauge : .counter
        }
    }

    /// The report as Prometheus text; `version` goes into `bouncewatch_build_info`.
    public static func render(_ report: ScanReport, version: String = "unknown") -> String {
        var output = ""
        for family in Family.allCases {
            PrometheusText.appendFamily(
                to: &output, name: family.rawValue, type: family.type, help: family.help)
            var samples = SeriesBuffer()
            addSamples(of: family, from: report, version: version, to: &samples)
            for series in samples.series {
                PrometheusText.appendSample(
                    to: &output, name: family.rawValue, labels: series.labels, value: series.value)
            }
        }
        return output
    }

    private static func addSamples(
        of family: Family, from report: ScanReport, version: String, to output: inout SeriesBuffer
    ) {
        switch family {
        case .buildInfo:
            sample(&output, family, [("version", version)], 1)
        case .deliveries:
            for destination in report.destinations + [report.otherDestinations] {
                for cell in destination.cells {
                    var labels = [("mta", cell.mta.identifier), ("status", cell.status.identifier)]
                    if let cause = cell.cause { labels.append(("cause", cause.identifier)) }
                    labels.append(("destination", destination.name))
                    sample(&output, family, labels, cell.count)
                }
            }
        case .rejects:
            for cell in report.rejects.cells {
                sample(
                    &output, family,
                    [("mta", cell.mta.identifier), ("cause", cell.cause.identifier)],
                    cell.count)
            }
        case .saslAuthFailures:
            for entry in report.authFailures.byMTA {
                sample(&output, family, [("mta", entry.mta.identifier)], entry.count)
            }
        case .blocklistHits:
            for blocklist in report.blocklists {
                for destination in blocklist.destinations {
                    sample(
                        &output, family,
                        [("blocklist", blocklist.name), ("destination", destination.name)],
                        destination.count)
                }
            }
        case .lines:
            for source in report.lines {
                for (result, count) in [
                    ("event", source.events), ("ignored", source.ignored),
                    ("unrecognized", source.unrecognized),
                ] {
                    sample(&output, family, [("source", source.source), ("result", result)], count)
                }
            }
        case .truncatedLines:
            for source in report.lines {
                sample(&output, family, [("source", source.source)], source.truncated)
            }
        }
    }

    private static func sample(
        _ output: inout SeriesBuffer, _ family: Family, _ labels: [(String, String)], _ value: Int
    ) {
        output.add(labels.map { (name: $0.0, value: $0.1) }, value)
    }
}

/// The samples of one family, with series whose label values end up identical once capped and
/// escaped merged into one: distinct invalid byte sequences decode to the same replacement
/// characters, and a duplicate series would make scrapers reject the whole textfile.
private struct SeriesBuffer {
    var series: [(labels: [(name: String, value: String)], value: Int)] = []
    private var index: [String: Int] = [:]

    mutating func add(_ labels: [(name: String, value: String)], _ value: Int) {
        let key = labels.map { "\($0.name)=\(PrometheusText.labelValue($0.value))" }
            .joined(separator: "\u{0}")
        if let existing = index[key] {
            series[existing].value += value
        } else {
            index[key] = series.count
            series.append((labels, value))
        }
    }
}
