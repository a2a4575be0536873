/// Which outcomes a delivery delay counts at.
///
/// A message's delay is the time from its arrival to its final outcome for one recipient:
/// delivered (`sent`), refused for good (`bounced`) or given up (`expired`). A deferral is no
/// outcome, only a retry on the way to one, so its delay never counts: otherwise a message
/// retried ten times would count eleven times.
public enum DeliveryDelay {
    /// The final statuses in report order.
    public static let finalStatuses: [DeliveryStatus] = [.sent, .bounced, .expired]

    /// Whether a delay at `status` counts: sent, bounced and expired, never deferred (or a
    /// reject, which is no delivery).
    @inline(__always)
    public static func isFinal(_ status: DeliveryStatus) -> Bool {
        finalSlot(status) != nil
    }

    /// The place of `status` in `finalStatuses`, or nil when it is not final.
    @inline(__always)
    public static func finalSlot(_ status: DeliveryStatus) -> Int? {
        switch status {
        case .sent: 0
        case .bounced: 1
        case .expired: 2
        case .deferred, .rejected: nil
        }
    }
}
