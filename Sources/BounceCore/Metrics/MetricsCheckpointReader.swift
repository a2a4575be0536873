/// Parses and validates the lines written by `MetricsStore.checkpointLines()`.
///
/// Everything is checked before the store uses any of it: the version, the `end` line, field
/// counts, numbers, identifiers, text encoding, that names are canonical label values, that
/// nothing is given twice, that cells and hits name declared destinations, and that every
/// bounded table stays within its bound. A hostile or damaged checkpoint is refused with a
/// `MetricsRestoreError`, never trusted and never a crash.
struct MetricsCheckpointReader {
    typealias Token = MetricsCheckpointToken

    let candidateMemory: Int
    private(set) var epoch = 0
    /// `destination`, `cell` and `candidate` records.
    private(set) var destinations: MetricsLabelledRecords
    /// `sender`, `scell` and `scandidate` records, by family (`domain`, `user`).
    private(set) var senderDomains: MetricsLabelledRecords
    private(set) var saslUsers: MetricsLabelledRecords
    private(set) var rejectCells = Array(
        repeating: 0, count: MTA.allCases.count * Cause.allCases.count)
    private(set) var authByMTA = Array(repeating: 0, count: MTA.allCases.count)
    private(set) var blocklistHits: [(String, String, Int)] = []
    private(set) var sources: [MetricsSourceCounters] = []
    private(set) var providerCells: [(String, MetricsCell, Int)] = []
    private(set) var providerHits: [(String, String, Int)] = []
    private var seenProviderCells = Set<String>()
    private var seenProviderHits = Set<[String]>()
    private var providerNames = Set<String>()
    private var providerBlocklists = Set<String>()
    /// Hosts of `hhost` records, in order; counters of the `h` records.
    private(set) var hostNames: [String] = []
    private var declaredHosts = Set<String>()
    private(set) var hostCells: [(String, MetricsCell, Int)] = []
    private(set) var hostRejects: [(String, MTA, Cause, Int)] = []
    private(set) var hostSASL: [(String, MTA, Int)] = []
    private(set) var hostHits: [(String, String, Int)] = []
    private var seenHostRecords = Set<String>()
    private var hostBlocklists = Set<String>()
    /// Counters of the `ph` records: provider families by host.
    private(set) var hostProviderCells: [(String, String, MetricsCell, Int)] = []
    private(set) var hostProviderHits: [(String, String, String, Int)] = []
    private var hostProviderBlocklists = Set<String>()
    /// Absent from checkpoints written before tiers were counted: they start at zero.
    private(set) var tiers = TierCounts()
    /// `delay` records: provider, final status, bucket counts, sum in milliseconds. Absent from
    /// checkpoints written before delays were counted: they start at zero.
    private(set) var delays:
        [(provider: String, status: DeliveryStatus, buckets: [Int], sum: Int)] =
            []
    private var seenDelays = Set<String>()

    private var seenEpoch = false
    private var seenRejects = Set<Int>()
    private var seenSASL = Set<Int>()
    private var seenHits = Set<[String]>()
    private var seenSources = Set<String>()
    private var seenTiers = Set<Substring>()
    private var pendingHits: [(line: Int, blocklist: String, destination: String, count: Int)] = []

    /// The longest line accepted: a 255-byte name fully escaped is 765 bytes.
    static let lineLimit = 4096

    init(candidateMemory: Int) {
        self.candidateMemory = candidateMemory
        destinations = MetricsLabelledRecords(
            what: "destination", limit: MetricsStore.maximumTopDestinations,
            candidateMemory: candidateMemory)
        senderDomains = MetricsLabelledRecords(
            what: "sender domain", limit: MetricsStore.maximumTopDestinations,
            candidateMemory: candidateMemory)
        saslUsers = MetricsLabelledRecords(
            what: "SASL user", limit: MetricsStore.maximumTopDestinations,
            candidateMemory: candidateMemory)
    }

    mutating func read(_ lines: [String]) throws(MetricsRestoreError) {
        guard let first = lines.first else {
            throw MetricsRestoreError(line: 0, reason: "empty")
        }
        guard first == MetricsStore.checkpointHeader else {
            if first.hasPrefix("bouncewatch-metrics ") {
                throw MetricsRestoreError(
                    line: 1, reason: "unsupported version '\(Self.shown(first.dropFirst(20)))'")
            }
            throw MetricsRestoreError(line: 1, reason: "not a bouncewatch metrics checkpoint")
        }
        guard let last = lines.last, last.hasPrefix("end "),
            Token.decodeCount(last.dropFirst(4)) == lines.count - 1
        else {
            throw MetricsRestoreError(
                line: lines.count, reason: "missing or wrong 'end' line: the text is incomplete")
        }
        for number in 1..<lines.count - 1 {
            try readLine(lines[number], number: number + 1)
        }
        guard seenEpoch else { throw MetricsRestoreError(line: 0, reason: "no 'epoch' line") }
        try resolvePending()
    }

    private mutating func readLine(_ line: String, number: Int) throws(MetricsRestoreError) {
        func fail(_ reason: String) -> MetricsRestoreError {
            MetricsRestoreError(line: number, reason: reason)
        }
        guard line.utf8.count <= Self.lineLimit else { throw fail("line too long") }
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        let record = fields[0]
        let expected: [Substring: Int] = [
            "epoch": 2, "destination": 6, "cell": 6, "reject": 4, "sasl": 3, "blocklist": 4,
            "source": 7, "candidate": 4, "pcell": 6, "pblocklist": 4, "tier": 3,
            "hhost": 2, "hcell": 6, "hreject": 5, "hsasl": 4, "hblocklist": 4,
            "phcell": 7, "phblocklist": 5, "delay": 4 + MetricsDelays.bucketCount,
            "sender": 7, "scell": 7, "scandidate": 5,
        ]
        guard let count = expected[record] else {
            throw fail("unknown record '\(Self.shown(record))'")
        }
        guard fields.count == count else {
            throw fail("'\(record)' needs \(count - 1) fields, found \(fields.count - 1)")
        }
        var reader = MetricsCheckpointFields(fields: fields, line: number)
        switch record {
        case "epoch":
            guard !seenEpoch else { throw fail("second 'epoch' line") }
            seenEpoch = true
            epoch = try reader.count()
        case "destination": try destinations.readLabel(&reader)
        case "cell": try destinations.readCell(&reader)
        case "sender", "scell", "scandidate": try readSender(record, &reader)
        case "reject":
            let index =
                Int(try reader.mta().rawValue) * Cause.allCases.count
                + Int(try reader.cause().rawValue)
            guard seenRejects.insert(index).inserted else { throw fail("reject given twice") }
            rejectCells[index] = try reader.count()
        case "sasl":
            let index = Int(try reader.mta().rawValue)
            guard seenSASL.insert(index).inserted else { throw fail("sasl given twice") }
            authByMTA[index] = try reader.count()
        case "blocklist":
            let blocklist = try reader.label()
            let destination = try reader.destination() ?? MetricsLabel.other
            guard seenHits.insert([blocklist, destination]).inserted else {
                throw fail("block list hits given twice")
            }
            pendingHits.append((number, blocklist, destination, try reader.count()))
        case "pcell", "pblocklist": try readProvider(record, &reader)
        case "hhost", "hcell", "hreject", "hsasl", "hblocklist": try readHost(record, &reader)
        case "phcell", "phblocklist": try readHostProvider(record, &reader)
        case "source": try readSource(&reader)
        case "delay": try readDelay(&reader)
        case "tier":
            guard seenTiers.insert(fields[1]).inserted else { throw fail("tier given twice") }
            let tier = String(reader.next())
            let count = try reader.count()
            guard tiers.set(tier, to: count) else {
                throw fail("unknown tier '\(Self.shown(fields[1]))'")
            }
        default: try destinations.readCandidate(&reader)
        }
    }

    /// The sender families' records: `sender`, `scell` and `scandidate` with the family
    /// (`domain` or `user`) first, then the fields of `destination`, `cell` and `candidate`.
    private mutating func readSender(_ record: Substring, _ reader: inout MetricsCheckpointFields)
        throws(MetricsRestoreError)
    {
        let family = reader.next()
        guard family == "domain" || family == "user" else {
            throw reader.fail("unknown sender family '\(Self.shown(family))'")
        }
        if family == "domain" {
            try Self.read(record, &reader, into: &senderDomains)
        } else {
            try Self.read(record, &reader, into: &saslUsers)
        }
    }

    private static func read(
        _ record: Substring, _ reader: inout MetricsCheckpointFields,
        into records: inout MetricsLabelledRecords
    ) throws(MetricsRestoreError) {
        switch record {
        case "sender": try records.readLabel(&reader)
        case "scell": try records.readCell(&reader)
        default: try records.readCandidate(&reader)
        }
    }

    private mutating func readSource(_ reader: inout MetricsCheckpointFields)
        throws(MetricsRestoreError)
    {
        let name = try reader.label()
        guard seenSources.insert(name).inserted else { throw reader.fail("source given twice") }
        guard sources.count < MetricsSources.limit else {
            throw reader.fail("more than \(MetricsSources.limit) sources")
        }
        sources.append(
            MetricsSourceCounters(
                name: name, events: try reader.count(), ignored: try reader.count(),
                unrecognized: try reader.count(), truncated: try reader.count(),
                lastEventTime: try reader.optionalTime()))
    }

    /// `pcell` and `pblocklist`: counters per provider, at most `MetricsProviders.limit`
    /// names and `MetricsBlocklists.limit` lists, each given once.
    private mutating func readProvider(
        _ record: Substring, _ reader: inout MetricsCheckpointFields
    ) throws(MetricsRestoreError) {
        if record == "pcell" {
            let provider = try reader.destination() ?? MetricsLabel.other
            let cell = MetricsCell(
                try reader.mta(), try reader.status(), try reader.optionalCause())
            guard seenProviderCells.insert("\(cell.index) \(provider)").inserted else {
                throw reader.fail("provider cell given twice")
            }
            providerNames.insert(provider)
            guard providerNames.count <= MetricsProviders.limit else {
                throw reader.fail("more than \(MetricsProviders.limit) providers")
            }
            providerCells.append((provider, cell, try reader.count()))
            return
        }
        let blocklist = try reader.label()
        let provider = try reader.destination() ?? MetricsLabel.other
        guard seenProviderHits.insert([blocklist, provider]).inserted else {
            throw reader.fail("provider block list hits given twice")
        }
        providerBlocklists.insert(blocklist)
        providerNames.insert(provider)
        guard providerBlocklists.count <= MetricsBlocklists.limit,
            providerNames.count <= MetricsProviders.limit
        else { throw reader.fail("too many providers or block lists") }
        providerHits.append((blocklist, provider, try reader.count()))
    }

    /// `delay`: one provider's histogram at one final status, given once, its provider counted
    /// within `MetricsProviders.limit` with the other provider records.
    private mutating func readDelay(_ reader: inout MetricsCheckpointFields)
        throws(MetricsRestoreError)
    {
        let provider = try reader.destination() ?? MetricsLabel.other
        let status = try reader.status()
        guard DeliveryDelay.isFinal(status) else {
            throw reader.fail("a delay at '\(status.identifier)', which is no final outcome")
        }
        guard seenDelays.insert("\(status.identifier) \(provider)").inserted else {
            throw reader.fail("delays given twice")
        }
        providerNames.insert(provider)
        guard providerNames.count <= MetricsProviders.limit else {
            throw reader.fail("more than \(MetricsProviders.limit) providers")
        }
        let sum = try reader.count()
        var buckets: [Int] = []
        for _ in 0..<MetricsDelays.bucketCount { buckets.append(try reader.count()) }
        delays.append((provider, status, buckets, sum))
    }

    /// The per-host records: every host is declared by `hhost` before its counters, at most
    /// `MetricsHosts.maximumLimit` of them, and nothing is given twice.
    private mutating func readHost(
        _ record: Substring, _ reader: inout MetricsCheckpointFields
    ) throws(MetricsRestoreError) {
        if record == "hhost" {
            let name = try reader.label()
            guard name != MetricsLabel.other, !declaredHosts.contains(name) else {
                throw reader.fail("host given twice or named 'other'")
            }
            guard hostNames.count < MetricsHosts.maximumLimit else {
                throw reader.fail("more than \(MetricsHosts.maximumLimit) hosts")
            }
            hostNames.append(name)
            declaredHosts.insert(name)
            return
        }
        let blocklist = record == "hblocklist" ? try reader.label() : ""
        let host = try reader.destination() ?? MetricsLabel.other
        guard host == MetricsLabel.other || declaredHosts.contains(host) else {
            throw reader.fail("counters of an undeclared host")
        }
        var key = "\(record) \(blocklist) \(host)"
        switch record {
        case "hcell":
            let cell = MetricsCell(
                try reader.mta(), try reader.status(), try reader.optionalCause())
            key += " \(cell.index)"
            hostCells.append((host, cell, try reader.count()))
        case "hreject":
            let mta = try reader.mta()
            let cause = try reader.cause()
            key += " \(mta.identifier) \(cause.identifier)"
            hostRejects.append((host, mta, cause, try reader.count()))
        case "hsasl":
            let mta = try reader.mta()
            key += " \(mta.identifier)"
            hostSASL.append((host, mta, try reader.count()))
        default:
            hostBlocklists.insert(blocklist)
            guard hostBlocklists.count <= MetricsBlocklists.limit else {
                throw reader.fail("more than \(MetricsBlocklists.limit) block lists")
            }
            hostHits.append((blocklist, host, try reader.count()))
        }
        guard seenHostRecords.insert(key).inserted else { throw reader.fail("given twice") }
    }

    /// True when the checkpoint counted per host (any `h` or `ph` record, even of `other`
    /// alone).
    var hasHostRecords: Bool {
        !hostNames.isEmpty || !hostCells.isEmpty || !hostRejects.isEmpty || !hostSASL.isEmpty
            || !hostHits.isEmpty || !hostProviderCells.isEmpty || !hostProviderHits.isEmpty
    }

    /// `phcell` and `phblocklist`: the provider families by host. The host is declared by an
    /// `hhost` record before (or is `other`), providers and lists stay within their bounds,
    /// and nothing is given twice.
    private mutating func readHostProvider(
        _ record: Substring, _ reader: inout MetricsCheckpointFields
    ) throws(MetricsRestoreError) {
        let blocklist = record == "phblocklist" ? try reader.label() : ""
        let host = try reader.destination() ?? MetricsLabel.other
        guard host == MetricsLabel.other || declaredHosts.contains(host) else {
            throw reader.fail("counters of an undeclared host")
        }
        let provider = try reader.destination() ?? MetricsLabel.other
        providerNames.insert(provider)
        guard providerNames.count <= MetricsProviders.limit else {
            throw reader.fail("more than \(MetricsProviders.limit) providers")
        }
        var key = "\(record) \(blocklist) \(host) \(provider)"
        if record == "phcell" {
            let cell = MetricsCell(
                try reader.mta(), try reader.status(), try reader.optionalCause())
            key += " \(cell.index)"
            hostProviderCells.append((host, provider, cell, try reader.count()))
        } else {
            hostProviderBlocklists.insert(blocklist)
            guard hostProviderBlocklists.count <= MetricsBlocklists.limit else {
                throw reader.fail("more than \(MetricsBlocklists.limit) block lists")
            }
            hostProviderHits.append((blocklist, host, provider, try reader.count()))
        }
        guard seenHostRecords.insert(key).inserted else { throw reader.fail("given twice") }
    }

    /// Checks what refers to destinations once every destination is known.
    private mutating func resolvePending() throws(MetricsRestoreError) {
        try destinations.resolve(epoch: epoch)
        try senderDomains.resolve(epoch: epoch)
        try saslUsers.resolve(epoch: epoch)
        var blocklistNames = Set<String>()
        for pending in pendingHits {
            guard destinations.has(pending.destination) else {
                throw MetricsRestoreError(
                    line: pending.line, reason: "block list hits of an undeclared destination")
            }
            blocklistNames.insert(pending.blocklist)
            guard blocklistNames.count <= MetricsBlocklists.limit else {
                throw MetricsRestoreError(
                    line: pending.line, reason: "more than \(MetricsBlocklists.limit) block lists")
            }
            blocklistHits.append((pending.blocklist, pending.destination, pending.count))
        }
    }

    static func shown(_ text: some StringProtocol) -> String {
        MetricsCheckpointFields.shown(Substring(text))
    }
}
