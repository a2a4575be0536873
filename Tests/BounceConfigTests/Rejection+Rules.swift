/// Snippets of alert rules, notifiers and classification rules that must be refused.
extension Rejection {
    static let rules: [Rejection] = [
        // Alert rules.
        Rejection(
            line: 2, key: "alerts[0].name",
            message: "\"Big Trouble\" may hold only a-z, 0-9, _ and -",
            yaml: """
                alerts:
                  - name: Big Trouble
                    match: {cause: tls}
                    threshold: 1
                    window: 5m
                """),
        Rejection(
            line: 3, key: "alerts[0].match.cause",
            message: "\"blacklist\" is not a known cause; did you mean \"blacklisted\"?",
            yaml: """
                alerts:
                  - name: x
                    match: {cause: blacklist}
                    threshold: 1
                    window: 5m
                """),
        Rejection(
            line: 3, key: "alerts[0].match.status[0]",
            message: "\"gone\" is not a known status (valid: sent, deferred, bounced, expired, "
                + "rejected)",
            yaml: """
                alerts:
                  - name: x
                    match: {status: [gone]}
                    threshold: 1
                    window: 5m
                """),
        Rejection(
            line: 3, key: "alerts[0].match.kind",
            message: "\"login\" is not a known event kind (valid: delivery, reject, auth_failure)",
            yaml: """
                alerts:
                  - name: x
                    match: {kind: login}
                    threshold: 1
                    window: 5m
                """),
        Rejection(
            line: 3, key: "alerts[0].match.direction",
            message: "\"out\" is not a known direction (valid: inbound, outbound)",
            yaml: """
                alerts:
                  - name: x
                    match: {direction: out}
                    threshold: 1
                    window: 5m
                """),
        Rejection(
            line: 3, key: "alerts[0].match.destination",
            message: "\"gmail .com\" is not a domain (example.com or *.example.com)",
            yaml: """
                alerts:
                  - name: x
                    match: {destination: 'gmail .com'}
                    threshold: 1
                    window: 5m
                """),
        Rejection(
            line: 3, key: "alerts[0].match.sender",
            message: "unknown key (expected one of: mta, kind, status, cause, destination, "
                + "blocklist, direction, provider, host, sender_domain, sasl_username)",
            yaml: """
                alerts:
                  - name: x
                    match: {sender: a}
                    threshold: 1
                    window: 5m
                """),
        Rejection(
            line: 2, key: "alerts[0]", message: "an alert rule needs threshold",
            yaml: """
                alerts:
                  - name: x
                    match: {cause: tls}
                    window: 5m
                """),
        Rejection(
            line: 4, key: "alerts[0].threshold",
            message: "a count threshold must be a whole number of events, at least 1",
            yaml: """
                alerts:
                  - name: x
                    match: {cause: tls}
                    threshold: 0.5
                    window: 5m
                """),
        Rejection(
            line: 5, key: "alerts[0].threshold",
            message: "a ratio threshold must be above 0 and at most 1, found 30",
            yaml: """
                alerts:
                  - name: x
                    match: {status: deferred}
                    ratio_of: {status: [sent, deferred]}
                    threshold: 30
                    window: 5m
                """),
        Rejection(
            line: 5, key: "alerts[0].min_events",
            message: "applies only to ratio rules (with ratio_of)",
            yaml: """
                alerts:
                  - name: x
                    match: {cause: tls}
                    threshold: 1
                    min_events: 5
                    window: 5m
                """),
        Rejection(
            line: 5, key: "alerts[0].window", message: "\"2d\" is out of range (1s to 1d)",
            yaml: """
                alerts:
                  - name: x
                    match: {cause: tls}
                    threshold: 1
                    window: 2d
                """),
        Rejection(
            line: 6, key: "alerts[0].group_by[0]",
            message: "\"domain\" is not a known group_by dimension (valid: mta, kind, status, "
                + "cause, destination, blocklist, provider, host, provider_or_destination, "
                + "sender_domain, sasl_username)",
            yaml: """
                alerts:
                  - name: x
                    match: {cause: tls}
                    threshold: 1
                    window: 5m
                    group_by: [domain]
                """),
        Rejection(
            line: 3, key: "alerts[1]", message: "the name \"x\" is already used by alerts[0]",
            yaml: """
                alerts:
                  - {name: x, match: {}, threshold: 1, window: 5m}
                  - {name: x, match: {}, threshold: 2, window: 5m}
                """),
        Rejection(
            line: 2, key: "alerts[0].repeat_interval",
            message: "\"10s\" is too short (0 for no reminders, else 1m to 7d)",
            yaml: """
                alerts:
                  - {name: x, match: {}, threshold: 1, window: 5m, repeat_interval: 10s}
                """),
        // Notifiers.
        Rejection(
            line: 2, key: "notifiers[0].type",
            message: "\"pager\" is not a known notifier type (valid: sendmail, smtp, "
                + "alertmanager, file)",
            yaml: """
                notifiers:
                  - type: pager
                """),
        Rejection(
            line: 3, key: "notifiers[0].to[0]",
            message: "\"postmaster\" is not a mail address (one @ with a name on each side)",
            yaml: """
                notifiers:
                  - type: sendmail
                    to: [postmaster]
                """),
        Rejection(
            line: 3, key: "notifiers[0].to",
            message: "\"a@b\\r\\nBcc: c@d\" contains a control character",
            yaml: #"""
                notifiers:
                  - type: sendmail
                    to: "a@b\r\nBcc: c@d"
                """#),
        Rejection(
            line: 3, key: "notifiers[0].to",
            message: "\"ops team@example.net\" is not a mail address (it contains a space)",
            yaml: """
                notifiers:
                  - type: sendmail
                    to: ops team@example.net
                """),
        Rejection(
            line: 3, key: "notifiers[0].to",
            message: "\"a@b@c\" is not a mail address (one @ with a name on each side)",
            yaml: """
                notifiers:
                  - type: sendmail
                    to: a@b@c
                """),
        Rejection(
            line: 3, key: "notifiers[0].arguments", message: "expected a list, found \"-t -oi\"",
            yaml: """
                notifiers:
                  - type: sendmail
                    arguments: -t -oi
                """),
        Rejection(
            line: 3, key: "notifiers[1]",
            message: "the name \"sendmail\" is already used by notifiers[0]; give each sendmail "
                + "notifier a name of its own",
            yaml: """
                notifiers:
                  - type: sendmail
                  - type: sendmail
                    to: a@b
                """),
        Rejection(
            line: 2, key: "notifiers[0]", message: "an smtp notifier needs from",
            yaml: """
                notifiers:
                  - type: smtp
                    server: relay:587
                    to: a@b
                """),
        Rejection(
            line: 3, key: "notifiers[0].server",
            message: "\"smtp\" is not a port number (1 to 65535)",
            yaml: """
                notifiers:
                  - type: smtp
                    server: relay:smtp
                    from: a@b
                    to: c@d
                """),
        Rejection(
            line: 4, key: "notifiers[0].tls",
            message: "\"ssl\" is not a known TLS mode (valid: none, starttls, implicit)",
            yaml: """
                notifiers:
                  - type: smtp
                    server: relay:587
                    tls: ssl
                    from: a@b
                    to: c@d
                """),
        Rejection(
            line: 2, key: "notifiers[0]",
            message: "username needs password_file (a file holding the password)",
            yaml: """
                notifiers:
                  - type: smtp
                    server: relay
                    from: a@b
                    to: c@d
                    username: bw
                """),
        Rejection(
            line: 6, key: "notifiers[0].password_file", message: "password_file needs a username",
            yaml: """
                notifiers:
                  - type: smtp
                    server: relay
                    from: a@b
                    to: c@d
                    password_file: /etc/pw
                """),
        Rejection(
            line: 3, key: "notifiers[0].url",
            message: "\"127.0.0.1:9093\" is not an http:// or https:// URL",
            yaml: """
                notifiers:
                  - type: alertmanager
                    url: 127.0.0.1:9093
                """),
        Rejection(
            line: 2, key: "notifiers[0]",
            message: "a file notifier needs path (the mbox file alerts are appended to)",
            yaml: """
                notifiers:
                  - type: file
                """),
        // Classification rules.
        Rejection(
            line: 2, key: "rules[0]", message: "a rule needs an id (like user.my-provider-block)",
            yaml: """
                rules:
                  - cause: spam
                    phrases: [x]
                """),
        Rejection(
            line: 3, key: "rules[0].cause",
            message: "\"spammy\" is not a known cause; did you mean \"spam\"?",
            yaml: """
                rules:
                  - id: user.x
                    cause: spammy
                    phrases: [x]
                """),
        Rejection(
            line: 4, key: "rules[0].codes[0]",
            message: "\"5.7\" is not a status code (like 5.7.1, 5.7.x or 550)",
            yaml: """
                rules:
                  - id: user.x
                    cause: spam
                    codes: [5.7, 550]
                """),
        Rejection(
            line: 4, key: "rules[0].codes",
            message: "\"650\" is not a status code (like 5.7.1, 5.7.x or 550)",
            yaml: """
                rules:
                  - id: user.x
                    cause: spam
                    codes: 650
                """),
        Rejection(
            line: 2, key: "rules[0]",
            message: "a rule needs a cause (only disabled: true with replaces can do without)",
            yaml: """
                rules:
                  - id: user.x
                    phrases: [x]
                """),
        Rejection(
            line: 2, key: "rules[0]", message: "a rule needs phrases or codes to match",
            yaml: """
                rules:
                  - id: user.x
                    cause: spam
                """),
        Rejection(
            line: 2, key: "rules[0].id", message: "\"User X\" may hold only a-z, 0-9, ., _ and -",
            yaml: """
                rules:
                  - id: User X
                    cause: spam
                    phrases: [x]
                """),
        Rejection(
            line: 5, key: "rules[0].temporary",
            message: "expected true or false, found \"sometimes\"",
            yaml: """
                rules:
                  - id: user.x
                    cause: spam
                    phrases: [x]
                    temporary: sometimes
                """),
        // Rules that do not fit over the built-in ones: the classifier's verdict.
        Rejection(
            line: 2, key: "rules[0]",
            message: "replaces no.such.rule, which is not a built-in rule id",
            yaml: """
                rules:
                  - id: user.a
                    replaces: no.such.rule
                    disabled: true
                """),
        Rejection(
            line: 3, key: "rules[1]", message: "the id user.a is used by another user rule",
            yaml: """
                rules:
                  - {id: user.a, cause: spam, phrases: [x]}
                  - {id: user.a, cause: tls, phrases: [y]}
                """),
        Rejection(
            line: 2, key: "rules[0]",
            message: "the sample is decided by recipient.phrase, not by this rule",
            yaml: """
                rules:
                  - id: user.acme
                    cause: mailbox_full
                    phrases: [quota exceeded for]
                    sample: 550 5.1.1 user unknown
                """),
    ]
}
