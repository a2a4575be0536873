/// Counters per syslog host (`metrics.per_host`): the MTA that wrote each line, for a central
/// log host that follows many MTAs' logs. One row per host: deliveries by MTA, status and
/// cause, rejects by MTA and cause, SASL failures by MTA; block list hits by list and host.
///
/// Bounded: the first `limit` hosts seen get rows of their own, kept for as long as the
/// counters live (across restarts, through the checkpoint); every later host counts as
/// `other`. A row is never demoted, so every series only grows, and the sums over `host` are
/// exact. A fleet's MTAs are a fixed set, seen within the first minutes: they all get rows;
/// a log naming 10,000 hosts costs `limit` rows.
struct MetricsHosts {
    /// The largest `limit`; larger settings are clamped.
    static let maximumLimit = 1000
    private static let causeCount = Cause.allCases.count
    private static let rejectBase = MetricsCell.count
    private static let saslBase = rejectBase + MTA.allCases.count * causeCount
    /// Counters per row.
    static let rowWidth = saslBase + MTA.allCases.count

    /// Hosts with rows of their own at most.
    private(set) var limit: Int
    /// Row names; row 0 is `other`.
    private(set) var names: [String] = [MetricsLabel.other]
    private var rowByName: [String: Int] = [:]
    private(set) var cells = Array(repeating: 0, count: rowWidth)
    private(set) var hits = MetricsBlocklists()
    /// The host of the last event and its row: a log's lines come in runs from one host.
    private var lastHost: [UInt8] = []
    private var lastRow = 0

    init(limit: Int) {
        self.limit = Self.clamp(limit)
    }

    /// A new limit: rows already given stay; a lower limit only stops new ones.
    mutating func setLimit(_ limit: Int) {
        self.limit = Self.clamp(limit)
    }

    /// The row of the host whose name is `bytes` (from the line), made while there is room.
    @inline(__always)
    mutating func row(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard !bytes.isEmpty else { return 0 }
        if bytes.count == lastHost.count, bytes.elementsEqual(lastHost) { return lastRow }
        let row = row(named: MetricsLabel.domain(bytes))
        lastHost.removeAll(keepingCapacity: true)
        lastHost.append(contentsOf: bytes.prefix(MetricsLabel.byteLimit))
        // A longer name was cut: the cache must not match its prefix.
        if bytes.count > MetricsLabel.byteLimit { lastHost.removeAll() }
        lastRow = row
        return row
    }

    /// The row of `name` (canonical), made while there is room; else `other`'s.
    mutating func row(named name: String) -> Int {
        if let row = rowByName[name] { return row }
        guard names.count - 1 < limit, name != MetricsLabel.other, !name.isEmpty else { return 0 }
        rowByName[name] = names.count
        names.append(name)
        cells.append(contentsOf: repeatElement(0, count: Self.rowWidth))
        return names.count - 1
    }

    mutating func countDelivery(_ cell: MetricsCell, row: Int) {
        cells[row &* Self.rowWidth &+ cell.index] += 1
    }

    mutating func countReject(mta: MTA, cause: Cause, row: Int) {
        cells[row * Self.rowWidth + Self.rejectBase + Self.rejectIndex(mta, cause)] += 1
    }

    mutating func countSASL(mta: MTA, row: Int) {
        cells[row * Self.rowWidth + Self.saslBase + Int(mta.rawValue)] += 1
    }

    mutating func countHit(blocklist: String, row: Int) {
        hits.count(blocklist: blocklist, destination: names[row])
    }

    /// The delivery counters of `row`.
    func deliveries(_ row: Int) -> ArraySlice<Int> {
        cells[row * Self.rowWidth..<row * Self.rowWidth + MetricsCell.count]
    }

    func rejects(_ row: Int, mta: MTA, cause: Cause) -> Int {
        cells[row * Self.rowWidth + Self.rejectBase + Self.rejectIndex(mta, cause)]
    }

    func sasl(_ row: Int, mta: MTA) -> Int {
        cells[row * Self.rowWidth + Self.saslBase + Int(mta.rawValue)]
    }

    /// Rows by name, `other` last.
    var rowsByName: [Int] {
        names.indices.sorted { MetricsStore.otherLast(names[$0], names[$1]) }
    }

    /// True when nothing was counted and no host has a row.
    var isEmpty: Bool { names.count == 1 && !cells.contains { $0 != 0 } && hits.hits.isEmpty }

    // MARK: - Restoring

    mutating func restoreDelivery(host: String, cell: MetricsCell, count: Int) {
        add(count, at: row(named: host) * Self.rowWidth + cell.index)
    }

    mutating func restoreReject(host: String, mta: MTA, cause: Cause, count: Int) {
        add(
            count,
            at: row(named: host) * Self.rowWidth + Self.rejectBase + Self.rejectIndex(mta, cause))
    }

    mutating func restoreSASL(host: String, mta: MTA, count: Int) {
        add(count, at: row(named: host) * Self.rowWidth + Self.saslBase + Int(mta.rawValue))
    }

    mutating func restoreHit(blocklist: String, host: String, count: Int) {
        // The name may be over the limit now (a lower `top_hosts`): then it joins `other`.
        let name = names[row(named: host)]
        if !hits.restore(blocklist: blocklist, destination: name, count: count) {
            hits.add(blocklist: blocklist, destination: name, count: count)
        }
    }

    private mutating func add(_ count: Int, at index: Int) {
        cells[index] = cells[index].saturatingSum(count)
    }

    private static func rejectIndex(_ mta: MTA, _ cause: Cause) -> Int {
        Int(mta.rawValue) * causeCount + Int(cause.rawValue)
    }

    private static func clamp(_ limit: Int) -> Int { Swift.min(Swift.max(limit, 0), maximumLimit) }
}
