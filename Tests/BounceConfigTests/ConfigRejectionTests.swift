import BounceConfig
import BounceCore
import Testing

/// A snippet that must be refused, with the first problem it must report.
struct Rejection: CustomTestStringConvertible, Sendable {
    var yaml: String
    var line: Int?
    var key: String
    var message: String

    var testDescription: String { "\(key): \(message)" }
}

@Suite struct ConfigRejectionTests {
    static let cases: [Rejection] = [
        // Unknown keys, with a suggestion when one is close.
        Rejection(
            yaml: "metrics:\n  intervall: 15s\n", line: 2, key: "metrics.intervall",
            message: "unknown key; did you mean \"interval\"?"),
        Rejection(
            yaml: "sauces: []\n", line: 1, key: "sauces",
            message: "unknown key; did you mean \"sources\"?"),
        Rejection(
            yaml: "colour: blue\n", line: 1, key: "colour",
            message:
                "unknown key (expected one of: sources, state_directory, hostname, metrics, "
                + "default_alerts, alerts, notifiers, rules)"),
        Rejection(
            yaml: "base: &b {interval: 15s}\nmetrics:\n  <<: *b\n", line: 1, key: "base",
            message: "unknown key (expected one of: sources, state_directory, hostname, "
                + "metrics, default_alerts, alerts, notifiers, rules)"),
        // Durations.
        Rejection(
            yaml: "# comment\nmetrics:\n  interval: 15x\n", line: 3, key: "metrics.interval",
            message: "\"15x\" is not a duration (use 30s, 15m, 4h or 1d)"),
        Rejection(
            yaml: "metrics:\n  interval: 0s\n", line: 2, key: "metrics.interval",
            message: "\"0s\" is out of range (1s to 1h)"),
        Rejection(
            yaml: "metrics:\n  interval: 1h30\n", line: 2, key: "metrics.interval",
            message: "\"1h30\" is not a duration (use 30s, 15m, 4h or 1d)"),
        Rejection(
            yaml: "metrics:\n  interval: 30m1h\n", line: 2, key: "metrics.interval",
            message: "\"30m1h\" is not a duration (use 30s, 15m, 4h or 1d)"),
        Rejection(
            yaml: "metrics:\n  interval: [15s]\n", line: 2, key: "metrics.interval",
            message: "expected a duration (use 30s, 15m, 4h or 1d), found a list"),
        // Wrong types.
        Rejection(
            yaml: "metrics: 15s\n", line: 1, key: "metrics",
            message: "expected a mapping of keys to values, found \"15s\""),
        Rejection(
            yaml: "- a\n- b\n", line: 1, key: "",
            message: "expected a mapping of keys to values, found a list"),
        Rejection(
            yaml: "metrics:\n  top_destinations: many\n", line: 2,
            key: "metrics.top_destinations", message: "expected a whole number, found \"many\""),
        Rejection(
            yaml: "metrics:\n  top_destinations: 501\n", line: 2,
            key: "metrics.top_destinations", message: "501 is out of range (1 to 500)"),
        Rejection(
            yaml: "metrics:\n  textfile: relative.prom\n", line: 2, key: "metrics.textfile",
            message: "\"relative.prom\" is not an absolute path (start it with /)"),
        Rejection(
            yaml: "metrics:\n  textfile: /var/lib/node/bouncewatch.txt\n", line: 2,
            key: "metrics.textfile",
            message: "\"/var/lib/node/bouncewatch.txt\" must end in .prom, or node_exporter "
                + "ignores it"),
        Rejection(
            yaml: "state_directory: var/lib\n", line: 1, key: "state_directory",
            message: "\"var/lib\" is not an absolute path (start it with /)"),
        Rejection(
            yaml: "hostname: \"mx1\\nBcc: x@y\"\n", line: 1, key: "hostname",
            message: "\"mx1\\nBcc: x@y\" contains a control character"),
        Rejection(
            yaml: "alerts:\n", line: 1, key: "alerts",
            message: "expected a list, found nothing (write [] for none)"),
        Rejection(
            yaml: "default_alerts: maybe\n", line: 1, key: "default_alerts",
            message: "expected true or false, found \"maybe\""),
        // Sources.
        Rejection(
            yaml: "sources: []\n", line: 1, key: "sources",
            message: "needs at least one source (leave sources out to use /var/log/mail.log "
                + "or the journal, whichever this machine has)"),
        Rejection(
            yaml: "sources:\n  - path: /var/log/mail.log\n", line: 2, key: "sources[0]",
            message: "needs a type (one of: file, journal, auto)"),
        Rejection(
            yaml: "sources:\n  - type: fiel\n    path: /x\n", line: 2, key: "sources[0].type",
            message: "\"fiel\" is not a known source type; did you mean \"file\"?"),
        Rejection(
            yaml: "sources:\n  - type: file\n", line: 2, key: "sources[0]",
            message: "a file source needs a path"),
        Rejection(
            yaml: "sources:\n  - type: file\n    path: mail.log\n", line: 3,
            key: "sources[0].path",
            message: "\"mail.log\" is not an absolute path (start it with /)"),
        Rejection(
            yaml: "sources:\n  - type: file\n    path: /var/log/mail.log\n    format: qmail\n",
            line: 4, key: "sources[0].format",
            message: "\"qmail\" is not a known log format (valid: auto, postfix, exim)"),
        Rejection(
            yaml: "sources:\n  - type: file\n    path: /a\n    start_at: start\n", line: 4,
            key: "sources[0].start_at",
            message: "\"start\" is not a known start position (valid: end, beginning)"),
        Rejection(
            yaml: "sources:\n  - type: file\n    path: /a\n    directory: /b\n", line: 4,
            key: "sources[0].directory",
            message: "unknown key (expected one of: type, path, format, start_at, name)"),
        Rejection(
            yaml: "sources:\n  - {type: file, path: /a}\n  - {type: file, path: /b, name: /a}\n",
            line: 3, key: "sources[1]",
            message: "the name \"/a\" is already used by sources[0]"),
        Rejection(
            yaml: "sources:\n  - {type: file, path: /a}\n  - {type: file, path: /a, name: b}\n",
            line: 3, key: "sources[1]", message: "\"/a\" is already read by sources[0]"),
        Rejection(
            yaml: "sources:\n  - {type: journal}\n  - {type: journal, files: [/j]}\n", line: 3,
            key: "sources[1]", message: "the name \"journal\" is already used by sources[0]"),
        Rejection(
            yaml: "sources:\n  - type: journal\n    directory: /var/log/journal\n"
                + "    files: [/a.journal]\n",
            line: 4, key: "sources[0].files", message: "give either directory or files, not both"),
        Rejection(
            yaml: "sources:\n  - type: auto\n    path: /var/log/mail*.log\n", line: 3,
            key: "sources[0].path", message: "an auto source needs one file, not a pattern"),
        // Alert rules.
        Rejection(
            yaml: "alerts:\n  - name: Big Trouble\n    match: {cause: tls}\n    threshold: 1\n"
                + "    window: 5m\n",
            line: 2, key: "alerts[0].name",
            message: "\"Big Trouble\" may hold only a-z, 0-9, _ and -"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {cause: blacklist}\n    threshold: 1\n"
                + "    window: 5m\n",
            line: 3, key: "alerts[0].match.cause",
            message: "\"blacklist\" is not a known cause; did you mean \"blacklisted\"?"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {status: [gone]}\n    threshold: 1\n"
                + "    window: 5m\n",
            line: 3, key: "alerts[0].match.status[0]",
            message: "\"gone\" is not a known status (valid: sent, deferred, bounced, expired, "
                + "rejected)"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {kind: login}\n    threshold: 1\n"
                + "    window: 5m\n",
            line: 3, key: "alerts[0].match.kind",
            message: "\"login\" is not a known event kind (valid: delivery, reject, "
                + "auth_failure)"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {direction: out}\n    threshold: 1\n"
                + "    window: 5m\n",
            line: 3, key: "alerts[0].match.direction",
            message: "\"out\" is not a known direction (valid: inbound, outbound)"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {destination: 'gmail .com'}\n"
                + "    threshold: 1\n    window: 5m\n",
            line: 3, key: "alerts[0].match.destination",
            message: "\"gmail .com\" is not a domain (example.com or *.example.com)"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {sender: a}\n    threshold: 1\n"
                + "    window: 5m\n",
            line: 3, key: "alerts[0].match.sender",
            message: "unknown key (expected one of: mta, kind, status, cause, destination, "
                + "blocklist, direction)"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {cause: tls}\n    window: 5m\n", line: 2,
            key: "alerts[0]", message: "an alert rule needs threshold"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {cause: tls}\n    threshold: 0.5\n"
                + "    window: 5m\n",
            line: 4, key: "alerts[0].threshold",
            message: "a count threshold must be a whole number of events, at least 1"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {status: deferred}\n"
                + "    ratio_of: {status: [sent, deferred]}\n    threshold: 30\n"
                + "    window: 5m\n",
            line: 5, key: "alerts[0].threshold",
            message: "a ratio threshold must be above 0 and at most 1, found 30"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {cause: tls}\n    threshold: 1\n"
                + "    min_events: 5\n    window: 5m\n",
            line: 5, key: "alerts[0].min_events",
            message: "applies only to ratio rules (with ratio_of)"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {cause: tls}\n    threshold: 1\n"
                + "    window: 2d\n",
            line: 5, key: "alerts[0].window", message: "\"2d\" is out of range (1s to 1d)"),
        Rejection(
            yaml: "alerts:\n  - name: x\n    match: {cause: tls}\n    threshold: 1\n"
                + "    window: 5m\n    group_by: [domain]\n",
            line: 6, key: "alerts[0].group_by[0]",
            message: "\"domain\" is not a known group_by dimension (valid: mta, kind, status, "
                + "cause, destination, blocklist)"),
        Rejection(
            yaml: "alerts:\n  - {name: x, match: {}, threshold: 1, window: 5m}\n"
                + "  - {name: x, match: {}, threshold: 2, window: 5m}\n",
            line: 3, key: "alerts[1]", message: "the name \"x\" is already used by alerts[0]"),
        Rejection(
            yaml: "alerts:\n  - {name: x, match: {}, threshold: 1, window: 5m, "
                + "repeat_interval: 10s}\n",
            line: 2, key: "alerts[0].repeat_interval",
            message: "\"10s\" is too short (0 for no reminders, else 1m to 7d)"),
        // Notifiers.
        Rejection(
            yaml: "notifiers:\n  - type: pager\n", line: 2, key: "notifiers[0].type",
            message: "\"pager\" is not a known notifier type (valid: sendmail, smtp, "
                + "alertmanager, file)"),
        Rejection(
            yaml: "notifiers:\n  - type: sendmail\n    to: [postmaster]\n", line: 3,
            key: "notifiers[0].to[0]",
            message: "\"postmaster\" is not a mail address (one @ with a name on each side)"),
        Rejection(
            yaml: "notifiers:\n  - type: sendmail\n    to: \"a@b\\r\\nBcc: c@d\"\n", line: 3,
            key: "notifiers[0].to", message: "\"a@b\\r\\nBcc: c@d\" contains a control character"),
        Rejection(
            yaml: "notifiers:\n  - type: sendmail\n    to: ops team@example.net\n", line: 3,
            key: "notifiers[0].to",
            message: "\"ops team@example.net\" is not a mail address (it contains a space)"),
        Rejection(
            yaml: "notifiers:\n  - type: sendmail\n    to: a@b@c\n", line: 3,
            key: "notifiers[0].to",
            message: "\"a@b@c\" is not a mail address (one @ with a name on each side)"),
        Rejection(
            yaml: "notifiers:\n  - type: sendmail\n    arguments: -t -oi\n", line: 3,
            key: "notifiers[0].arguments", message: "expected a list, found \"-t -oi\""),
        Rejection(
            yaml: "notifiers:\n  - type: sendmail\n  - type: sendmail\n    to: a@b\n", line: 3,
            key: "notifiers[1]",
            message: "the name \"sendmail\" is already used by notifiers[0]; give each "
                + "sendmail notifier a name of its own"),
        Rejection(
            yaml: "notifiers:\n  - type: smtp\n    server: relay:587\n    to: a@b\n", line: 2,
            key: "notifiers[0]", message: "an smtp notifier needs from"),
        Rejection(
            yaml: "notifiers:\n  - type: smtp\n    server: relay:smtp\n    from: a@b\n"
                + "    to: c@d\n",
            line: 3, key: "notifiers[0].server",
            message: "\"smtp\" is not a port number (1 to 65535)"),
        Rejection(
            yaml: "notifiers:\n  - type: smtp\n    server: relay:587\n    tls: ssl\n"
                + "    from: a@b\n    to: c@d\n",
            line: 4, key: "notifiers[0].tls",
            message: "\"ssl\" is not a known TLS mode (valid: none, starttls, implicit)"),
        Rejection(
            yaml: "notifiers:\n  - type: smtp\n    server: relay\n    from: a@b\n    to: c@d\n"
                + "    username: bw\n",
            line: 2, key: "notifiers[0]",
            message: "username needs password_file (a file holding the password)"),
        Rejection(
            yaml: "notifiers:\n  - type: smtp\n    server: relay\n    from: a@b\n    to: c@d\n"
                + "    password_file: /etc/pw\n",
            line: 6, key: "notifiers[0].password_file", message: "password_file needs a username"),
        Rejection(
            yaml: "notifiers:\n  - type: alertmanager\n    url: 127.0.0.1:9093\n", line: 3,
            key: "notifiers[0].url", message: "\"127.0.0.1:9093\" is not an http:// or https:// URL"
        ),
        Rejection(
            yaml: "notifiers:\n  - type: file\n", line: 2, key: "notifiers[0]",
            message: "a file notifier needs path (the mbox file alerts are appended to)"),
        // Classification rules.
        Rejection(
            yaml: "rules:\n  - cause: spam\n    phrases: [x]\n", line: 2, key: "rules[0]",
            message: "a rule needs an id (like user.my-provider-block)"),
        Rejection(
            yaml: "rules:\n  - id: user.x\n    cause: spammy\n    phrases: [x]\n", line: 3,
            key: "rules[0].cause",
            message: "\"spammy\" is not a known cause; did you mean \"spam\"?"),
        Rejection(
            yaml: "rules:\n  - id: user.x\n    cause: spam\n    codes: [5.7, 550]\n", line: 4,
            key: "rules[0].codes[0]",
            message: "\"5.7\" is not a status code (like 5.7.1, 5.7.x or 550)"),
        Rejection(
            yaml: "rules:\n  - id: user.x\n    cause: spam\n    codes: 650\n", line: 4,
            key: "rules[0].codes",
            message: "\"650\" is not a status code (like 5.7.1, 5.7.x or 550)"),
        Rejection(
            yaml: "rules:\n  - id: user.x\n    phrases: [x]\n", line: 2, key: "rules[0]",
            message: "a rule needs a cause (only disabled: true with replaces can do without)"),
        Rejection(
            yaml: "rules:\n  - id: user.x\n    cause: spam\n", line: 2, key: "rules[0]",
            message: "a rule needs phrases or codes to match"),
        Rejection(
            yaml: "rules:\n  - id: User X\n    cause: spam\n    phrases: [x]\n", line: 2,
            key: "rules[0].id", message: "\"User X\" may hold only a-z, 0-9, ., _ and -"),
        Rejection(
            yaml: "rules:\n  - id: user.x\n    cause: spam\n    phrases: [x]\n"
                + "    temporary: sometimes\n",
            line: 5, key: "rules[0].temporary",
            message: "expected true or false, found \"sometimes\""),
        // Rules that do not fit over the built-in ones: the classifier's verdict.
        Rejection(
            yaml: "rules:\n  - id: user.a\n    replaces: no.such.rule\n    disabled: true\n",
            line: 2, key: "rules[0]",
            message: "replaces no.such.rule, which is not a built-in rule id"),
        Rejection(
            yaml: "rules:\n  - {id: user.a, cause: spam, phrases: [x]}\n"
                + "  - {id: user.a, cause: tls, phrases: [y]}\n",
            line: 3, key: "rules[1]", message: "the id user.a is used by another user rule"),
        Rejection(
            yaml: "rules:\n  - id: user.acme\n    cause: mailbox_full\n"
                + "    phrases: [quota exceeded for]\n"
                + "    sample: 550 5.1.1 user unknown\n",
            line: 2, key: "rules[0]",
            message: "the sample is decided by recipient.phrase, not by this rule"),
        // YAML itself.
        Rejection(
            yaml: "metrics:\n  interval: 15s\n  textfile: [unclosed\n", line: 4, key: "",
            message:
                "not valid YAML: did not find expected ',' or ']' (while parsing a flow "
                + "sequence on line 3)"),
        Rejection(
            yaml: "metrics:\n\tinterval: 15s\n", line: 2, key: "",
            message:
                "not valid YAML: found character that cannot start any token (while scanning "
                + "for the next token on line 2); YAML indents with spaces, never tabs"),
        Rejection(
            yaml: "---\nhostname: a\n---\nhostname: b\n", line: 3, key: "",
            message: "only one YAML document is allowed; this --- starts a second one"),
        Rejection(
            yaml: "hostname: \"unterminated\n", line: 2, key: "",
            message: "not valid YAML: found unexpected end of stream (while scanning a quoted "
                + "scalar on line 1)"),
        Rejection(
            yaml: "hostname: *nowhere\n", line: 1, key: "",
            message: "not valid YAML: found undefined alias"),
        Rejection(
            yaml: "hostname: a\nhostname: b\n", line: 1, key: "",
            message: "\"hostname\" given more than once in the same mapping"),
    ]

    @Test(arguments: cases)
    func firstProblem(_ rejection: Rejection) {
        let found = problems(rejection.yaml)
        guard let first = found.first else {
            Issue.record("accepted: \(rejection.yaml)")
            return
        }
        #expect(first.file == "bouncewatch.yml")
        #expect(first.line == rejection.line)
        #expect(first.key == rejection.key)
        #expect(first.message == rejection.message)
    }

    @Test func everyProblemIsReportedInLineOrder() throws {
        let yaml = """
            metrics:
              interval: soon
              top_destinations: 0
            alerts:
              - name: x
                match: {cause: nope}
                threshold: 1
                window: 5m
            notifiers:
              - type: smtp
                server: relay:0
                from: me
                to: you@example.net
            """
        let found = problems(yaml)
        #expect(found.map(\.line) == [2, 3, 6, 11, 12])
        #expect(
            found.map(\.key) == [
                "metrics.interval", "metrics.top_destinations", "alerts[0].match.cause",
                "notifiers[0].server", "notifiers[0].from",
            ])
        let error = try #require(loadError(yaml))
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(
            lines.first == "bouncewatch.yml:2: metrics.interval: \"soon\" is not a duration "
                + "(use 30s, 15m, 4h or 1d)")
    }

    @Test func problemsAreCappedWithASummary() {
        let yaml = (0..<30).map { "bad\($0): 1\n" }.joined()
        let found = problems(yaml)
        #expect(found.count == 21)
        #expect(found.last?.message == "10 more problems not listed")
        #expect(found.last?.line == nil)
    }
}
