import Synchronization

/// At most `perHour` notices per notifier in any hour, on the alert engine's clock (each
/// notice's `decidedAt`, which never goes back): the last line of defence when alerts flood,
/// whatever their rules.
///
/// A ring of the times of the last `perHour` notices let through: a new one passes when the
/// ring has room or its oldest entry is an hour old.
final class NotificationBudget: Sendable {
    /// Notices per notifier per hour.
    static let perHour = 100
    static let hourSeconds: Int64 = 3600

    private struct Ring {
        var times: [Int64] = []
        var oldest = 0
        var refusedSinceAdmit = 0
    }

    /// What `admit` decided.
    enum Decision: Equatable {
        case admitted
        /// Refused; `first` for the first refusal since a notice was let through, which is
        /// worth a log line (the others are only counted).
        case refused(first: Bool)
    }

    private let ring = Mutex(Ring())

    /// Whether a notice decided at `time` may go out; if so it counts against the hour.
    func admit(at time: Int64) -> Decision {
        ring.withLock { ring in
            if ring.times.count < Self.perHour {
                ring.times.append(time)
            } else if time - ring.times[ring.oldest] >= Self.hourSeconds {
                ring.times[ring.oldest] = time
                ring.oldest = (ring.oldest + 1) % Self.perHour
            } else {
                ring.refusedSinceAdmit += 1
                return .refused(first: ring.refusedSinceAdmit == 1)
            }
            ring.refusedSinceAdmit = 0
            return .admitted
        }
    }
}
