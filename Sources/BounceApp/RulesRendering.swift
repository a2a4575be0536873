import BounceCore
import BounceOutput

/// The text and JSON forms of `bouncewatch rules`.
enum RulesRendering {
    /// One block per rule: position, id, cause and tier, the summary, the evidence, the sample.
    static func text(_ rules: [Rule]) -> String {
        var out = ""
        for (index, rule) in rules.enumerated() {
            if index > 0 { out += "\n" }
            out +=
                "\(index + 1). \(rule.id)  \(rule.cause.identifier)  (tier \(rule.tier.identifier))\n"
            out += "   \(rule.summary)\n"
            for item in RulesEvidence(rule).items {
                out += "   \(item.name): \(item.values.joined(separator: ", "))\n"
            }
            if !rule.sample.isEmpty { out += "   sample: \(rule.sample)\n" }
        }
        out += "\n\(rules.count) rule\(rules.count == 1 ? "" : "s") in decision order\n"
        return out
    }

    /// `{"rules": [{"id", "position", "cause", "tier", "summary", "evidence": {...},
    /// "temporary", "samples": [...]}]}` with every evidence key present on every rule.
    static func json(_ rules: [Rule]) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("rules")
        json.beginArray()
        for (index, rule) in rules.enumerated() {
            let evidence = RulesEvidence(rule)
            json.beginObject()
            json.field("id", rule.id)
            json.field("position", index + 1)
            json.field("cause", rule.cause.identifier)
            json.field("tier", rule.tier.identifier)
            json.field("summary", rule.summary)
            json.key("evidence")
            json.beginObject()
            for (key, values) in evidence.lists {
                json.key(key)
                json.beginArray()
                for value in values { json.value(value) }
                json.endArray()
            }
            json.field("mta", rule.mta?.identifier)
            json.field("blocklist", rule.blocklist?.name)
            json.endObject()
            json.field("temporary", rule.temporary)
            json.key("samples")
            json.beginArray()
            if !rule.sample.isEmpty { json.value(rule.sample) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes + [0x0A]
    }
}
