import BounceCore

/// `alerts: [{name: listed, disabled: true}]`: switching a built-in alert off by its name.
///
/// A rule of the administrator's own with a built-in rule's name replaces it. The lookup alerts
/// (`listed`, `dnsbl-failing`) are no counting rules that could be replaced, and leaving the
/// built-in rules out (`default_alerts: false`) does not touch them, so a switch is the one
/// way to turn them off short of removing `reputation:`. It works for the built-in counting
/// rules too, which is how one of them is dropped while the others are kept.
extension ConfigReader {
    /// The built-in alerts decided from block-list lookups rather than from counted events.
    static let lookupAlerts = [ListingAlerts.listedRule, ListingAlerts.failingRule]
    static let switchKeys = ["name", "disabled"]

    /// Every name a switch may take: the built-in counting rules, the lookup alerts, then
    /// `compromised-account` (no counting rule either: its thresholds are under
    /// `compromised_account`).
    static var builtInAlerts: [String] {
        AlertRule.defaults.map(\.name) + lookupAlerts + [CompromisedAccountConfig.ruleName]
    }

    /// Whether an `alerts` item is a switch (a mapping with `disabled`) rather than a rule.
    static func isSwitch(_ item: Field) -> Bool {
        guard case .mapping = item.node.content else { return false }
        return item.node["disabled"] != nil
    }

    /// A switch's built-in alert and whether it is off; nil after reporting a problem.
    func alertSwitch(_ item: Field) -> (name: String, disabled: Bool)? {
        if case .mapping(let pairs) = item.node.content {
            let others = pairs.compactMap { $0.key.scalar?.string }.filter {
                !Self.switchKeys.contains($0)
            }
            if !others.isEmpty {
                log.add(
                    item,
                    "disabled takes only a name (found \(others.joined(separator: ", "))): it switches a built-in alert off; to change one, write a rule of your own with its name instead"
                )
                return nil
            }
        }
        guard let section = section(item, known: Self.switchKeys) else { return nil }
        guard let nameField = section["name"] else {
            log.add(item, "disabled needs the name of the built-in alert it switches")
            return nil
        }
        guard let disabledField = section["disabled"], let disabled = bool(disabledField) else {
            return nil
        }
        guard let name = text(nameField) else { return nil }
        guard Self.builtInAlerts.contains(name) else {
            log.add(
                nameField,
                "\(quoted(name)) is not a built-in alert; disabled switches off only \(Self.builtInAlerts.joined(separator: ", "))"
            )
            return nil
        }
        return (name, disabled)
    }
}
