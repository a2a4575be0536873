import BounceCore

extension ConfigRenderer {
    /// `digest:`, written only when the file has one (absent, no digest is sent).
    static func renderDigest(_ digest: DigestConfig, into out: inout YAMLLines) {
        out.comment("The digest mail, at a local time.")
        out.key("digest", "")
        out.key("schedule", digest.schedule.description, depth: 1)
        if let to = digest.to { out.key("to", YAMLText.list(to), depth: 1) }
        if let notifiers = digest.notifiers {
            out.key("notifiers", YAMLText.list(notifiers), depth: 1)
        }
    }
}
