/// One round of lookups: which names to query for which lists and targets, and the verdicts
/// once the resolver has answered.
///
/// Each list's test point (RFC 5782, or the one the list documents) is queried with the
/// targets. A list whose test point comes
/// back clean is not answering (its zone is gone, or the resolver hides it), so its clean
/// answers for our targets are errors, never "clean".
public struct ListingCheck: Sendable {
    /// One name to look up: for a target on a list, or for the list's test point.
    public struct Query: Sendable, Equatable {
        public var list: Int
        /// nil for the test point.
        public var target: ListingTarget?
        public var name: String
    }

    /// The verdict for one target on one list.
    public struct Row: Sendable, Equatable {
        public var list: DNSBLList
        public var target: ListingTarget
        public var result: ListingResult

        public init(list: DNSBLList, target: ListingTarget, result: ListingResult) {
            self.list = list
            self.target = target
            self.result = result
        }
    }

    public let lists: [DNSBLList]
    public let queries: [Query]

    /// Plans the lookups of every target on every list that covers it; lists covering none
    /// of the targets are left out.
    public init(lists: [DNSBLList], targets: [ListingTarget]) {
        var queries: [Query] = []
        for (index, list) in lists.enumerated() {
            let covered = targets.filter(list.covers)
            guard !covered.isEmpty else { continue }
            if let testPoint = list.testPointName {
                queries.append(Query(list: index, target: nil, name: testPoint))
            }
            for target in covered {
                queries.append(
                    Query(list: index, target: target, name: list.queryName(for: target)))
            }
        }
        self.lists = lists
        self.queries = queries
    }

    /// The verdicts, in query order, given one outcome per query.
    public func rows(_ outcomes: [DNSTransportOutcome]) -> [Row] {
        precondition(outcomes.count == queries.count, "one outcome per query")
        var silent: [Int: ListingError] = [:]
        for (query, outcome) in zip(queries, outcomes) where query.target == nil {
            let list = lists[query.list]
            let result = ListingInterpreter.interpret(outcome, list: list, queryName: query.name)
            if result.status == .clean {
                silent[query.list] = ListingError(
                    .nxdomain,
                    "the list does not answer: its test point \(query.name) is not listed")
            }
        }
        var rows: [Row] = []
        for (query, outcome) in zip(queries, outcomes) {
            guard let target = query.target else { continue }
            let list = lists[query.list]
            var result = ListingInterpreter.interpret(outcome, list: list, queryName: query.name)
            if result.status == .clean, let error = silent[query.list] {
                result = ListingResult(status: .error(error))
            }
            rows.append(Row(list: list, target: target, result: result))
        }
        return rows
    }

    /// The exit status of `check-listing`: 1 when anything is listed, else 2 when a lookup
    /// failed, else 0.
    public static func exitStatus(_ rows: [Row]) -> Int32 {
        if rows.contains(where: { $0.result.isListed }) { return 1 }
        if rows.contains(where: { $0.result.error != nil }) { return 2 }
        return 0
    }
}
