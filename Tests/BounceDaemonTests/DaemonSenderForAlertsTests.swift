import BounceCore
import Synchronization
import Testing

@testable import BounceDaemon

/// A delivery's sender is made into text for the alert hook only when an alert reads it
/// (`Configuration.alertsReadSender`): the sender series alone count by name number.
@Suite struct DaemonSenderForAlertsTests {
    /// An alert hook that keeps the senders it was handed (nil included).
    final class SenderRecorder: DaemonAlertHook, Sendable {
        let seen = Mutex<[MessageSender?]>([])

        func observe(
            _ event: RawEvent, _ classification: Classification?,
            in line: UnsafeBufferPointer<UInt8>, source: String, time: Int64?, provider: String,
            sender: MessageSender?
        ) {
            seen.withLock { $0.append(sender) }
        }
        func tick(now: Int64) {}
        var wantsPromptTick: Bool { false }
        func checkpointLines() -> [String] { [] }
        func reload(_ configuration: Configuration) {}
        func stop() {}
        var firing: [String: Int] { [:] }
        var notifications: [DaemonHealth.NotificationCount] { [] }
    }

    /// The senders the hook got for one outbound delivery of a followed message.
    static func senders(alertsReadSender: Bool) -> [MessageSender?] {
        let hook = SenderRecorder()
        var pipeline = EventPipeline(
            metrics: MetricsStore(topDestinations: 10), classifier: .standard, alerts: hook)
        pipeline.followsMessages = true
        pipeline.alertsReadSender = alertsReadSender
        let lines = DaemonSenderSeriesTests.message(
            "4F2A81C0A1", sender: "alice@Sender.example", user: "alice", deliveries: 1)
        pipeline.take(lines: lines.split(separator: "\n").map(String.init))
        return hook.seen.withLock { $0 }
    }

    @Test func theAlertsGetTheSenderWhenTheyReadIt() {
        let seen = Self.senders(alertsReadSender: true)
        #expect(seen.count == 1)
        #expect(seen.first??.domain == "sender.example")
        #expect(seen.first??.saslUser == "alice")
    }

    @Test func otherwiseNoSenderIsMade() {
        let seen = Self.senders(alertsReadSender: false)
        #expect(seen.count == 1)
        #expect(seen.first! == nil)
    }

    @Test func theConfigurationSaysWhetherAnAlertReadsIt() {
        var configuration = Configuration(
            sources: [], stateDirectory: "/nonexistent", metrics: MetricsConfig(textfile: ""),
            alerts: [], notifiers: [])
        configuration.compromisedAccount = nil
        configuration.metrics.topSenderDomains = 20
        #expect(configuration.followsMessages)
        #expect(!configuration.alertsReadSender)
        configuration.compromisedAccount = CompromisedAccountConfig()
        #expect(configuration.alertsReadSender)
    }
}
