import BounceCore

/// Renders a scan report as one JSON document (`bouncewatch scan --format json`).
///
/// Top-level keys: `time_range`, `period` (only with `--since`/`--until`: `since`, `until`,
/// `events_outside`), `deliveries`, `causes`, `providers`, `other_providers`, `hosts`
/// (only when more than one syslog host was seen), `destinations`, `other_destinations`,
/// `destinations_approximate`, `senders` (only with `--senders`; by sender domain and SASL user: `domains`,
/// `other_domains`, `sasl_users`, `other_sasl_users`, `deliveries_without_sender`,
/// `evicted_messages`, `names_overflowed`), `blocklists`, `rejects`, `auth_failures`, `lines`,
/// `unrecognized`, `truncated_lines`, `unreadable_inputs`, `unclassified_replies`,
/// `guessed_replies`, `classification_tiers` (classified events by the tier that decided:
/// `event`, `user`, `text`, `enhanced_code`, `reply_code`, `mta_wording`, `none`),
/// `unrecognized_delivery_lines` (lines with a delivery marker that did not parse, by shape),
/// `delivery_delay` (arrival to final outcome by status `sent`, `bounced`, `expired`: `count`,
/// `median_seconds`, `p95_seconds`, null without a known delay). Counts are integers; a cause or
/// status that never occurred is absent from `causes` but present (zero) in `deliveries`.
public enum ScanJSONRenderer {
    private static let deliveryStatuses: [DeliveryStatus] = [.sent, .deferred, .bounced, .expired]

    /// The report as one line of JSON.
    public static func render(_ report: ScanReport) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("time_range")
        json.beginObject()
        json.field("first", report.firstEvent.map(TimestampText.format))
        json.field("last", report.lastEvent.map(TimestampText.format))
        json.endObject()
        if let period = report.period {
            json.key("period")
            json.beginObject()
            json.field("since", period.start.map(\.rfc3339))
            json.field("until", period.end.map(\.rfc3339))
            json.field("events_outside", period.eventsOutside)
            json.endObject()
        }

        json.key("deliveries")
        json.beginObject()
        for status in deliveryStatuses { json.field(status.identifier, report.deliveries[status]) }
        json.field("total", report.deliveries.total)
        json.endObject()

        json.key("causes")
        json.beginObject()
        for summary in report.causes {
            json.key(summary.cause.identifier)
            json.beginObject()
            json.field("total", summary.counts.total)
            for status in DeliveryStatus.allCases where status != .sent {
                json.field(status.identifier, summary.counts[status])
            }
            json.field("sample_reply", summary.sampleReply)
            json.endObject()
        }
        json.endObject()

        json.key("providers")
        json.beginArray()
        for provider in report.providers { write(provider, key: "provider", to: &json) }
        json.endArray()
        json.key("other_providers")
        write(report.otherProviders, key: "provider", to: &json)
        if report.hostsSeen > 1 {
            json.key("hosts")
            writeHosts(report, to: &json)
        }

        json.key("destinations")
        json.beginArray()
        for destination in report.destinations { write(destination, to: &json) }
        json.endArray()
        json.key("other_destinations")
        write(report.otherDestinations, to: &json)
        json.field("destinations_approximate", report.destinationsApproximate)
        if let senders = report.senders {
            json.key("senders")
            SenderSectionRendering.write(senders, to: &json)
        }

        json.key("blocklists")
        json.beginArray()
        for blocklist in report.blocklists { write(blocklist, to: &json) }
        json.endArray()

        json.key("rejects")
        writeRejects(report.rejects, to: &json)
        json.key("auth_failures")
        writeAuthFailures(report.authFailures, to: &json)

        json.key("lines")
        writeLines(report, to: &json)
        json.field("unrecognized", report.unrecognizedLines)
        json.field("truncated_lines", report.truncatedLines)
        json.key("unreadable_inputs")
        json.beginArray()
        for input in report.unreadableInputs {
            json.beginObject()
            json.field("source", input.source)
            json.field("reason", input.reason)
            json.endObject()
        }
        json.endArray()
        json.key("unclassified_replies")
        ShapeSectionRendering.write(report.unclassifiedShapes, to: &json)
        json.key("guessed_replies")
        ShapeSectionRendering.write(report.guessedShapes, to: &json)
        json.key("classification_tiers")
        json.beginObject()
        for (tier, count) in report.classificationTiers.entries { json.field(tier, count) }
        json.endObject()
        json.key("unrecognized_delivery_lines")
        ShapeSectionRendering.write(report.unrecognizedDeliveryShapes, to: &json)
        json.key("delivery_delay")
        DelaySectionRendering.write(report.deliveryDelays, to: &json)
        json.endObject()
        return json.string
    }

    private static func write(
        _ destination: DestinationSummary, key: String = "domain", to json: inout JSONWriter
    ) {
        json.beginObject()
        json.field(key, destination.name)
        for status in deliveryStatuses {
            json.field(status.identifier, destination.counts[status])
        }
        if key == "provider" {
            json.key("failure_rate")
            json.value(FailureRate.fraction(destination.counts))
        }
        writeMainCauses(destination.mainCauses, to: &json)
        json.endObject()
    }

    /// `main_causes`: an array of `{cause, count}`, as every row with main causes writes it.
    static func writeMainCauses(_ causes: [CauseCount], to json: inout JSONWriter) {
        json.key("main_causes")
        json.beginArray()
        for entry in causes {
            json.beginObject()
            json.field("cause", entry.cause.identifier)
            json.field("count", entry.count)
            json.endObject()
        }
        json.endArray()
    }

    private static func writeHosts(_ report: ScanReport, to json: inout JSONWriter) {
        json.beginObject()
        json.field("seen", report.hostsSeen)
        json.field("approximate", report.hostsApproximate)
        json.key("top")
        json.beginArray()
        for host in report.hosts { write(host, to: &json) }
        json.endArray()
        json.key("other")
        if let other = report.otherHosts {
            write(other, to: &json)
        } else {
            json.value(nil as Int?)
        }
        json.endObject()
    }

    private static func write(_ host: HostSummary, to json: inout JSONWriter) {
        json.beginObject()
        json.field("host", host.name)
        for status in deliveryStatuses { json.field(status.identifier, host.deliveries[status]) }
        json.key("failure_rate")
        json.value(FailureRate.fraction(host.deliveries))
        json.field("rejects", host.rejects)
        json.field("auth_failures", host.authFailures)
        json.endObject()
    }

    private static func write(_ blocklist: BlocklistSummary, to json: inout JSONWriter) {
        json.beginObject()
        json.field("name", blocklist.name)
        json.field("hits", blocklist.hits)
        json.field("delist_url", blocklist.delistURL)
        json.key("listed_ips")
        json.beginArray()
        for ip in blocklist.listedIPs { json.value(ip) }
        json.endArray()
        json.key("destinations")
        writeCounts(blocklist.destinations, key: "domain", to: &json)
        json.endObject()
    }

    private static func writeRejects(_ rejects: RejectSummary, to json: inout JSONWriter) {
        json.beginObject()
        json.field("total", rejects.total)
        json.key("by_cause")
        json.beginObject()
        for entry in rejects.byCause { json.field(entry.cause.identifier, entry.count) }
        json.endObject()
        json.key("by_mta")
        json.beginObject()
        for mta in MTA.allCases {
            json.field(
                mta.identifier, rejects.cells.filter { $0.mta == mta }.reduce(0) { $0 + $1.count })
        }
        json.endObject()
        json.key("by_blocklist")
        json.beginObject()
        for entry in rejects.byBlocklist { json.field(entry.name, entry.count) }
        json.endObject()
        json.key("top_clients")
        writeCounts(rejects.topClients, key: "ip", to: &json)
        json.endObject()
    }

    private static func writeAuthFailures(
        _ failures: AuthFailureSummary, to json: inout JSONWriter
    ) {
        json.beginObject()
        json.field("total", failures.total)
        json.key("by_mta")
        json.beginObject()
        for entry in failures.byMTA { json.field(entry.mta.identifier, entry.count) }
        json.endObject()
        json.key("top_clients")
        writeCounts(failures.topClients, key: "ip", to: &json)
        json.field("relay_login_failures", failures.relayLoginFailures)
        json.endObject()
    }

    private static func writeLines(_ report: ScanReport, to json: inout JSONWriter) {
        json.beginObject()
        json.field("total", report.lines.reduce(0) { $0 + $1.total })
        json.field("event", report.lines.reduce(0) { $0 + $1.events })
        json.field("ignored", report.lines.reduce(0) { $0 + $1.ignored })
        json.field("unrecognized", report.unrecognizedLines)
        json.field("truncated", report.truncatedLines)
        json.key("by_source")
        json.beginArray()
        for source in report.lines {
            json.beginObject()
            json.field("source", source.source)
            json.field("event", source.events)
            json.field("ignored", source.ignored)
            json.field("unrecognized", source.unrecognized)
            json.field("truncated", source.truncated)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// `[{"<key>": name, "count": n}, ...]`.
    private static func writeCounts(
        _ counts: [NamedCount], key: String, to json: inout JSONWriter
    ) {
        json.beginArray()
        for entry in counts {
            json.beginObject()
            json.field(key, entry.name)
            json.field("count", entry.count)
            json.endObject()
        }
        json.endArray()
    }
}
