extension AlertRule {
    /// The rules used when the configuration has no `alerts` key: each is something a
    /// postmaster acts on the same day.
    ///
    /// The cause rules look at outbound mail only. The same causes on inbound rejects are this
    /// server's own checks refusing strangers (a client on Spamhaus, a forged sender failing
    /// SPF), which happens all day and needs nobody.
    ///
    /// `reputation` and `deferral-storm` group by provider where one is known: a provider that
    /// throttles or refuses this server does so for every domain it hosts, and that is one
    /// incident, one mail naming the provider and the domains.
    public static let defaults: [AlertRule] = [
        AlertRule(
            name: "blacklisted",
            match: EventMatch(cause: [.blacklisted], direction: [.outbound]), threshold: 1,
            windowSeconds: 15 * 60, groupBy: [.blocklist]),
        AlertRule(
            name: "reputation",
            match: EventMatch(cause: [.reputation], direction: [.outbound]), threshold: 5,
            windowSeconds: 30 * 60, groupBy: [.providerOrDestination]),
        AlertRule(
            name: "sasl-brute-force",
            match: EventMatch(kind: [.authFailure], direction: [.inbound]), threshold: 30,
            windowSeconds: 10 * 60),
        AlertRule(
            name: "relay-login-failed",
            match: EventMatch(kind: [.authFailure], direction: [.outbound]), threshold: 1,
            windowSeconds: 15 * 60),
        AlertRule(
            name: "sender-authentication",
            match: EventMatch(cause: [.senderAuthentication], direction: [.outbound]),
            threshold: 5,
            windowSeconds: 30 * 60, groupBy: [.destination]),
        AlertRule(
            name: "tls", match: EventMatch(cause: [.tls], direction: [.outbound]), threshold: 5,
            windowSeconds: 30 * 60, groupBy: [.destination]),
        AlertRule(
            name: "expired", match: EventMatch(status: [.expired]), threshold: 1,
            windowSeconds: 60 * 60),
        AlertRule(
            name: "deferral-storm", match: EventMatch(status: [.deferred]),
            ratioOf: EventMatch(status: [.sent, .deferred, .bounced]), threshold: 0.3,
            minEvents: 50, windowSeconds: 30 * 60, groupBy: [.providerOrDestination]),
    ]
}
