/// Snippets of the general settings, the sources and the YAML syntax that must be refused.
extension Rejection {
    static let settings: [Rejection] = [
        // Unknown keys, with a suggestion when one is close.
        Rejection(
            line: 2, key: "metrics.intervall", message: "unknown key; did you mean \"interval\"?",
            yaml: """
                metrics:
                  intervall: 15s
                """),
        Rejection(
            line: 1, key: "sauces", message: "unknown key; did you mean \"sources\"?",
            yaml: """
                sauces: []
                """),
        Rejection(
            line: 1, key: "colour",
            message: "unknown key (expected one of: sources, state_directory, hostname, metrics, "
                + "default_alerts, alerts, notifiers, rules, providers, reputation, queue, digest, "
                + "compromised_account)",
            yaml: """
                colour: blue
                """),
        Rejection(
            line: 1, key: "base",
            message: "unknown key (expected one of: sources, state_directory, hostname, metrics, "
                + "default_alerts, alerts, notifiers, rules, providers, reputation, queue, digest, "
                + "compromised_account)",
            yaml: """
                base: &b {interval: 15s}
                metrics:
                  <<: *b
                """),
        // Durations.
        Rejection(
            line: 3, key: "metrics.interval",
            message: "\"15x\" is not a duration (use 30s, 15m, 4h or 1d)",
            yaml: """
                # comment
                metrics:
                  interval: 15x
                """),
        Rejection(
            line: 2, key: "metrics.interval", message: "\"0s\" is out of range (1s to 1h)",
            yaml: """
                metrics:
                  interval: 0s
                """),
        Rejection(
            line: 2, key: "metrics.interval",
            message: "\"1h30\" is not a duration (use 30s, 15m, 4h or 1d)",
            yaml: """
                metrics:
                  interval: 1h30
                """),
        Rejection(
            line: 2, key: "metrics.interval",
            message: "\"30m1h\" is not a duration (use 30s, 15m, 4h or 1d)",
            yaml: """
                metrics:
                  interval: 30m1h
                """),
        Rejection(
            line: 2, key: "metrics.interval",
            message: "expected a duration (use 30s, 15m, 4h or 1d), found a list",
            yaml: """
                metrics:
                  interval: [15s]
                """),
        // Wrong types.
        Rejection(
            line: 1, key: "metrics", message: "expected a mapping of keys to values, found \"15s\"",
            yaml: """
                metrics: 15s
                """),
        Rejection(
            line: 1, key: "", message: "expected a mapping of keys to values, found a list",
            yaml: """
                - a
                - b
                """),
        Rejection(
            line: 2, key: "metrics.top_destinations",
            message: "expected a whole number, found \"many\"",
            yaml: """
                metrics:
                  top_destinations: many
                """),
        Rejection(
            line: 2, key: "metrics.top_destinations", message: "501 is out of range (1 to 500)",
            yaml: """
                metrics:
                  top_destinations: 501
                """),
        Rejection(
            line: 2, key: "metrics.textfile",
            message: "\"relative.prom\" is not an absolute path (start it with /)",
            yaml: """
                metrics:
                  textfile: relative.prom
                """),
        Rejection(
            line: 2, key: "metrics.textfile",
            message: "\"/var/lib/node/bouncewatch.txt\" must end in .prom, or node_exporter "
                + "ignores it",
            yaml: """
                metrics:
                  textfile: /var/lib/node/bouncewatch.txt
                """),
        Rejection(
            line: 1, key: "state_directory",
            message: "\"var/lib\" is not an absolute path (start it with /)",
            yaml: """
                state_directory: var/lib
                """),
        Rejection(
            line: 1, key: "hostname", message: "\"mx1\\nBcc: x@y\" contains a control character",
            yaml: #"""
                hostname: "mx1\nBcc: x@y"
                """#),
        Rejection(
            line: 1, key: "alerts", message: "expected a list, found nothing (write [] for none)",
            yaml: """
                alerts:
                """),
        Rejection(
            line: 1, key: "default_alerts", message: "expected true or false, found \"maybe\"",
            yaml: """
                default_alerts: maybe
                """),
        // Sources.
        Rejection(
            line: 1, key: "sources",
            message: "needs at least one source (leave sources out to use /var/log/mail.log or "
                + "the journal, whichever this machine has)",
            yaml: """
                sources: []
                """),
        Rejection(
            line: 2, key: "sources[0]",
            message: "needs a type (one of: file, journal, docker, auto)",
            yaml: """
                sources:
                  - path: /var/log/mail.log
                """),
        Rejection(
            line: 2, key: "sources[0].type",
            message: "\"fiel\" is not a known source type; did you mean \"file\"?",
            yaml: """
                sources:
                  - type: fiel
                    path: /x
                """),
        Rejection(
            line: 2, key: "sources[0]", message: "a file source needs a path",
            yaml: """
                sources:
                  - type: file
                """),
        Rejection(
            line: 3, key: "sources[0].path",
            message: "\"mail.log\" is not an absolute path (start it with /)",
            yaml: """
                sources:
                  - type: file
                    path: mail.log
                """),
        Rejection(
            line: 4, key: "sources[0].format",
            message: "\"qmail\" is not a known log format (valid: auto, postfix, exim)",
            yaml: """
                sources:
                  - type: file
                    path: /var/log/mail.log
                    format: qmail
                """),
        Rejection(
            line: 4, key: "sources[0].max_files",
            message: "0 is out of range (1 to 65536)",
            yaml: """
                sources:
                  - type: file
                    path: /var/log/*.log
                    max_files: 0
                """),
        Rejection(
            line: 4, key: "sources[0].start_at",
            message: "\"start\" is not a known start position (valid: end, beginning)",
            yaml: """
                sources:
                  - type: file
                    path: /a
                    start_at: start
                """),
        Rejection(
            line: 4, key: "sources[0].directory",
            message:
                "unknown key (expected one of: type, path, format, start_at, name, max_files)",
            yaml: """
                sources:
                  - type: file
                    path: /a
                    directory: /b
                """),
        Rejection(
            line: 3, key: "sources[1]", message: "the name \"/a\" is already used by sources[0]",
            yaml: """
                sources:
                  - {type: file, path: /a}
                  - {type: file, path: /b, name: /a}
                """),
        Rejection(
            line: 3, key: "sources[1]", message: "\"/a\" is already read by sources[0]",
            yaml: """
                sources:
                  - {type: file, path: /a}
                  - {type: file, path: /a, name: b}
                """),
        Rejection(
            line: 3, key: "sources[1]",
            message: "the name \"journal\" is already used by sources[0]",
            yaml: """
                sources:
                  - {type: journal}
                  - {type: journal, files: [/j]}
                """),
        Rejection(
            line: 4, key: "sources[0].files", message: "give either directory or files, not both",
            yaml: """
                sources:
                  - type: journal
                    directory: /var/log/journal
                    files: [/a.journal]
                """),
        Rejection(
            line: 3, key: "sources[0].path",
            message: "an auto source needs one file, not a pattern",
            yaml: """
                sources:
                  - type: auto
                    path: /var/log/mail*.log
                """),
        // YAML itself: what the parser refuses before any key is looked at.
        Rejection(
            line: 4, key: "",
            message: "not valid YAML: did not find expected ',' or ']' (while parsing a flow "
                + "sequence on line 3)",
            yaml: """
                metrics:
                  interval: 15s
                  textfile: [unclosed
                """),
        Rejection(
            line: 2, key: "",
            message: "not valid YAML: found character that cannot start any token (while scanning "
                + "for the next token on line 2); YAML indents with spaces, never tabs",
            yaml: """
                metrics:
                \tinterval: 15s
                """),
        Rejection(
            line: 3, key: "",
            message: "only one YAML document is allowed; this --- starts a second one",
            yaml: """
                ---
                hostname: a
                ---
                hostname: b
                """),
        Rejection(
            line: 2, key: "",
            message: "not valid YAML: found unexpected end of stream (while scanning a quoted "
                + "scalar on line 1)",
            yaml: """
                hostname: "unterminated
                """),
        Rejection(
            line: 1, key: "", message: "not valid YAML: found undefined alias",
            yaml: """
                hostname: *nowhere
                """),
        Rejection(
            line: 1, key: "", message: "\"hostname\" given more than once in the same mapping",
            yaml: """
                hostname: a
                hostname: b
                """),
        Rejection(
            line: 2, key: "",
            message: "\"state_directory\", \"hostname\" given more than once in the same mapping",
            yaml: """
                hostname: a
                state_directory: /var/lib/a
                state_directory: /var/lib/b
                hostname: b
                """),
        Rejection(
            line: 3, key: "",
            message: "not valid YAML: did not find expected key (while parsing a block mapping on "
                + "line 1)",
            yaml: """
                metrics:
                  interval: 15s
                 textfile: /var/lib/bouncewatch.prom
                """),
        Rejection(
            line: 3, key: "",
            message: "not valid YAML: mapping values are not allowed in this context",
            yaml: """
                metrics:
                  interval: 15s
                    textfile: /var/lib/bouncewatch.prom
                """),
        Rejection(
            line: 3, key: "",
            message: "not valid YAML: found a tab character that violates indentation (while "
                + "scanning a plain scalar on line 2)",
            yaml: """
                sources:
                  - type: file
                \t  path: /var/log/mail.log
                """),
        // The line is counted in bytes through multi-byte characters.
        Rejection(
            line: 2, key: "", message: "not valid YAML: control characters are not allowed",
            yaml: """
                # café, Grüße, 日本
                hostname: a\u{01}b
                """),
    ]
}
