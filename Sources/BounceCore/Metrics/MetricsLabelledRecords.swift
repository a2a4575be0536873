/// The checkpoint records of one family of labelled names ruled by `MetricsDestinations`
/// (destinations, sender domains, SASL users): each name's label, its cells and `other`'s, and
/// the candidates of the two strength windows, each checked as it is read.
///
/// Why one reader for them all: the families follow the same rules, so they are restored with
/// the same checks (canonical lower-case names, no `other`, nothing given twice, every bound
/// kept, cells only of declared names, labels not from the future).
struct MetricsLabelledRecords {
    /// The record's subject in error messages (`destination`).
    let what: String
    /// The most labelled names.
    let limit: Int
    let candidateMemory: Int
    private(set) var labels: [MetricsDestinationLabel] = []
    private(set) var rows: [String: [Int]] = [:]
    private(set) var other = Array(repeating: 0, count: MetricsCell.count)
    private(set) var previousStrength: [String: Int] = [:]
    private(set) var currentStrength: [String: Int] = [:]
    private var pendingCells: [(line: Int, name: String, cell: MetricsCell, count: Int)] = []

    init(what: String, limit: Int, candidateMemory: Int) {
        self.what = what
        self.limit = limit
        self.candidateMemory = candidateMemory
    }

    /// Whether any record of the family was read.
    var isEmpty: Bool {
        labels.isEmpty && pendingCells.isEmpty && previousStrength.isEmpty
            && currentStrength.isEmpty && !other.contains { $0 != 0 }
    }

    /// Whether `name` (canonical, or `other`) may have counters.
    func has(_ name: String) -> Bool { name == MetricsLabel.other || rows[name] != nil }

    /// The labels with their rows, for `MetricsDestinations.restore`.
    var labelledRows: [(MetricsDestinationLabel, [Int])] { labels.map { ($0, rows[$0.name]!) } }

    /// `NAME PROMOTED_AT LAST_EVENT CURRENT_WINDOW PREVIOUS_WINDOW`.
    mutating func readLabel(_ reader: inout MetricsCheckpointFields) throws(MetricsRestoreError) {
        let name = try reader.label()
        guard name != MetricsLabel.other else {
            throw reader.fail("a \(what) cannot be named 'other'")
        }
        guard String(decoding: name.utf8.map(ByteScan.lower), as: UTF8.self) == name else {
            throw reader.fail("a \(what) name is not lower-case")
        }
        guard rows[name] == nil else { throw reader.fail("\(what) given twice") }
        guard labels.count < limit else { throw reader.fail("more than \(limit) \(what)s") }
        let label = MetricsDestinationLabel(
            name: name, promotedAt: try reader.count(), lastEvent: try reader.count(),
            current: try reader.count(), previous: try reader.count())
        labels.append(label)
        rows[name] = Array(repeating: 0, count: MetricsCell.count)
    }

    /// `NAME|- MTA STATUS CAUSE|- COUNT`, placed once every label is known (`resolve`).
    mutating func readCell(_ reader: inout MetricsCheckpointFields) throws(MetricsRestoreError) {
        let name = try reader.destination() ?? MetricsLabel.other
        let cell = MetricsCell(try reader.mta(), try reader.status(), try reader.optionalCause())
        pendingCells.append((reader.line, name, cell, try reader.count()))
    }

    /// `previous|current NAME STRENGTH`.
    mutating func readCandidate(_ reader: inout MetricsCheckpointFields)
        throws(MetricsRestoreError)
    {
        let window = reader.next()
        guard window == "previous" || window == "current" else {
            throw reader.fail("candidate window must be 'previous' or 'current'")
        }
        let name = try reader.label()
        guard name != MetricsLabel.other else {
            throw reader.fail("a candidate cannot be named 'other'")
        }
        let strength = try reader.count()
        let isPrevious = window == "previous"
        let table = isPrevious ? previousStrength : currentStrength
        guard table[name] == nil else { throw reader.fail("candidate given twice") }
        guard table.count < candidateMemory else {
            throw reader.fail("more than \(candidateMemory) candidates")
        }
        if isPrevious {
            previousStrength[name] = strength
        } else {
            currentStrength[name] = strength
        }
    }

    /// Checks what refers to the labels once every label is known, at rebalance `epoch`.
    mutating func resolve(epoch: Int) throws(MetricsRestoreError) {
        for label in labels {
            let shown = MetricsCheckpointFields.shown(Substring(label.name))
            guard label.promotedAt <= epoch, label.lastEvent <= epoch,
                label.promotedAt <= label.lastEvent
            else {
                throw MetricsRestoreError(line: 0, reason: "\(what) '\(shown)' is from the future")
            }
            guard previousStrength[label.name] == nil, currentStrength[label.name] == nil else {
                throw MetricsRestoreError(line: 0, reason: "\(what) '\(shown)' is also a candidate")
            }
        }
        var cellsSeen = Set<String>()
        for pending in pendingCells {
            guard cellsSeen.insert("\(pending.cell.index) \(pending.name)").inserted else {
                throw MetricsRestoreError(line: pending.line, reason: "cell given twice")
            }
            if pending.name == MetricsLabel.other {
                other[pending.cell.index] = pending.count
            } else if rows[pending.name] != nil {
                rows[pending.name]![pending.cell.index] = pending.count
            } else {
                throw MetricsRestoreError(
                    line: pending.line, reason: "cell of an undeclared \(what)")
            }
        }
        pendingCells = []
    }
}
