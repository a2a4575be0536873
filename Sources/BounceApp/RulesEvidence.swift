import BounceCore

/// What a rule needs to hold, as named lists for `bouncewatch rules`.
struct RulesEvidence {
    struct Item {
        var name: String
        var values: [String]
    }

    /// Every list under its JSON key, empty ones included, in a fixed order.
    let lists: [(key: String, values: [String])]

    init(_ rule: Rule) {
        func quoted(_ phrases: [String]) -> [String] { phrases.map { "\"\($0)\"" } }
        lists = [
            ("phrases", rule.anyPhrase), ("all_phrases", rule.allPhrases),
            ("no_phrases", rule.noPhrase), ("codes", rule.codes.map(\.description)),
            ("reply_codes", rule.replyCodes.map(String.init)),
            ("stages", rule.stages.map(\.identifier)), ("kinds", rule.kinds.map(\.identifier)),
            ("statuses", rule.statuses.map(\.identifier)), ("destinations", rule.destinations),
        ]
        var items: [Item] = []
        let names = [
            "phrases": "any phrase", "all_phrases": "and every phrase",
            "no_phrases": "and none of", "codes": "enhanced code", "reply_codes": "reply code",
            "stages": "stage", "kinds": "kind", "statuses": "status",
            "destinations": "destination",
        ]
        for (key, values) in lists where !values.isEmpty {
            let shown = key.hasSuffix("phrases") ? quoted(values) : values
            items.append(Item(name: names[key] ?? key, values: shown))
        }
        if let mta = rule.mta { items.append(Item(name: "mta", values: [mta.identifier])) }
        if let list = rule.blocklist { items.append(Item(name: "blocklist", values: [list.name])) }
        if rule.eitherCode {
            items.append(Item(name: "codes", values: ["enhanced or reply code, either matches"]))
        }
        if rule.temporary {
            items.append(
                Item(name: "temporary", values: ["a permanent failure counts as temporary"]))
        }
        self.items = items
    }

    /// The non-empty conditions for the text listing.
    let items: [Item]
}
