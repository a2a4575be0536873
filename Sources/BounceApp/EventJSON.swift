import BounceCore
import BounceOutput

/// The JSON object that `classify` prints for one event.
///
/// Keys are always present (null when the line has no such field) so that consumers such as
/// `jq` need no existence checks; `file` and a delivery's `sender` and `sender_domain` are the
/// exceptions, there only when known, so that an object whose message is unknown keeps the
/// shape it always had.
///
/// A delivery line names only its recipient: its `client_ip` and `sasl_username` come from the
/// message's earlier lines (`sender`), as do `sender` (empty for the null sender `<>`) and
/// `sender_domain` (lower-cased; `<>` for the null sender).
struct EventJSON {
    var event: RawEvent
    var line: UnsafeBufferPointer<UInt8>
    var lineNumber: Int
    /// The input name, when the command was given files.
    var file: String?
    var classification: Classification?
    var explanation: ExplainedVerdict?
    var time: LogInstant?
    /// The provider of a delivery (nil for other events and unknown providers), and what
    /// decided it.
    var provider: (name: String, basis: ProviderBasis)?
    /// Who sent the message of a delivery, as earlier lines of the input said.
    var sender: MessageSender?

    func write(to json: inout JSONWriter, explain: Bool) {
        json.beginObject()
        json.field("line", lineNumber)
        if let file { json.field("file", file) }
        json.field("mta", event.mta.identifier)
        json.field("kind", event.kind.identifier)
        json.field("status", event.status.identifier)
        json.field("cause", classification?.cause.identifier)
        json.field("recipient", text(event.recipient))
        json.field("orig_recipient", text(event.originalRecipient))
        json.field("domain", text(event.domain)?.lowercased())
        json.field("relay", text(event.relay))
        json.field("provider", provider?.name)
        json.field("reply_code", event.replyCode == 0 ? nil : event.replyCode)
        json.field("dsn", event.dsn?.description)
        json.field("queue_id", text(event.queueID))
        json.field("reply", text(event.reply))
        json.field("blocklist", classification?.blocklist?.name)
        json.field("listed_ip", classification.flatMap { text($0.listedIP) })
        json.field("time", time?.rfc3339)
        json.field("program", text(event.program))
        json.field("host", text(event.host))
        json.field("client_ip", text(event.clientIP) ?? sender?.clientIP)
        json.field("sasl_username", text(event.saslUsername) ?? sender?.saslUser)
        json.field("stage", event.stage.identifier)
        if let sender { writeSender(sender, to: &json) }
        if explain { writeExplanation(to: &json) }
        json.endObject()
    }

    /// `sender` and `sender_domain`, each only when known.
    private func writeSender(_ sender: MessageSender, to json: inout JSONWriter) {
        if let address = sender.address { json.field("sender", address) }
        if let domain = sender.domain {
            json.field("sender_domain", domain)
        } else if sender.address == "" {
            json.field("sender_domain", "<>")
        }
    }

    private func writeExplanation(to json: inout JSONWriter) {
        json.field("rule", classification?.ruleID)
        json.field("provider_decided_by", provider?.basis.identifier)
        json.key("evidence")
        json.beginArray()
        for item in explanation?.evidence ?? [] { json.value(item) }
        json.endArray()
        json.key("runner_up")
        json.beginArray()
        for other in explanation?.runnersUp ?? [] {
            json.beginObject()
            json.field("rule", other.rule)
            json.field("cause", other.cause)
            json.endObject()
        }
        json.endArray()
        // Only an unclassified event has near misses; decided events keep their shape.
        guard let nearMisses = explanation?.nearMisses, !nearMisses.isEmpty else { return }
        json.key("nearest")
        json.beginArray()
        for miss in nearMisses {
            json.beginObject()
            json.field("rule", miss.rule)
            json.field("cause", miss.cause)
            json.field("why", miss.why)
            json.endObject()
        }
        json.endArray()
    }

    private func text(_ range: ByteRange) -> String? {
        range.string(in: line)
    }
}
