/// The alert notice a digest mail travels with through the notifiers: what their log lines and
/// counters see of it. Made and recognised here, so a failed delivery can say which period's
/// digest it was rather than calling it an alert.
public enum DigestNotice {
    /// The notice's rule name.
    public static let rule = "digest"

    /// The key of the prepared mails and the notice's fingerprint for the period ending at
    /// `end`: `digest-1796626800`.
    public static func key(end: Int64) -> String { "digest-\(end)" }

    /// The notice of the digest of `[start, end)` with `deliveries` in it.
    public static func make(start: Int64, end: Int64, deliveries: StatusCounts) -> AlertNotice {
        AlertNotice(
            rule: rule, state: .firing, group: [], fingerprint: key(end: end),
            count: deliveries.failures, denominator: deliveries.total,
            windowSeconds: Int(clamping: end - start), startedAt: start, decidedAt: end)
    }

    /// `digest for 2026-11-26 00:00:00 +0000 .. 2026-11-27 00:00:00 +0000` when `notice` is a
    /// digest's (its rule and fingerprint both say so; an alert's fingerprint is a hash), nil
    /// otherwise. In UTC: a notifier does not know the zone the mail was written in.
    public static func describe(_ notice: AlertNotice) -> String? {
        guard notice.rule == rule, notice.fingerprint == key(end: notice.decidedAt) else {
            return nil
        }
        return "digest for " + MailDate.readable(notice.startedAt, utcOffsetSeconds: 0) + " .. "
            + MailDate.readable(notice.decidedAt, utcOffsetSeconds: 0)
    }
}
