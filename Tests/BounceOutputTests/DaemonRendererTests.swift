import BounceCore
import Testing

@testable import BounceOutput

/// Metrics stores and health figures for the textfile tests, fed through the public API.
enum DaemonSamples {
    /// Counts one event to `domain` (raw bytes), as the daemon would after parsing a line.
    static func add(
        _ store: inout MetricsStore, mta: MTA = .postfix, kind: EventKind = .delivery,
        status: DeliveryStatus, cause: Cause? = nil, domain: [UInt8], blocklist: String? = nil,
        source: String = "/var/log/mail.log", time: Int64? = nil, times: Int = 1
    ) {
        var event = RawEvent(mta: mta, kind: kind, status: status, timestamp: nil)
        event.domain = ByteRange(0, domain.count)
        let classification = cause.map {
            Classification(
                cause: $0, ruleID: "test",
                blocklist: blocklist.map { Blocklist(name: $0, delistURL: nil) })
        }
        domain.withUnsafeBufferPointer { line in
            for _ in 0..<times {
                store.add(event, classification, in: line, source: source, time: time)
            }
        }
    }

    /// Domains and names that have broken textfiles: quotes, backslashes, newlines, control
    /// characters, invalid UTF-8, a 10 kB domain, a name that is an injected sample line.
    static let hostileDomains: [[UInt8]] = [
        Array("quote\"d.example".utf8), Array("back\\slash.example".utf8),
        Array("new\nline.example".utf8), Array("cr\rnul\u{0}.example".utf8),
        [0xFF, 0xFE, 0xC3, UInt8(ascii: "."), UInt8(ascii: "x")],
        Array(repeating: UInt8(ascii: "a"), count: 10_000),
        Array(repeating: UInt8(ascii: "\""), count: 10_000),
        Array("x\"} 1\nbouncewatch_fake_total 99\n#".utf8), Array("UPPER.Example".utf8),
        Array("other".utf8), Array("é✓.example".utf8),
    ]

    static let hostileText =
        "we\"ird\\name\nwith\r\u{0}controls" + String(repeating: "z", count: 400)

    /// A store where every hostile domain has a series, counted before and after promotion.
    static func hostileStore() -> MetricsStore {
        var store = MetricsStore(topDestinations: 50)
        for round in 0..<2 {
            for (index, domain) in hostileDomains.enumerated() {
                add(&store, status: .sent, domain: domain, source: hostileText, time: 1_764_000_000)
                add(
                    &store, mta: .exim, status: .bounced, cause: .blacklisted, domain: domain,
                    blocklist: index % 2 == 0 ? hostileText : "zen.spamhaus.org",
                    source: "/var/log/exim4/mainlog", times: index + 1)
            }
            add(&store, kind: .reject, status: .rejected, cause: .spam, domain: [])
            add(&store, kind: .authFailure, status: .rejected, cause: .authFailure, domain: [])
            store.countLine(.unrecognized, source: hostileText)
            store.countLine(.ignored, source: "/var/log/mail.log")
            store.countTruncatedLine(source: hostileText)
            if round == 0 { store.rebalance() }
        }
        return store
    }

    static let hostileHealth = DaemonHealth(
        sources: [
            .init(name: hostileText, up: true), .init(name: "/var/log/mail.log", up: false),
            .init(name: "journal", up: true),
        ],
        checkpointTime: 1_764_000_100, startTime: 1_764_000_000,
        alertsFiring: [hostileText: 2, "blacklisted": 1, "sasl_bruteforce": 0],
        notifications: [
            .init(notifier: hostileText, result: "failed", count: 3),
            .init(notifier: "mail", result: "sent", count: 7),
        ])
}

@Suite struct DaemonRendererTests {
    @Test func rendersEveryFamilyInOrder() {
        var store = MetricsStore(topDestinations: 5)
        DaemonSamples.add(&store, status: .sent, domain: Array("a.example".utf8), times: 2)
        // The first write: a.example gets its series and takes its two deliveries along.
        store.rebalance()
        DaemonSamples.add(
            &store, status: .deferred, cause: .greylisted, domain: Array("A.example".utf8),
            time: 1_764_000_050)
        DaemonSamples.add(
            &store, mta: .exim, status: .bounced, cause: .blacklisted,
            domain: Array("b.example".utf8), blocklist: "zen.spamhaus.org")
        DaemonSamples.add(&store, kind: .reject, status: .rejected, cause: .spam, domain: [])
        store.countLine(
            .event(RawEvent(mta: .postfix, kind: .delivery, status: .sent, timestamp: nil)),
            source: "/var/log/mail.log")
        store.countTruncatedLine(source: "/var/log/mail.log")
        let health = DaemonHealth(
            sources: [
                .init(name: "/var/log/mail.log", up: true), .init(name: "journal", up: false),
            ],
            checkpointTime: 1_764_000_100, startTime: 1_764_000_000,
            alertsFiring: ["sasl_bruteforce": 0, "blacklisted": 1],
            notifications: [
                .init(notifier: "mail", result: "sent", count: 2),
                .init(notifier: "am", result: "failed", count: 1),
            ])
        let text = DaemonPrometheusRenderer.render(store.snapshot(), health: health, version: "1.2")
        let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(
            samples == [
                #"bouncewatch_build_info{version="1.2"} 1"#,
                #"bouncewatch_deliveries_total{mta="postfix",status="sent",destination="a.example"} 2"#,
                #"bouncewatch_deliveries_total{mta="postfix",status="deferred",cause="greylisted",destination="a.example"} 1"#,
                #"bouncewatch_deliveries_total{mta="exim",status="bounced",cause="blacklisted",destination="other"} 1"#,
                #"bouncewatch_rejects_total{mta="postfix",cause="spam"} 1"#,
                #"bouncewatch_sasl_auth_failures_total{mta="postfix"} 0"#,
                #"bouncewatch_sasl_auth_failures_total{mta="exim"} 0"#,
                #"bouncewatch_blocklist_hits_total{blocklist="zen.spamhaus.org",destination="other"} 1"#,
                #"bouncewatch_lines_total{source="/var/log/mail.log",result="event"} 1"#,
                #"bouncewatch_lines_total{source="/var/log/mail.log",result="ignored"} 0"#,
                #"bouncewatch_lines_total{source="/var/log/mail.log",result="unrecognized"} 0"#,
                #"bouncewatch_truncated_lines_total{source="/var/log/mail.log"} 1"#,
                #"bouncewatch_source_up{source="/var/log/mail.log"} 1"#,
                #"bouncewatch_source_up{source="journal"} 0"#,
                #"bouncewatch_lost_files_total{source="/var/log/mail.log"} 0"#,
                #"bouncewatch_lost_files_total{source="journal"} 0"#,
                #"bouncewatch_last_event_timestamp_seconds{source="/var/log/mail.log"} 1764000050"#,
                #"bouncewatch_checkpoint_timestamp_seconds 1764000100"#,
                #"bouncewatch_start_time_seconds 1764000000"#,
                #"bouncewatch_alerts_firing{rule="blacklisted"} 1"#,
                #"bouncewatch_alerts_firing{rule="sasl_bruteforce"} 0"#,
                #"bouncewatch_notifications_total{notifier="am",result="failed"} 1"#,
                #"bouncewatch_notifications_total{notifier="mail",result="sent"} 2"#,
                #"bouncewatch_provider_deliveries_total{mta="postfix",status="sent",provider="other"} 2"#,
                #"bouncewatch_provider_deliveries_total{mta="postfix",status="deferred",cause="greylisted",provider="other"} 1"#,
                #"bouncewatch_provider_deliveries_total{mta="exim",status="bounced",cause="blacklisted",provider="other"} 1"#,
                #"bouncewatch_provider_blocklist_hits_total{blocklist="zen.spamhaus.org",provider="other"} 1"#,
                #"bouncewatch_classifications_total{tier="event"} 0"#,
                #"bouncewatch_classifications_total{tier="user"} 0"#,
                #"bouncewatch_classifications_total{tier="text"} 0"#,
                #"bouncewatch_classifications_total{tier="enhanced_code"} 0"#,
                #"bouncewatch_classifications_total{tier="reply_code"} 0"#,
                #"bouncewatch_classifications_total{tier="mta_wording"} 0"#,
                // The store was fed verdicts without a tier: the greylisting, the block list
                // and the reject.
                #"bouncewatch_classifications_total{tier="none"} 3"#,
                "bouncewatch_message_state_messages 0",
                #"bouncewatch_message_state_evicted_total{reason="age"} 0"#,
                #"bouncewatch_message_state_evicted_total{reason="limit"} 0"#,
                "bouncewatch_message_state_names_overflowed_total 0",
            ])
        let families = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }
            .map { $0.split(separator: " ")[2] }
        #expect(
            families.map(String.init) == DaemonPrometheusRenderer.Family.allCases.map(\.rawValue))
    }

    @Test func helpTextIsSharedWithScanAndTheSameOnEveryWrite() {
        let comments = { (text: String) in
            text.split(separator: "\n").filter { $0.hasPrefix("# ") }
        }
        let empty = comments(
            DaemonPrometheusRenderer.render(
                MetricsSnapshot(), health: DaemonHealth(startTime: 0), version: "x"))
        let full = comments(
            DaemonPrometheusRenderer.render(
                DaemonSamples.hostileStore().snapshot(), health: DaemonSamples.hostileHealth,
                version: "y"))
        #expect(empty == full)
        #expect(empty.count == 2 * DaemonPrometheusRenderer.Family.allCases.count)
        for family in ScanPrometheusRenderer.Family.allCases {
            let daemon = DaemonPrometheusRenderer.Family(rawValue: family.rawValue)
            #expect(daemon?.help == family.help, "\(family.rawValue)")
            #expect(daemon?.type == family.type)
        }
        for family in DaemonPrometheusRenderer.Family.allCases {
            #expect(!family.help.isEmpty)
            #expect((family.type == .counter) == family.rawValue.hasSuffix("_total"))
        }
        let scanHelp = ScanPrometheusRenderer.render(ScanReport()).split(separator: "\n")
            .filter { $0.hasPrefix("# ") }
        #expect(scanHelp.allSatisfy(empty.contains))
    }

    /// The rendered deliveries, summed by status, equal the true totals after every write,
    /// whatever was promoted or demoted in between.
    @Test func renderedDeliveriesSumToTheTruth() throws {
        var store = MetricsStore(
            topDestinations: 5,
            policy: MetricsRebalancePolicy(
                windowRebalances: 2, idleRebalances: 3, minimumTenure: 2, displacementMinimum: 4))
        var truth: [String: Double] = [:]
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let statuses: [(DeliveryStatus, Cause?)] = [
            (.sent, nil), (.deferred, .network), (.bounced, .mailboxFull), (.expired, .expired),
        ]
        for round in 0..<60 {
            for _ in 0..<next() % 50 {
                let (status, cause) = statuses[next() % 4]
                let domain = "d\(round / 10 * 5 + next() % 10).example"
                DaemonSamples.add(&store, status: status, cause: cause, domain: Array(domain.utf8))
                truth[status.identifier, default: 0] += 1
            }
            store.rebalance()
            let text = DaemonPrometheusRenderer.render(
                store.snapshot(), health: DaemonHealth(startTime: 0), version: "t")
            var sums: [String: Double] = [:]
            for sample in try TextfileParser.samples(text)
            where sample.name == "bouncewatch_deliveries_total" {
                sums[sample.labels["status"]!, default: 0] += sample.value
            }
            #expect(sums == truth, "write \(round)")
        }
    }

    /// Every hostile value stays inside its quotes, on its line, bounded, and parses back to the
    /// store's canonical value; no two series share their labels.
    @Test func hostileLabelsStayEscapedAndBounded() throws {
        let text = DaemonPrometheusRenderer.render(
            DaemonSamples.hostileStore().snapshot(), health: DaemonSamples.hostileHealth,
            version: DaemonSamples.hostileText)
        let samples = try TextfileParser.samples(text)
        var seen = Set<String>()
        for sample in samples {
            #expect(sample.name.hasPrefix("bouncewatch_"))
            #expect(sample.name != "bouncewatch_fake_total")
            let key =
                sample.name + "|"
                + sample.labels.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            #expect(seen.insert(key).inserted, "duplicate series \(key.prefix(100))")
            for value in sample.labels.values {
                #expect(value.utf8.count <= PrometheusText.labelValueLimit)
                #expect(!value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            }
        }
        let destinations = Set(
            samples.filter { $0.name == "bouncewatch_deliveries_total" }
                .compactMap { $0.labels["destination"] })
        #expect(destinations.contains("new\nline.example"))
        #expect(destinations.contains("quote\"d.example"))
        #expect(destinations.contains("\u{FFFD}\u{FFFD}\u{FFFD}.x"))
        #expect(destinations.contains(String(repeating: "a", count: MetricsLabel.byteLimit)))
        #expect(destinations.contains("upper.example"))
        #expect(!text.contains("\r") && !text.contains("\u{0}"))
    }
}
