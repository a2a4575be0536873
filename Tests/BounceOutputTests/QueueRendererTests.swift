import BounceCore
import BounceOutput
import Testing

/// The queue's text, JSON and textfile renderings, on a summary built from messages as
/// `showq` gives them.
@Suite struct QueueRendererTests {
    static let now: Int64 = 1_796_600_000

    static func summary() -> QueueSummary {
        var summary = QueueSummary(mta: .postfix, now: now, reasons: QueueReasonClassifier())
        let full =
            "host mx.example.net[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO"
            + " command)"
        summary.add(
            QueuedMessage(
                queue: .deferred, id: "A1", arrival: now - 400, size: 2048, sender: "s@example.com",
                recipients: [
                    QueuedRecipient(address: "a@example.net", reason: full),
                    // A label value a stranger chose: a quote, a newline, a backslash.
                    QueuedRecipient(address: "b@evil\"\n\\.example", reason: full),
                ]))
        summary.add(
            QueuedMessage(
                queue: .hold, id: "B2", arrival: now - 7200, size: 100, sender: "", recipients: []))
        return summary
    }

    @Test func textShowsQueuesAndTheDeferredTable() {
        let text = QueueTextRenderer.render(Self.summary(), where: "/q", destinations: 30)
        #expect(text.hasPrefix("Queue of postfix at /q\n"))
        let rows = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["deferred", "1", "2", "2", "6m"]))
        #expect(rows.contains(["hold", "1", "0", "1", "2h"]))
        #expect(rows.contains(["example.net", "-", "mailbox_full", "1", "0", "1"] + zeros(8)))
        #expect(rows.contains(["TOTAL", "2", "0", "2"] + zeros(8)))
        // The hostile domain's control character never reaches the terminal.
        #expect(!text.contains("\n\\.example"))
    }

    func zeros(_ count: Int) -> [String] { Array(repeating: "0", count: count) }

    @Test func jsonCarriesTheSameFigures() {
        let json = QueueJSONRenderer.render(Self.summary(), where: "/q", destinations: 30)
        #expect(json.contains("\"deferred\":{\"messages\":1,\"recipients\":2,\"bytes\":2048,"))
        #expect(json.contains("\"deferred_by_cause\":{\"mailbox_full\":2}"))
        #expect(json.contains("\"oldest_age_seconds\":7200"))
    }

    @Test func textfileFamiliesAreEscapedAndCumulative() {
        var output = ""
        QueuePrometheusRenderer.append(
            QueueGauges(Self.summary(), topDestinations: 10), to: &output)
        #expect(output.contains("bouncewatch_queue_up{mta=\"postfix\"} 1\n"))
        #expect(
            output.contains("bouncewatch_queue_messages{mta=\"postfix\",queue=\"deferred\"} 1\n"))
        #expect(
            output.contains(
                "bouncewatch_queue_age_messages{mta=\"postfix\",queue=\"deferred\",younger_than=\"300\"} 0\n"
            )
        )
        #expect(
            output.contains(
                "bouncewatch_queue_age_messages{mta=\"postfix\",queue=\"deferred\",younger_than=\"600\"} 1\n"
            )
        )
        #expect(
            output.contains(
                "bouncewatch_queue_age_messages{mta=\"postfix\",queue=\"hold\",younger_than=\"+Inf\"} 1\n"
            ))
        #expect(
            output.contains(
                "bouncewatch_queue_deferred_recipients{destination=\"example.net\",provider=\"other\","
                    + "cause=\"mailbox_full\"} 1\n"))
        // Every sample is one line: the hostile domain's quote and newline are escaped.
        for line in output.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.hasPrefix("bouncewatch_queue_"), "\(line)")
        }
        #expect(output.contains("destination=\"evil\\\"\\n\\\\.example\""))
    }

    @Test func aQueueThatCannotBeReadIsUpZeroAndNothingElse() {
        var output = ""
        QueuePrometheusRenderer.append(.down(mta: .exim), to: &output)
        let samples = output.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(samples == ["bouncewatch_queue_up{mta=\"exim\"} 0"])
        #expect(output.contains("# TYPE bouncewatch_queue_deferred_recipients gauge\n"))
    }
}
