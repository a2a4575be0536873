/// Which event shapes (MTA, kind, status, cause) an `EventMatch` lets through, one table per
/// field: `AlertEventFilter.couldMatch` answered by four reads, so the engine's per-shape
/// tables are built at start-up without trying each rule's lists for every shape.
struct AlertShapeMask: Sendable {
    private let mtas: [Bool]
    private let kinds: [Bool]
    private let statuses: [Bool]
    /// Indexed by `causeIndex`: 0 for no cause, a cause's raw value plus one otherwise.
    private let causes: [Bool]

    init(_ match: EventMatch) {
        mtas = Self.table(MTA.self) { match.mta.isEmpty || match.mta.contains($0) }
        kinds = Self.table(EventKind.self) { match.kind.isEmpty || match.kind.contains($0) }
        statuses = Self.table(DeliveryStatus.self) {
            match.status.isEmpty || match.status.contains($0)
        }
        causes =
            [match.cause.isEmpty]
            + Self.table(Cause.self) {
                match.cause.isEmpty || match.cause.contains($0)
            }
    }

    /// `causes`' index of `cause`.
    static func causeIndex(_ cause: Cause?) -> Int {
        cause.map { Int($0.rawValue) + 1 } ?? 0
    }

    /// Whether an event with these properties could pass the match, whatever its other values.
    func admits(mta: MTA, kind: EventKind, status: DeliveryStatus, causeIndex: Int) -> Bool {
        mtas[Int(mta.rawValue)] && kinds[Int(kind.rawValue)] && statuses[Int(status.rawValue)]
            && causes[causeIndex]
    }

    /// `admits` for each value of an enumeration, indexed by raw value.
    private static func table<Value: RawRepresentable & CaseIterable>(
        _: Value.Type, _ admits: (Value) -> Bool
    ) -> [Bool] where Value.RawValue == UInt8 {
        var table = Array(repeating: false, count: Value.allCases.count)
        for value in Value.allCases { table[Int(value.rawValue)] = admits(value) }
        return table
    }
}
