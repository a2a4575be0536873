extension Rule {
    /// The MTAs' own wording, the last resort when the remote said nothing (CAUSES.md step 4).
    /// Postfix lines usually carry a `dsn=` that decides first; Exim's `defer (errno)` lines and
    /// Postfix lines with `dsn=4.0.0` reach these.
    static let wordingRules: [Rule] = [
        Rule(
            "mta.connection-refused", .network, tier: .mtaWording,
            summary: "The connection was refused.",
            any: ["connection refused"],
            sample: SampleLine.eximOwn(
                "someone@down.example", deferred: true, text: " defer (111): Connection refused")),
        Rule(
            "mta.timeout", .network, tier: .mtaWording,
            summary: "The connection or a command timed out.",
            any: ["connection timed out", "timed out while", "smtp timeout", "timed out"],
            sample: SampleLine.eximOwn(
                "someone@slow.example", deferred: true,
                text: " defer (110): Connection timed out")),
        Rule(
            "mta.lost-connection", .network, tier: .mtaWording,
            summary: "The remote dropped the connection.",
            any: [
                "lost connection", "connection reset", "remote host closed connection",
                "connection closed", "broken pipe", "unexpected eof",
            ],
            sample: SampleLine.eximOwn(
                "someone@flaky.example", deferred: true,
                text: " defer (-18) H=mx.flaky.example [192.0.2.44]: Remote host closed "
                    + "connection in response to initial connection")),
        Rule(
            "mta.unreachable", .network, tier: .mtaWording,
            summary: "No route to the remote host.",
            any: ["no route to host", "network is unreachable", "host is unreachable"],
            sample: SampleLine.eximOwn(
                "someone@far.example", deferred: true, text: " defer (113): No route to host")),
        Rule(
            "mta.hosts-failing", .network, tier: .mtaWording,
            summary: "Exim: all hosts of the domain have been failing for a long time.",
            any: ["have been failing for a long time", "all hosts for"],
            sample: SampleLine.eximOwn(
                "someone@down.example", deferred: false,
                text: ": all hosts for 'down.example' have been failing for a long time "
                    + "(and retry time not reached)")),
        Rule(
            "mta.exim-local-permission", .localDelivery, tier: .mtaWording,
            summary: "Exim: a local transport could not write the mailbox (errno 13, "
                + "Permission denied).",
            any: ["permission denied"],
            mta: .exim,
            sample: SampleLine.eximOwn(
                "carol@example.org", deferred: true,
                text: " defer (13): Permission denied",
                router: " R=local_user T=local_delivery")),
        Rule(
            "mta.dns", .domainNotFound, tier: .mtaWording,
            summary: "The recipient domain's MX/A lookup failed.",
            any: [
                "host or domain name not found", "name service error", "host not found",
                "no data record of requested type",
            ],
            sample: SampleLine.postfixOwn(
                "someone@typo-domain.example", dsn: "4.0.0",
                text: "Host or domain name not found. Name service error for "
                    + "name=typo-domain.example type=MX: Host not found, try again")),
    ]
}
