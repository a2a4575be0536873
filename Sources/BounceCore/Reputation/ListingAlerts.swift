/// The built-in `listed` alert and the mail about a list that keeps failing, decided from the
/// lookups' state rather than from counted events.
///
/// Pure: the daemon hands in a copy of the `ListingState` and the wall clock; the notices go
/// through the same dispatcher, notifiers and outbox as the alert engine's. One alert per
/// list and target: it fires when a lookup finds the target listed, says again every
/// `repeatIntervalSeconds` while it stays listed (or at once when the return codes change),
/// and resolves when a lookup of it comes back clean. An error never fires nor resolves
/// anything. A list whose last round failed gets a `dnsbl-failing` notice, at most one per
/// `failingIntervalSeconds`.
public struct ListingAlerts: Sendable {
    /// The rule name of a listing's notices.
    public static let listedRule = "listed"
    /// The rule name of a failing list's notices.
    public static let failingRule = "dnsbl-failing"
    /// How often a listing still in place is mailed again.
    public static let repeatIntervalSeconds: Int64 = 24 * 3_600
    /// The most one failing list is mailed about.
    public static let failingIntervalSeconds: Int64 = 24 * 3_600
    /// Bounces this long before a listing was first seen still belong to its period: the
    /// list had it before the lookup found it.
    public static let leadSeconds: Int64 = 3_600

    struct Firing: Sendable, Equatable {
        var since: Int64
        var sentAt: Int64
        var answers: [ListingResult.Answer]
    }

    struct Key: Hashable, Sendable {
        var list: String
        var target: ListingTarget
    }

    var firing: [Key: Firing] = [:]
    var failingMailed: [String: Int64] = [:]
    var failingSince: [String: Int64] = [:]
    /// Bounces that named a list or a listed address.
    public var mentions = ListingMentions()
    /// The rules among `listedRule` and `failingRule` the administrator switched off
    /// (`{name: listed, disabled: true}` under `alerts`): they make no notices, and a listing
    /// firing when `listed` is switched off is dropped without a resolved notice.
    public var switchedOff: Set<String> = []

    public init() {}

    /// Listings firing now, for `bouncewatch_alerts_firing{rule="listed"}`.
    public var firingCount: Int { firing.count }

    /// The notices due at `now` for `state`.
    public mutating func evaluate(_ state: ListingState, now: Int64) -> [AlertNotice] {
        var notices: [AlertNotice] = []
        let mailsListings = !switchedOff.contains(Self.listedRule)
        if !mailsListings { firing.removeAll() }
        for list in state.lists {
            let entries = state.entries[list.id] ?? [:]
            for target in state.targets where mailsListings {
                guard let entry = entries[target] else { continue }
                let key = Key(list: list.id, target: target)
                if entry.listed {
                    let previous = firing[key]
                    let due =
                        previous.map {
                            $0.answers != entry.answers
                                || now - $0.sentAt >= Self.repeatIntervalSeconds
                        } ?? true
                    guard due else { continue }
                    firing[key] = Firing(since: entry.since, sentAt: now, answers: entry.answers)
                    notices.append(
                        listedNotice(list, target, entry, now: now, isRepeat: previous != nil))
                } else if let was = firing.removeValue(forKey: key) {
                    notices.append(resolvedNotice(list, target, entry, since: was.since, now: now))
                }
            }
            if !switchedOff.contains(Self.failingRule) { notices += failing(list, state, now: now) }
        }
        return notices
    }

    private mutating func failing(_ list: DNSBLList, _ state: ListingState, now: Int64)
        -> [AlertNotice]
    {
        guard let up = state.up[list.id] else { return [] }  // not asked yet
        guard !up else {
            failingSince[list.id] = nil
            failingMailed[list.id] = nil
            return []
        }
        let since = failingSince[list.id] ?? state.lastCheck[list.id] ?? now
        failingSince[list.id] = since
        if let mailed = failingMailed[list.id], now - mailed < Self.failingIntervalSeconds {
            return []
        }
        failingMailed[list.id] = now
        let group = [AlertLabel("list", list.id)]
        let errors = (state.errors[list.id] ?? [:]).sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        var notice = AlertNotice(
            rule: Self.failingRule, state: .firing, group: group,
            fingerprint: AlertFingerprint.of(rule: Self.failingRule, group: group),
            count: 0, windowSeconds: Int(max(now - since, 0)), startedAt: since, decidedAt: now)
        notice.headline = "block list \(list.name) gives no verdict"
        notice.summary =
            "Lookups on \(list.zone) (\(list.name)) have failed since the round at "
            + "\(ListingAlertText.clock(since)). A failing list is never read as listed or "
            + "clean: while it fails, bouncewatch cannot tell whether we are on it. This mail "
            + "comes at most once a day while the list keeps failing; "
            + "bouncewatch_dnsbl_list_up and bouncewatch_dnsbl_check_errors_total show it "
            + "in between."
        notice.details = [AlertLabel("Zone", list.zone), AlertLabel("Errors", errors)]
        return [notice]
    }

    private func listedNotice(
        _ list: DNSBLList, _ target: ListingTarget, _ entry: ListingState.Entry, now: Int64,
        isRepeat: Bool
    ) -> AlertNotice {
        var notice = base(list, target, state: .firing, since: entry.since, now: now)
        notice.isRepeat = isRepeat
        let codes = ListingAlertText.codes(entry.answers)
        let bounces = ListingAlertText.bounces(notice.count)
        notice.summary =
            "A lookup of \(target) on \(list.zone) (\(list.name)) answers \(codes): listed for "
            + "\(ListingAlertText.duration(now - entry.since)), since the lookup at "
            + "\(ListingAlertText.clock(entry.since)). \(bounces) in that period (and the hour "
            + "before) named this list or address. Ask for removal at the delisting page once "
            + "the cause is fixed; this alert resolves when a lookup comes back clean."
        notice.details = [
            AlertLabel("Listed as", codes),
            AlertLabel("Listed for", ListingAlertText.duration(now - entry.since)),
        ]
        return notice
    }

    private func resolvedNotice(
        _ list: DNSBLList, _ target: ListingTarget, _ entry: ListingState.Entry, since: Int64,
        now: Int64
    ) -> AlertNotice {
        var notice = base(list, target, state: .resolved, since: since, now: now)
        notice.summary =
            "A lookup of \(target) on \(list.zone) (\(list.name)) came back clean at "
            + "\(ListingAlertText.clock(entry.checkedAt)): no longer listed, after "
            + "\(ListingAlertText.duration(entry.checkedAt - since)) on the list."
        return notice
    }

    /// What both kinds of notice carry: the group, the list, the bounces since `period`.
    private func base(
        _ list: DNSBLList, _ target: ListingTarget, state: AlertNotice.State, since period: Int64,
        now: Int64
    ) -> AlertNotice {
        let group = [AlertLabel("list", list.id), AlertLabel("target", target.description)]
        let named = mentions.naming(list, or: target, since: period - Self.leadSeconds)
        var notice = AlertNotice(
            rule: Self.listedRule, state: state, group: group,
            fingerprint: AlertFingerprint.of(rule: Self.listedRule, group: group),
            count: named.count, windowSeconds: Int(max(now - period, 0)), cause: .blacklisted,
            blocklist: Blocklist(
                name: list.zone, delistURL: list.delist.isEmpty ? nil : list.delist),
            listedIP: target.isAddress ? target.description : nil,
            samples: named.suffix(3).map(\.line), startedAt: period, decidedAt: now)
        notice.headline = "\(target) listed on \(list.name)"
        return notice
    }
}
