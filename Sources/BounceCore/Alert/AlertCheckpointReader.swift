/// Reads the lines `AlertEngine.checkpointLines()` wrote, strictly: anything unexpected is an
/// `AlertRestoreError` naming the line, never a crash.
struct AlertCheckpointReader {
    struct SavedRule {
        var name: String
        var signature: String
        var groupBy: [AlertDimension]
        var windowSeconds: Int
        var groups: [SavedGroup] = []
    }

    struct SavedGroup {
        var labels: [String]
        var phase: AlertPhase
        var slots: [(start: Int64, matched: Int, denominator: Int)] = []
        var records: [AlertMatchRecord] = []
        var samples: [AlertSamples.Line] = []
    }

    private var rules: [SavedRule] = []
    private var lineNumber = 0
    private var tokens: [Substring] = []

    static func read(_ lines: [String]) throws(AlertRestoreError) -> [SavedRule] {
        guard let header = lines.first else { return [] }
        guard header == AlertEngine.checkpointHeader else {
            throw AlertRestoreError(line: 1, reason: "not alert state of a known version")
        }
        var reader = AlertCheckpointReader()
        for (offset, line) in lines.enumerated().dropFirst() {
            reader.lineNumber = offset + 1
            reader.tokens = line.split(separator: " ", omittingEmptySubsequences: false)
            try reader.readLine()
        }
        return reader.rules
    }

    private mutating func readLine() throws(AlertRestoreError) {
        switch tokens.first {
        case "rule": try readRule()
        case "group": try readGroup()
        case "slot": try readSlot()
        case "match": try readMatch()
        case "sample": try readSample()
        case "evidence": try readEvidence()
        case "edest", "ecause", "esample": try readEvidenceDetail()
        case "eprov", "ehost", "ehosts": try readEvidenceOrigin()
        default: throw fail("unknown line")
        }
    }

    private mutating func readRule() throws(AlertRestoreError) {
        try expect(count: 5)
        var groupBy: [AlertDimension] = []
        if tokens[3] != "-" {
            for name in tokens[3].split(separator: ",", omittingEmptySubsequences: false) {
                guard let dimension = AlertDimension(rawValue: String(name)) else {
                    throw fail("unknown group_by dimension")
                }
                groupBy.append(dimension)
            }
        }
        guard let window = Int(tokens[4]), window > 0 else { throw fail("bad window") }
        rules.append(
            SavedRule(
                name: try text(tokens[1]), signature: String(tokens[2]), groupBy: groupBy,
                windowSeconds: window))
    }

    private mutating func readGroup() throws(AlertRestoreError) {
        guard let rule = rules.last else { throw fail("group before any rule") }
        guard tokens.count >= 2 else { throw fail("missing phase") }
        let phase: AlertPhase
        let labelStart: Int
        switch tokens[1] {
        case "quiet":
            phase = .quiet
            labelStart = 2
        case "pending":
            try expect(atLeast: 4)
            phase = .pending(since: try time(tokens[2]), startedAt: try time(tokens[3]))
            labelStart = 4
        case "firing":
            try expect(atLeast: 5)
            let failing: Int64? = tokens[4] == "-" ? nil : try time(tokens[4])
            phase = .firing(
                AlertFiring(
                    startedAt: try time(tokens[2]), lastSentAt: try time(tokens[3]),
                    failingSince: failing, evidence: AlertEvidence(count: 0)))
            labelStart = 5
        default:
            throw fail("unknown phase")
        }
        guard tokens.count - labelStart == rule.groupBy.count else {
            throw fail("group values do not match the rule's group_by")
        }
        var labels: [String] = []
        for token in tokens[labelStart...] {
            labels.append(try text(token, limit: AlertLimits.textBytes))
        }
        rules[rules.count - 1].groups.append(SavedGroup(labels: labels, phase: phase))
    }

    private mutating func readSlot() throws(AlertRestoreError) {
        try expect(count: 4)
        let slot = (
            start: try time(tokens[1]), matched: try count(tokens[2]),
            denominator: try count(tokens[3])
        )
        try updateGroup { $0.slots.append(slot) }
    }

    /// Ten fields, or twelve with the provider and the host (written since they exist; a
    /// checkpoint of an older version has ten).
    private mutating func readMatch() throws(AlertRestoreError) {
        guard tokens.count == 10 || tokens.count == 12 else {
            throw fail("expected 10 or 12 fields")
        }
        let blocklistName = try optionalText(tokens[7], limit: AlertLimits.textBytes)
        let delist = try optionalText(tokens[8], limit: AlertLimits.textBytes)
        var record = AlertMatchRecord(
            time: try time(tokens[1]),
            destination: try text(tokens[6], limit: AlertLimits.textBytes),
            cause: try optionalCause(tokens[5]), status: try status(tokens[2]),
            kind: try kind(tokens[3]), direction: try direction(tokens[4]),
            blocklist: blocklistName.map { Blocklist(name: $0, delistURL: delist) },
            listedIP: try optionalText(tokens[9], limit: AlertLimits.textBytes))
        if tokens.count == 12 {
            record.provider = try optionalText(tokens[10], limit: AlertLimits.textBytes) ?? ""
            record.host = try optionalText(tokens[11], limit: AlertLimits.textBytes) ?? ""
        }
        try updateGroup { $0.records.append(record) }
    }

    private mutating func readSample() throws(AlertRestoreError) {
        try expect(count: 3)
        let line = AlertSamples.Line(time: try time(tokens[1]), text: try text(tokens[2]))
        try updateGroup { $0.samples.append(line) }
    }

    private mutating func readEvidence() throws(AlertRestoreError) {
        try expect(count: 12)
        var evidence = AlertEvidence(count: try count(tokens[1]))
        evidence.denominator = tokens[2] == "-" ? nil : try count(tokens[2])
        evidence.destinationCount = try count(tokens[3])
        evidence.cause = try optionalCause(tokens[4])
        evidence.status = tokens[5] == "-" ? nil : try status(tokens[5])
        evidence.kind = tokens[6] == "-" ? nil : try kind(tokens[6])
        evidence.direction = tokens[7] == "-" ? nil : try direction(tokens[7])
        let delist = try optionalText(tokens[9], limit: AlertLimits.textBytes)
        evidence.blocklist = try optionalText(tokens[8], limit: AlertLimits.textBytes).map {
            Blocklist(name: $0, delistURL: delist)
        }
        evidence.listedIP = try optionalText(tokens[10], limit: AlertLimits.textBytes)
        evidence.evidenceCount = tokens[11] == "-" ? nil : try count(tokens[11])
        try updateFiring { $0 = evidence }
    }

    private mutating func readEvidenceDetail() throws(AlertRestoreError) {
        switch tokens[0] {
        case "edest":
            try expect(count: 3)
            let entry = NamedCount(
                try text(tokens[1], limit: AlertLimits.textBytes), try count(tokens[2]))
            try updateFiring { evidence in
                if evidence.destinations.count < AlertEvidence.topDestinationsOfProvider {
                    evidence.destinations.append(entry)
                }
            }
        case "ecause":
            try expect(count: 3)
            guard let cause = Cause(identifier: String(tokens[1])) else {
                throw fail("unknown cause")
            }
            let entry = CauseCount(cause, try count(tokens[2]))
            try updateFiring { evidence in
                if evidence.causes.count < AlertEvidence.topCauses { evidence.causes.append(entry) }
            }
        default:
            try expect(count: 2)
            let sample = try text(tokens[1])
            try updateFiring { evidence in
                if evidence.samples.count < AlertLimits.samples { evidence.samples.append(sample) }
            }
        }
    }

    /// `eprov NAME COUNT`, `ehost NAME COUNT`, `ehosts COUNT`: providers and hosts of a firing
    /// alert's evidence.
    private mutating func readEvidenceOrigin() throws(AlertRestoreError) {
        if tokens[0] == "ehosts" {
            try expect(count: 2)
            let hosts = try count(tokens[1])
            try updateFiring { $0.hostCount = hosts }
            return
        }
        try expect(count: 3)
        let entry = NamedCount(
            try text(tokens[1], limit: AlertLimits.textBytes), try count(tokens[2]))
        let isProvider = tokens[0] == "eprov"
        try updateFiring { evidence in
            if isProvider {
                if evidence.providers.count < AlertEvidence.topDestinations {
                    evidence.providers.append(entry)
                }
            } else if evidence.hosts.count < AlertEvidence.topDestinations {
                evidence.hosts.append(entry)
            }
        }
    }

    private mutating func updateGroup(
        _ change: (inout SavedGroup) -> Void
    ) throws(AlertRestoreError) {
        guard let last = rules.indices.last, !rules[last].groups.isEmpty else {
            throw fail("group detail before any group")
        }
        change(&rules[last].groups[rules[last].groups.count - 1])
    }

    private mutating func updateFiring(
        _ change: (inout AlertEvidence) -> Void
    ) throws(AlertRestoreError) {
        var phase: AlertPhase = .quiet
        try updateGroup { phase = $0.phase }
        guard case .firing(var firing) = phase else {
            throw fail("evidence for a group that is not firing")
        }
        change(&firing.evidence)
        try updateGroup { $0.phase = .firing(firing) }
    }

    private func expect(count: Int) throws(AlertRestoreError) {
        guard tokens.count == count else { throw fail("expected \(count) fields") }
    }

    private func expect(atLeast count: Int) throws(AlertRestoreError) {
        guard tokens.count >= count else { throw fail("expected at least \(count) fields") }
    }

    private func time(_ token: Substring) throws(AlertRestoreError) -> Int64 {
        guard let value = Int64(token) else { throw fail("bad time") }
        return value
    }

    private func count(_ token: Substring) throws(AlertRestoreError) -> Int {
        guard let value = Int(token), value >= 0, value <= Int(UInt32.max) else {
            throw fail("bad count")
        }
        return value
    }

    private func text(_ token: Substring, limit: Int = AlertLimits.lineBytes)
        throws(AlertRestoreError) -> String
    {
        guard let value = AlertCheckpointToken.parseText(token) else { throw fail("bad text") }
        return UTF8Prefix.string(value, atMost: limit)
    }

    private func optionalText(
        _ token: Substring, limit: Int
    ) throws(AlertRestoreError) -> String? {
        guard let value = AlertCheckpointToken.parseOptionalText(token) else {
            throw fail("bad text")
        }
        return value.map { UTF8Prefix.string($0, atMost: limit) }
    }

    private func optionalCause(_ token: Substring) throws(AlertRestoreError) -> Cause? {
        if token == "-" { return nil }
        guard let cause = Cause(identifier: String(token)) else { throw fail("unknown cause") }
        return cause
    }

    private func status(_ token: Substring) throws(AlertRestoreError) -> DeliveryStatus {
        guard let value = DeliveryStatus.allCases.first(where: { $0.identifier == token }) else {
            throw fail("unknown status")
        }
        return value
    }

    private func kind(_ token: Substring) throws(AlertRestoreError) -> EventKind {
        guard let value = EventKind.allCases.first(where: { $0.identifier == token }) else {
            throw fail("unknown kind")
        }
        return value
    }

    private func direction(_ token: Substring) throws(AlertRestoreError) -> TrafficDirection {
        guard let value = TrafficDirection(rawValue: String(token)) else {
            throw fail("unknown direction")
        }
        return value
    }

    private func fail(_ reason: String) -> AlertRestoreError {
        AlertRestoreError(line: lineNumber, reason: reason)
    }
}
