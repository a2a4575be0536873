extension Rule {
    /// The built-in rules, in decision order inside each tier (see docs/classification.md).
    public static let standard: [Rule] =
        eventRules + providerBlocklistRules + providerPackOverrideRules + filterPackOverrideRules
        + blocklistRules
        + chineseProviderRules + providerPackRules + asiaProviderPackRules
        + mailboxProviderPackRules + filterPackRules
        + providerCodeRules + providerRules
        + languageRules + phraseRules + codeRules + replyCodeRules
        + wordingRules

    /// The event itself decides, whatever the text says.
    static let eventRules: [Rule] = [
        Rule(
            "status.expired", .expired, tier: .event,
            summary: "The message stayed in the queue past its lifetime (qmgr status=expired, "
                + "Exim retry timeout exceeded).",
            statuses: [.expired],
            sample: "Nov 26 10:14:03 mx1 postfix/qmgr[812]: 1912951C8EE: "
                + "from=<alerts@example.org>, status=expired, returned to sender"),
        Rule(
            "event.auth-failure", .authFailure, tier: .event,
            summary: "An SMTP AUTH (SASL) failure, ours against a relay or a client's against us.",
            kinds: [.authFailure],
            sample: "Nov 26 10:14:03 mx1 postfix/smtpd[4300]: warning: unknown[203.0.113.45]: "
                + "SASL LOGIN authentication failed: authentication failure, "
                + "sasl_username=alice@example.org"),
    ]
}
