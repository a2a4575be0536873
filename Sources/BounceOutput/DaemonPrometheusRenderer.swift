import BounceCore

/// Renders the daemon's textfile: the metric families of `ScanPrometheusRenderer` with the
/// same names and HELP texts, then the daemon's own health families.
///
/// Every family is written on every render (HELP and TYPE even without samples), in a fixed
/// order, so node_exporter sees identical HELP text on every write. Samples follow the
/// snapshot's order; health samples are sorted by their labels. Label values the store did not
/// canonicalise (health names, the version) are made canonical here (`MetricsLabel`), so every
/// value is valid UTF-8 of at most 255 bytes before escaping.
public enum DaemonPrometheusRenderer {
    /// The families, in the order they are written.
    public enum Family: String, CaseIterable, Sendable {
        case buildInfo = "bouncewatch_build_info"
        case deliveries = "bouncewatch_deliveries_total"
        case rejects = "bouncewatch_rejects_total"
        case saslAuthFailures = "bouncewatch_sasl_auth_failures_total"
        case blocklistHits = "bouncewatch_blocklist_hits_total"
        case lines = "bouncewatch_lines_total"
        case truncatedLines = "bouncewatch_truncated_lines_total"
        case sourceUp = "bouncewatch_source_up"
        case lostFiles = "bouncewatch_lost_files_total"
        case lastEventTimestamp = "bouncewatch_last_event_timestamp_seconds"
        case checkpointTimestamp = "bouncewatch_checkpoint_timestamp_seconds"
        case startTime = "bouncewatch_start_time_seconds"
        case alertsFiring = "bouncewatch_alerts_firing"
        case notifications = "bouncewatch_notifications_total"
        case providerDeliveries = "bouncewatch_provider_deliveries_total"
        case providerBlocklistHits = "bouncewatch_provider_blocklist_hits_total"
        case hostDeliveries = "bouncewatch_host_deliveries_total"
        case hostRejects = "bouncewatch_host_rejects_total"
        case hostSASLAuthFailures = "bouncewatch_host_sasl_auth_failures_total"
        case hostBlocklistHits = "bouncewatch_host_blocklist_hits_total"
        case classifications = "bouncewatch_classifications_total"
        case deliveryDelay = "bouncewatch_delivery_delay_seconds"
        case senderDeliveries = "bouncewatch_sender_deliveries_total"
        case saslUserDeliveries = "bouncewatch_sasl_user_deliveries_total"
        case messageStateMessages = "bouncewatch_message_state_messages"
        case messageStateEvicted = "bouncewatch_message_state_evicted_total"
        case messageStateNamesOverflowed = "bouncewatch_message_state_names_overflowed_total"

        /// The `scan` family of the same name, whose HELP text this one shares.
        var scanFamily: ScanPrometheusRenderer.Family? {
            ScanPrometheusRenderer.Family(rawValue: rawValue)
        }

        /// The fixed HELP text.
        public var help: String {
            if let scanFamily { return scanFamily.help }
            switch self {
            case .sourceUp:
                return "Whether the source could be read at the last attempt (1) or not (0)."
            case .lostFiles:
                return "Files whose unread lines were found neither at the path nor among their"
                    + " rotated copies (plain or gzip) since the daemon started."
            case .lastEventTimestamp:
                return
                    "Unix time of the event read last from the source, by the event's own time."
            case .checkpointTimestamp: return "Unix time of the last checkpoint written."
            case .startTime: return "Unix time when the daemon started."
            case .alertsFiring: return "Alert groups firing now, by rule."
            case .notifications:
                return "Alert notifications handed to a notifier, by notifier and result."
            case .providerDeliveries:
                return "Delivery outcomes by the provider that received them (other: none known),"
                    + " and by syslog host with metrics.per_host."
            case .providerBlocklistHits:
                return "Failed deliveries whose reply named a block list, by list and provider,"
                    + " and by syslog host with metrics.per_host."
            case .hostDeliveries:
                return "Delivery outcomes by the syslog host that logged them (metrics.per_host)."
            case .hostRejects:
                return "SMTP commands refused to clients, by the syslog host (metrics.per_host)."
            case .hostSASLAuthFailures:
                return
                    "Failed SMTP AUTH attempts of clients, by the syslog host (metrics.per_host)."
            case .hostBlocklistHits:
                return "Failed deliveries whose reply named a block list, by list and syslog host"
                    + " (metrics.per_host)."
            case .classifications:
                return "Classified failures, rejects and SASL failures by the tier of the rule"
                    + " that decided: event, user, text, enhanced_code, reply_code, mta_wording,"
                    + " or none when no rule did."
            case .deliveryDelay:
                return "Delay from a message's arrival to a final delivery outcome (sent, bounced,"
                    + " expired; never a deferral), by status and by the provider that received"
                    + " it (other: none known)."
            case .senderDeliveries:
                return "Delivery outcomes by the envelope sender's domain (<>: the null sender),"
                    + " from the message state (metrics.senders)."
            case .saslUserDeliveries:
                return "Delivery outcomes by the SASL user that submitted the message, from the"
                    + " message state (metrics.sasl_users)."
            case .messageStateMessages:
                return "Messages the message state holds now: seen entering the queue, not yet"
                    + " seen leaving it."
            case .messageStateEvicted:
                return "Messages the message state dropped while full, by reason: age (older"
                    + " than its maximum age) or limit (the oldest, to make room)."
            case .messageStateNamesOverflowed:
                return "Sender and SASL user names the message state could not keep (its name"
                    + " table was full); their deliveries count as other."
            default: return ""
            }
        }

        public var type: PrometheusText.MetricType {
            if let scanFamily { return scanFamily.type }
            switch self {
            case .notifications, .lostFiles, .providerDeliveries, .providerBlocklistHits,
                .hostDeliveries, .hostRejects, .hostSASLAuthFailures, .hostBlocklistHits,
                .classifications, .senderDeliveries, .saslUserDeliveries, .messageStateEvicted,
                .messageStateNamesOverflowed:
                return .counter
            case .deliveryDelay: return .histogram
            default: return .gauge
            }
        }
    }

    /// The textfile for `metrics` and `health`; `version` goes into `bouncewatch_build_info`.
    public static func render(_ metrics: MetricsSnapshot, health: DaemonHealth, version: String)
        -> String
    {
        var output = ""
        for family in Family.allCases {
            PrometheusText.appendFamily(
                to: &output, name: family.rawValue, type: family.type, help: family.help)
            if family.type == .histogram {
                DelayHistogramRendering.append(
                    metrics.deliveryDelays, name: family.rawValue, to: &output)
                continue
            }
            var samples = DaemonSeriesBuffer(type: family.type)
            addSamples(of: family, metrics: metrics, health: health, version: version, to: &samples)
            for series in samples.series {
                PrometheusText.appendSample(
                    to: &output, name: family.rawValue, labels: series.labels, value: series.value)
            }
        }
        return output
    }

    private static func addSamples(
        of family: Family, metrics: MetricsSnapshot, health: DaemonHealth, version: String,
        to output: inout DaemonSeriesBuffer
    ) {
        switch family {
        case .buildInfo:
            output.add([("version", MetricsLabel.canonical(version))], 1)
        case .deliveries: addDeliveries(metrics.destinations, by: "destination", to: &output)
        case .senderDeliveries:
            addDeliveries(metrics.senderDomains, by: "sender_domain", to: &output)
        case .saslUserDeliveries:
            addDeliveries(metrics.saslUsers, by: "sasl_username", to: &output)
        case .messageStateMessages: output.add([], health.messageState.messages)
        case .messageStateEvicted:
            output.add([("reason", "age")], health.messageState.evictedByAge)
            output.add([("reason", "limit")], health.messageState.evictedByLimit)
        case .messageStateNamesOverflowed:
            output.add([], health.messageState.namesOverflowed)
        case .providerDeliveries:
            for provider in metrics.providers {
                for cell in provider.cells {
                    var labels = [("mta", cell.mta.identifier), ("status", cell.status.identifier)]
                    if let cause = cell.cause { labels.append(("cause", cause.identifier)) }
                    labels.append(("provider", provider.name))
                    if let host = provider.host { labels.append(("host", host)) }
                    output.add(labels, cell.count)
                }
            }
        case .providerBlocklistHits:
            for hit in metrics.providerBlocklistHits {
                var labels = [("blocklist", hit.blocklist), ("provider", hit.destination)]
                if let host = hit.host { labels.append(("host", host)) }
                output.add(labels, hit.count)
            }
        case .hostDeliveries:
            for host in metrics.hosts {
                for cell in host.deliveries {
                    var labels = [("mta", cell.mta.identifier), ("status", cell.status.identifier)]
                    if let cause = cell.cause { labels.append(("cause", cause.identifier)) }
                    labels.append(("host", host.name))
                    output.add(labels, cell.count)
                }
            }
        case .hostRejects:
            for host in metrics.hosts {
                for cell in host.rejects {
                    output.add(
                        [
                            ("mta", cell.mta.identifier), ("cause", cell.cause.identifier),
                            ("host", host.name),
                        ], cell.count)
                }
            }
        case .hostSASLAuthFailures:
            for host in metrics.hosts {
                for entry in host.authFailures {
                    output.add([("mta", entry.mta.identifier), ("host", host.name)], entry.count)
                }
            }
        case .hostBlocklistHits:
            for hit in metrics.hostBlocklistHits {
                output.add([("blocklist", hit.blocklist), ("host", hit.destination)], hit.count)
            }
        case .rejects:
            for cell in metrics.rejects {
                output.add(
                    [("mta", cell.mta.identifier), ("cause", cell.cause.identifier)], cell.count)
            }
        case .saslAuthFailures:
            for entry in metrics.authFailures {
                output.add([("mta", entry.mta.identifier)], entry.count)
            }
        case .blocklistHits:
            for hit in metrics.blocklistHits {
                output.add(
                    [("blocklist", hit.blocklist), ("destination", hit.destination)], hit.count)
            }
        case .lines:
            for source in metrics.sources {
                for (result, count) in [
                    ("event", source.events), ("ignored", source.ignored),
                    ("unrecognized", source.unrecognized),
                ] {
                    output.add([("source", source.name), ("result", result)], count)
                }
            }
        case .truncatedLines:
            for source in metrics.sources {
                output.add([("source", source.name)], source.truncated)
            }
        case .sourceUp:
            // The same canonical form as the store's `source` labels, so the series match.
            let sources = health.sources.map { (MetricsLabel.canonical($0.name), $0.up) }
            for (name, up) in sources.sorted(by: { $0.0 < $1.0 }) {
                output.add([("source", name)], up ? 1 : 0)
            }
        case .lostFiles:
            let sources = health.sources.map { (MetricsLabel.canonical($0.name), $0.lostFiles) }
            for (name, lost) in sources.sorted(by: { $0.0 < $1.0 }) {
                output.add([("source", name)], lost)
            }
        case .lastEventTimestamp:
            for source in metrics.sources {
                guard let time = source.lastEventTime else { continue }
                output.add([("source", source.name)], Int(time))
            }
        case .checkpointTimestamp:
            if let time = health.checkpointTime { output.add([], Int(time)) }
        case .startTime:
            output.add([], Int(health.startTime))
        case .alertsFiring:
            let rules = health.alertsFiring.map { (MetricsLabel.canonical($0.key), $0.value) }
            for (rule, count) in rules.sorted(by: { $0.0 < $1.0 }) {
                output.add([("rule", rule)], count)
            }
        case .notifications:
            let counts = health.notifications.map {
                (MetricsLabel.canonical($0.notifier), MetricsLabel.canonical($0.result), $0.count)
            }
            for (notifier, result, count) in counts.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
                output.add([("notifier", notifier), ("result", result)], count)
            }
        case .classifications:
            for (tier, count) in metrics.classificationTiers.entries {
                output.add([("tier", tier)], count)
            }
        case .deliveryDelay:
            // Written by `DelayHistogramRendering`.
            break
        }
    }

    /// Delivery cells of each row of `rows`, its name under the label `name`.
    private static func addDeliveries(
        _ rows: [MetricsSnapshot.Destination], by name: String,
        to output: inout DaemonSeriesBuffer
    ) {
        for row in rows {
            for cell in row.cells {
                var labels = [("mta", cell.mta.identifier), ("status", cell.status.identifier)]
                if let cause = cell.cause { labels.append(("cause", cause.identifier)) }
                labels.append((name, row.name))
                output.add(labels, cell.count)
            }
        }
    }
}
