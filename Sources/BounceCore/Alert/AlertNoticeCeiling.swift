/// How many groups of one rule may have notices of their own at a time, and the summary
/// notice for the rest.
///
/// Group values come from the log, which strangers write: 5,000 bounces whose replies each
/// name a different block list would otherwise be 5,000 alert groups and 5,000 mails. A rule
/// mails about at most `groupsPerRule` groups at once: a group that starts firing while that
/// many are announced (firing, their notice sent) gets no notice of its own, and neither do
/// its reminders and its end. Instead one summary notice per rule says how many groups fire
/// and lists the largest, at most once per repeat interval while new groups keep arriving.
/// Every notice held back is returned marked `isSuppressed`, for the dispatcher to count.
///
/// The groups still fire inside the engine (`bouncewatch_alerts_firing` counts them all);
/// only the notices are held back. This lives beside the group storage, not in it.
public struct AlertNoticeCeiling: Sendable {
    /// Groups per rule that may have notices of their own at a time.
    public static let groupsPerRule = 20
    /// Groups listed by name in a summary.
    static let largestListed = 10

    /// Fingerprints of groups whose firing notice went out and that have not resolved.
    private var announced: Set<String> = []
    /// Fingerprints of firing groups that got no notice of their own.
    private var held: Set<String> = []
    /// Groups held since the last summary, and the largest of them.
    private var heldSinceSummary = 0
    private var heldEvents = 0
    private var largest: [NamedCount] = []
    private var earliestHeldStart: Int64?
    private var lastSummaryAt: Int64?

    /// After a restart: which groups were mailed about is not in the checkpoint, so the first
    /// `groupsPerRule` firing groups (in the checkpoint's order) count as announced and the
    /// rest as held. At most `groupsPerRule` groups then send reminders or an end.
    mutating func restore(firing fingerprints: [String]) {
        for fingerprint in fingerprints {
            if announced.count < Self.groupsPerRule {
                announced.insert(fingerprint)
            } else {
                held.insert(fingerprint)
            }
        }
    }

    /// Lets through the notices of announced groups (up to the ceiling), marks the others
    /// suppressed, and adds a summary when one is due. `firingGroups` is the rule's count now.
    mutating func apply(
        _ notices: [AlertNotice], rule: AlertRule, firingGroups: Int, now: Int64
    ) -> [AlertNotice] {
        var result: [AlertNotice] = []
        result.reserveCapacity(notices.count + 1)
        for var notice in notices {
            let fingerprint = notice.fingerprint
            switch notice.state {
            case .firing:
                guard !announced.contains(fingerprint) else { break }
                if !held.contains(fingerprint), announced.count < Self.groupsPerRule {
                    announced.insert(fingerprint)
                } else {
                    if held.insert(fingerprint).inserted { noteHeld(notice) }
                    notice.isSuppressed = true
                }
            case .resolved:
                if announced.remove(fingerprint) == nil {
                    held.remove(fingerprint)
                    notice.isSuppressed = true
                }
            }
            result.append(notice)
        }
        if heldSinceSummary > 0, lastSummaryAt.map({ now - $0 >= summaryInterval(rule) }) ?? true {
            result.append(summary(rule: rule, firingGroups: firingGroups, now: now))
        }
        return result
    }

    private func summaryInterval(_ rule: AlertRule) -> Int64 {
        Int64(rule.repeatIntervalSeconds > 0 ? rule.repeatIntervalSeconds : 4 * 3600)
    }

    private mutating func noteHeld(_ notice: AlertNotice) {
        heldSinceSummary += 1
        heldEvents = heldEvents.saturatingSum(notice.count)
        earliestHeldStart = min(earliestHeldStart ?? notice.startedAt, notice.startedAt)
        let name = notice.group.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        let entry = NamedCount(name, notice.count)
        // Kept sorted, most first, ties by name: a short list, so insertion is cheap.
        let position =
            largest.firstIndex {
                $0.count < entry.count || ($0.count == entry.count && $0.name > entry.name)
            } ?? largest.endIndex
        guard position < Self.largestListed else { return }
        largest.insert(entry, at: position)
        if largest.count > Self.largestListed { largest.removeLast() }
    }

    private mutating func summary(rule: AlertRule, firingGroups: Int, now: Int64) -> AlertNotice {
        let group = [AlertLabel("overflow", "summary")]
        var notice = AlertNotice(
            rule: rule.name, state: .firing, group: [],
            fingerprint: AlertFingerprint.of(rule: rule.name, group: group),
            count: heldEvents, windowSeconds: rule.windowSeconds,
            startedAt: earliestHeldStart ?? now, decidedAt: now)
        notice.threshold = rule.threshold
        notice.overflow = AlertOverflow(
            firingGroups: firingGroups, groupsWithoutNotice: heldSinceSummary, largest: largest)
        notice.isRepeat = lastSummaryAt != nil
        heldSinceSummary = 0
        heldEvents = 0
        largest = []
        earliestHeldStart = nil
        lastSummaryAt = now
        return notice
    }
}
