/// The words of an alert's subject: what happened, where, and how much. Values from the log
/// are cleaned and cut here; the header encoding happens later.
enum AlertHeadline {
    /// The longest piece of log text (a destination, a list name, an IP) in a subject.
    static let pieceLimit = 64

    /// `blacklisted by Spamhaus ZEN (203.0.113.5)`, `deferral storm at gmail.com`.
    static func what(_ notice: AlertNotice) -> String {
        if let headline = notice.headline { return piece(headline) }
        if let overflow = notice.overflow {
            return "\(overflow.firingGroups) groups firing, "
                + "\(overflow.groupsWithoutNotice) without a mail of their own"
        }
        let location = locationSuffix(notice)
        if notice.ratio != nil || notice.denominator != nil,
            let storm = notice.status.flatMap(stormName)
        {
            return storm + location + otherLabels(notice)
        }
        if notice.cause == .blacklisted || label(.blocklist, of: notice) != nil {
            let list = label(.blocklist, of: notice) ?? notice.blocklist?.name ?? "a block list"
            var text = "blacklisted by \(piece(BlocklistDisplayName.of(list)))"
            if let address = notice.listedIP { text += " (\(piece(address)))" }
            return text + location + otherLabels(notice)
        }
        if notice.kind == .authFailure || notice.cause == .authFailure {
            let phrase =
                switch notice.direction {
                case .inbound: "SASL login failures against this server"
                case .outbound: "login to the relay failed"
                case nil: "SMTP AUTH failures"
                }
            return phrase + location + otherLabels(notice)
        }
        if let cause = notice.cause { return phrase(cause) + location + otherLabels(notice) }
        if notice.status == .expired {
            return "mail expired in the queue" + location + otherLabels(notice)
        }
        return piece(notice.rule) + location + otherLabels(notice)
    }

    /// `42 deferrals to 7 domains`, `45% of 230 deliveries deferred`.
    static func numbers(_ notice: AlertNotice) -> String {
        if notice.overflow != nil {
            return "\(notice.count) \(notice.count == 1 ? "event" : "events") in those groups"
        }
        if let ratio = notice.ratio, let denominator = notice.denominator {
            let percent = Int((ratio * 100).rounded())
            let total = notice.kind == .delivery || notice.kind == nil ? "deliveries" : "events"
            let participle = notice.status?.identifier ?? "matched"
            return "\(percent)% of \(denominator) \(total) \(participle)"
        }
        var text = "\(notice.count) \(noun(notice, count: notice.count))"
        if notice.destinationCount > 1 {
            text += " to \(notice.destinationCount) domains"
        } else if notice.destinationCount == 1, label(.destination, of: notice) == nil,
            let only = notice.destinations.first
        {
            text += " to \(piece(only.name))"
        }
        return text
    }

    /// The group value for a dimension, if the rule groups by it.
    static func label(_ dimension: AlertDimension, of notice: AlertNotice) -> String? {
        notice.group.first { $0.name == dimension.rawValue }?.value
    }

    static func piece(_ text: String) -> String {
        MailHeader.clean(text, limit: pieceLimit)
    }

    private static func locationSuffix(_ notice: AlertNotice) -> String {
        (label(.destination, of: notice) ?? label(.provider, of: notice)).map { " at \(piece($0))" }
            ?? ""
    }

    /// Group values other than destination, provider and block list, so groups differing only by them
    /// get different subjects: ` (mta=exim)`.
    private static func otherLabels(_ notice: AlertNotice) -> String {
        let others = notice.group.filter {
            $0.name != AlertDimension.destination.rawValue
                && $0.name != AlertDimension.blocklist.rawValue
                && $0.name != AlertDimension.provider.rawValue
        }
        guard !others.isEmpty else { return "" }
        return " (" + others.map { "\($0.name)=\(piece($0.value))" }.joined(separator: ", ") + ")"
    }

    private static func stormName(_ status: DeliveryStatus) -> String? {
        switch status {
        case .deferred: "deferral storm"
        case .bounced: "bounce storm"
        case .rejected: "reject storm"
        case .expired: "expiry storm"
        case .sent: nil
        }
    }

    private static func noun(_ notice: AlertNotice, count: Int) -> String {
        let one = count == 1
        if notice.kind == .authFailure { return one ? "failed login" : "failed logins" }
        switch notice.status {
        case .deferred: return one ? "deferral" : "deferrals"
        case .bounced: return one ? "bounce" : "bounces"
        case .expired: return one ? "message" : "messages"
        case .rejected: return one ? "reject" : "rejects"
        case .sent: return one ? "delivery" : "deliveries"
        case nil: return one ? "event" : "events"
        }
    }

    /// A cause as the subject names it.
    static func phrase(_ cause: Cause) -> String {
        switch cause {
        case .recipientUnknown: "unknown recipients"
        case .mailboxFull: "full mailboxes"
        case .mailboxDisabled: "disabled mailboxes"
        case .domainNotFound: "recipient domains not found"
        case .network: "network failures"
        case .remoteError: "remote server errors"
        case .messageTooLarge: "messages too large"
        case .spam: "mail refused as spam"
        case .contentRejected: "content rejected"
        case .senderAuthentication: "SPF/DKIM/DMARC failures"
        case .blacklisted: "blacklisted"
        case .reputation: "reputation throttling"
        case .rateLimited: "rate limited"
        case .greylisted: "greylisting"
        case .reverseDNS: "reverse DNS failures"
        case .tls: "TLS failures"
        case .relayDenied: "relaying denied"
        case .authFailure: "SMTP AUTH failures"
        case .policy: "refused by policy"
        case .protocolError: "SMTP protocol errors"
        case .localDelivery: "local delivery failures"
        case .expired: "mail expired in the queue"
        case .unclassified: "unclassified failures"
        }
    }
}
