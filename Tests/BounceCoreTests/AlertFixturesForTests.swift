@testable import BounceCore

/// Builds alert events and rules for the alert tests.
enum AlertFixture {
    static let zen = Blocklist(name: "zen.spamhaus.org", delistURL: "https://check.spamhaus.org/")

    static func event(
        _ time: Int64, status: DeliveryStatus = .deferred, cause: Cause? = .network,
        to destination: String = "example.org", kind: EventKind = .delivery,
        direction: TrafficDirection = .outbound, mta: MTA = .postfix, blocklist: Blocklist? = nil,
        listedIP: String? = nil, line: String? = nil
    ) -> AlertEvent {
        AlertEvent(
            time: time, mta: mta, kind: kind, status: status, cause: cause, direction: direction,
            destination: destination, blocklist: blocklist, listedIP: listedIP,
            line: line ?? "Nov 27 10:00:00 mx1 postfix/smtp[1]: to=<a@\(destination)> t=\(time)")
    }

    static func blacklisted(
        _ time: Int64, to destination: String = "gmail.com", list: Blocklist = zen,
        ip: String? = "203.0.113.5", status: DeliveryStatus = .deferred
    ) -> AlertEvent {
        event(
            time, status: status, cause: .blacklisted, to: destination, blocklist: list,
            listedIP: ip)
    }

    /// A count rule on one cause, with no group wait unless given.
    static func countRule(
        _ name: String = "r", cause: Cause = .network, threshold: Double, window: Int,
        groupBy: [AlertDimension] = [], wait: Int = 0, repeatEvery: Int = 4 * 3600
    ) -> AlertRule {
        AlertRule(
            name: name, match: EventMatch(cause: [cause]), threshold: threshold,
            windowSeconds: window, groupBy: groupBy, repeatIntervalSeconds: repeatEvery,
            groupWaitSeconds: wait)
    }

    /// deferred / (sent + deferred + bounced), grouped by destination.
    static func ratioRule(
        threshold: Double, minEvents: Int, window: Int, wait: Int = 0
    ) -> AlertRule {
        AlertRule(
            name: "storm", match: EventMatch(status: [.deferred]),
            ratioOf: EventMatch(status: [.sent, .deferred, .bounced]), threshold: threshold,
            minEvents: minEvents, windowSeconds: window, groupBy: [.destination],
            groupWaitSeconds: wait)
    }

    static func engine(_ rules: [AlertRule], _ events: [AlertEvent]) -> AlertEngine {
        var engine = AlertEngine(rules: rules)
        for event in events { engine.observe(event) }
        return engine
    }

    /// The firing notices an engine sends at `now` after seeing `events`.
    static func firing(_ rule: AlertRule, _ events: [AlertEvent], now: Int64) -> [AlertNotice] {
        var engine = engine([rule], events)
        return engine.evaluate(now: now).filter { $0.state == .firing }
    }

    /// The state of each notice sent at each evaluation time, `-` for none:
    /// `["-", "firing", "-", "resolved"]`.
    static func timeline(_ engine: inout AlertEngine, at times: [Int64]) -> [String] {
        times.map { now in
            let notices = engine.evaluate(now: now)
            if notices.isEmpty { return "-" }
            return notices.map { $0.isRepeat ? "repeat" : $0.state.rawValue }
                .joined(separator: ",")
        }
    }
}
