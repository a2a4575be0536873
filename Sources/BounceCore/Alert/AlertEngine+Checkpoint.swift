extension AlertEngine {
    /// The first line of alert state; the number is the format version.
    static let checkpointHeader = "bouncewatch-alerts 1"

    /// The alert state as text lines (no line breaks inside), for the daemon's checkpoint:
    /// per rule its groups with phase, window counts, remembered evidence and the last notice.
    /// Text from the log is escaped (`AlertCheckpointToken`).
    public func checkpointLines() -> [String] {
        var lines = [Self.checkpointHeader]
        for state in states {
            let rule = state.rule
            let dimensions =
                rule.groupBy.isEmpty ? "-" : rule.groupBy.map(\.rawValue).joined(separator: ",")
            lines.append(
                "rule \(AlertCheckpointToken.text(rule.name)) \(AlertRuleSignature.of(rule)) "
                    + "\(dimensions) \(rule.windowSeconds)")
            let ordered = state.groups.values.sorted { $0.labelsPrecede($1) }
            for group in ordered { Self.appendLines(of: group, to: &lines) }
        }
        if let accounts { lines += accounts.checkpointLines() }
        return lines
    }

    private static func appendLines(of group: AlertGroup, to lines: inout [String]) {
        let labels = group.labels.map(AlertCheckpointToken.text).joined(separator: " ")
        let phase: String
        switch group.phase {
        case .quiet: phase = "quiet"
        case .pending(let since, let startedAt): phase = "pending \(since) \(startedAt)"
        case .firing(let firing):
            let failing = firing.failingSince.map(String.init) ?? "-"
            phase = "firing \(firing.startedAt) \(firing.lastSentAt) \(failing)"
        }
        lines.append("group \(phase)" + (labels.isEmpty ? "" : " \(labels)"))
        for slot in group.window.occupied {
            lines.append("slot \(slot.start) \(slot.matched) \(slot.denominator)")
        }
        for record in group.recent.records {
            lines.append("match \(record.time) " + recordTokens(record))
        }
        for sample in group.samples.lines {
            lines.append("sample \(sample.time) \(AlertCheckpointToken.text(sample.text))")
        }
        if case .firing(let firing) = group.phase { appendLines(of: firing.evidence, to: &lines) }
    }

    private static func recordTokens(_ record: AlertMatchRecord) -> String {
        [
            record.status.identifier, record.kind.identifier, record.direction.rawValue,
            record.cause?.identifier ?? "-", AlertCheckpointToken.text(record.destination),
            AlertCheckpointToken.optionalText(record.blocklist?.name),
            AlertCheckpointToken.optionalText(record.blocklist?.delistURL),
            AlertCheckpointToken.optionalText(record.listedIP),
            AlertCheckpointToken.optionalText(record.provider.isEmpty ? nil : record.provider),
            AlertCheckpointToken.optionalText(record.host.isEmpty ? nil : record.host),
        ].joined(separator: " ")
    }

    private static func appendLines(of evidence: AlertEvidence, to lines: inout [String]) {
        let fields = [
            String(evidence.count), evidence.denominator.map(String.init) ?? "-",
            String(evidence.destinationCount), evidence.cause?.identifier ?? "-",
            evidence.status?.identifier ?? "-", evidence.kind?.identifier ?? "-",
            evidence.direction?.rawValue ?? "-",
            AlertCheckpointToken.optionalText(evidence.blocklist?.name),
            AlertCheckpointToken.optionalText(evidence.blocklist?.delistURL),
            AlertCheckpointToken.optionalText(evidence.listedIP),
            evidence.evidenceCount.map(String.init) ?? "-",
        ]
        lines.append("evidence " + fields.joined(separator: " "))
        for destination in evidence.destinations {
            lines.append(
                "edest \(AlertCheckpointToken.text(destination.name)) \(destination.count)")
        }
        for cause in evidence.causes {
            lines.append("ecause \(cause.cause.identifier) \(cause.count)")
        }
        for sample in evidence.samples {
            lines.append("esample \(AlertCheckpointToken.text(sample))")
        }
        for provider in evidence.providers {
            lines.append("eprov \(AlertCheckpointToken.text(provider.name)) \(provider.count)")
        }
        if evidence.hostCount > 0 { lines.append("ehosts \(evidence.hostCount)") }
        for host in evidence.hosts {
            lines.append("ehost \(AlertCheckpointToken.text(host.name)) \(host.count)")
        }
    }

    /// Restores state; rules may have changed since (SIGHUP): state of rules that no longer
    /// exist is dropped, of changed rules kept where it still makes sense.
    ///
    /// Rules are matched by name. A rule whose `group_by` changed starts afresh (its groups
    /// mean something else). One whose match or `ratio_of` changed keeps its alert phases (so
    /// nothing is sent twice, and a firing alert resolves if the new rule no longer holds) but
    /// not its counts. A changed window re-buckets the counts; thresholds, waits and repeat
    /// intervals apply from the next evaluation.
    ///
    /// The `compromised-account` state (`accounts`, its thresholds) comes back when the alert
    /// is on; its lines follow the rules' (`AccountWatch+Checkpoint`).
    public init(
        rules: [AlertRule], accounts: CompromisedAccountConfig? = nil, checkpointLines: [String]
    ) throws(AlertRestoreError) {
        self.init(rules: rules, accounts: accounts)
        let accountStart =
            checkpointLines.firstIndex(where: AccountWatch.isCheckpointLine)
            ?? checkpointLines.count
        let saved = try AlertCheckpointReader.read(Array(checkpointLines[..<accountStart]))
        try self.accounts?.restore(
            Array(checkpointLines[accountStart...]), firstLine: accountStart + 1)
        for savedRule in saved {
            guard let index = states.firstIndex(where: { $0.rule.name == savedRule.name }) else {
                continue
            }
            let rule = states[index].rule
            guard rule.groupBy == savedRule.groupBy else { continue }
            let sameCounts = AlertRuleSignature.of(rule) == savedRule.signature
            for savedGroup in savedRule.groups.prefix(AlertLimits.groupsPerRule) {
                var group = AlertGroup(labels: savedGroup.labels, windowSeconds: rule.windowSeconds)
                group.phase = savedGroup.phase
                if sameCounts {
                    for slot in savedGroup.slots {
                        group.window.restore(
                            start: slot.start, matched: slot.matched, denominator: slot.denominator)
                        group.weight += slot.matched + slot.denominator
                    }
                    for record in savedGroup.records { group.recent.append(record) }
                    for sample in savedGroup.samples {
                        group.samples.offer(time: sample.time, text: sample.text)
                    }
                }
                states[index].groups.set(group)
            }
        }
        restoreCeilings(saved)
    }

    /// Which restored firing groups may go on sending notices (`AlertNoticeCeiling.restore`).
    private mutating func restoreCeilings(_ saved: [AlertCheckpointReader.SavedRule]) {
        for savedRule in saved {
            guard let index = states.firstIndex(where: { $0.rule.name == savedRule.name }),
                states[index].rule.groupBy == savedRule.groupBy
            else { continue }
            let rule = states[index].rule
            let firing = savedRule.groups.prefix(AlertLimits.groupsPerRule).compactMap {
                saved -> String? in
                guard case .firing = saved.phase else { return nil }
                return AlertFingerprint.of(rule: rule.name, group: rule.groupLabels(saved.labels))
            }
            ceilings[index].restore(firing: firing)
        }
    }
}
