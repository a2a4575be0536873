/// The index of one delivery counter inside a destination's row: MTA × status × cause, with
/// one extra cause slot for "no cause" (`sent`).
struct MetricsCell: Hashable {
    static let mtaCount = MTA.allCases.count
    static let statusCount = DeliveryStatus.allCases.count
    static let causeSlots = Cause.allCases.count + 1
    /// Counters per destination row.
    static let count = mtaCount * statusCount * causeSlots

    let index: Int

    init(index: Int) {
        self.index = index
    }

    init(_ mta: MTA, _ status: DeliveryStatus, _ cause: Cause?) {
        let causeSlot = cause.map { Int($0.rawValue) } ?? Cause.allCases.count
        index =
            (Int(mta.rawValue) * Self.statusCount + Int(status.rawValue)) * Self.causeSlots
            + causeSlot
    }

    var mta: MTA { MTA(rawValue: UInt8(index / (Self.statusCount * Self.causeSlots)))! }

    var status: DeliveryStatus {
        DeliveryStatus(rawValue: UInt8(index / Self.causeSlots % Self.statusCount))!
    }

    var cause: Cause? { Cause(rawValue: UInt8(index % Self.causeSlots)) }

    /// Every cell in index order, which is the order series are written in.
    static let all: [MetricsCell] = (0..<count).map(MetricsCell.init(index:))
}
