import BounceCore

/// `digest:`: the scheduled digest mail.
extension ConfigReader {
    static let digestKeys = ["schedule", "to", "notifiers"]

    /// The section; nil when absent or `false`. `notifiers` are the ones already read, so that
    /// the names it lists are checked against them.
    func digest(_ field: Field?, notifiers: [NotifierConfig]) -> DigestConfig? {
        guard let field, field.text != "false" else { return nil }
        guard let section = section(field, known: Self.digestKeys) else { return nil }
        guard let scheduleField = section["schedule"] else {
            log.add(field, "needs a schedule ('daily 07:00' or 'weekly mon 07:00')")
            return nil
        }
        guard let text = line(scheduleField, maximumLength: 64) else { return nil }
        let schedule: DigestSchedule
        do {
            schedule = try DigestSchedule(parsing: text)
        } catch {
            log.add(scheduleField, error.message)
            return nil
        }
        var digest = DigestConfig(schedule: schedule)
        if let to = section["to"] { digest.to = mailAddresses(to) }
        if let names = section["notifiers"] {
            digest.notifiers = carriers(names, among: notifiers)
        } else if !notifiers.contains(where: DigestConfig.sendsMail) {
            log.add(
                field,
                "no notifier sends mail, so none can carry the digest: add a sendmail, smtp or "
                    + "file notifier")
        }
        return digest
    }

    /// The listed notifier names, each one configured and able to send mail.
    private func carriers(_ field: Field, among notifiers: [NotifierConfig]) -> [String] {
        let items = values(field)
        if items.isEmpty { log.add(field, "needs at least one notifier name") }
        var names: [String] = []
        for item in items {
            guard let name = line(item, maximumLength: 64) else { continue }
            guard let notifier = notifiers.first(where: { $0.name == name }) else {
                let known = notifiers.filter(DigestConfig.sendsMail).map(\.name)
                log.add(
                    item,
                    "\(quoted(name)) is not a configured notifier (mail notifiers: "
                        + (known.isEmpty ? "none" : known.joined(separator: ", ")) + ")")
                continue
            }
            guard DigestConfig.sendsMail(notifier) else {
                log.add(item, "\(quoted(name)) is an alertmanager notifier; it cannot send mail")
                continue
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }
}
