extension Rule {
    static let genericRelay = "mx.example.net[192.0.2.25]:25"
    static let genericHost = "mx.example.net [192.0.2.25]"

    /// The stages at which a reply can speak of the recipient. Before RCPT TO the remote has not
    /// seen it: "mailbox unavailable" or "invalid domain" in a reply to MAIL FROM is about our
    /// sender (a sender verification or sender domain check), which is `policy`.
    static let recipientStages: [SMTPStage] = [.unknown, .rcptTo, .data, .endOfData, .quit]

    /// Phrases that name the problem in any receiver's wording, in decision order: the more
    /// specific or more harmful cause first (greylisting before rate limits, sender
    /// authentication before policy, rate limits before mailbox quota).
    static let phraseRules: [Rule] = [
        Rule(
            "greylist.phrase", .greylisted,
            summary: "A greylisting server: try again later and it will pass.",
            any: [
                "greylist", "graylist", "grey-list", "gray-list", "grey list", "gray list",
                "postgrey", "greylisting in action",
                // greylistd's deferral text.
                "is not yet authorized to deliver mail from",
            ],
            sample: SampleLine.postfix(
                "team@startup.example", relay: genericRelay, dsn: "4.2.0", status: "deferred",
                said: "450 4.2.0 <team@startup.example>: Recipient address rejected: Greylisted, "
                    + "see http://postgrey.schweikert.ch/help/startup.example.html")),
        Rule(
            "auth.dmarc", .senderAuthentication,
            summary: "DMARC failed at the receiver (Gmail/Yahoo 5.7.26, Microsoft 5.7.509).",
            any: ["dmarc"],
            sample: SampleLine.postfix(
                "ceo@contoso.com", relay: exoRelay, dsn: "5.7.509",
                said: "550 5.7.509 Access denied, sending domain example.org does not pass DMARC "
                    + "verification and has a DMARC policy of reject. "
                    + "[AM4PEPF00025F95.eurprd05.prod.outlook.com 2026-11-26T10:14:03.812Z "
                    + "08DD0D2B6A3E1F44]",
                stage: "end of DATA")),
        Rule(
            "auth.spf-dkim", .senderAuthentication,
            summary: "SPF or DKIM failed, or the mail is unauthenticated.",
            any: [
                " spf", "spf ", "(spf)", "spf:", "spf-", "spf=", "dkim", "unauthenticated email",
                "this mail is unauthenticated", "does not pass authentication checks",
                "authentication didn't pass", "sender policy framework", "isn't aligned with",
                "openspf", "domainkeys", "required authentication level",
            ],
            sample: SampleLine.exim(
                "friend@gmail.com", host: gmailHost, after: "end of data",
                reply: "550-5.7.26 This mail has been blocked because the sender is "
                    + "unauthenticated.\\n550-5.7.26 Gmail requires all senders to authenticate "
                    + "with either SPF or DKIM.\\n550-5.7.26 \\n550-5.7.26  Authentication "
                    + "results:\\n550-5.7.26  DKIM = did not pass\\n550-5.7.26  SPF [example.org] "
                    + "with ip: [198.51.100.23] = did not pass\\n550 5.7.26 - gsmtp")),
        Rule(
            "rdns.phrase", .reverseDNS,
            summary: "Our IP has no PTR record or its reverse DNS does not confirm.",
            any: [
                "cannot find your hostname", "cannot find your reverse hostname",
                "reverse hostname", "reverse dns", "ptr record", "no ptr", "rdns",
                "reverse lookup", "fcrdns", "reverse-dns", "forward confirmed",
                "client host rejected: cannot find your", "forward-confirmed",
            ],
            sample: SampleLine.postfix(
                "sales@vendor.example", relay: "mail.vendor.example[192.0.2.70]:25", dsn: "4.7.1",
                status: "deferred",
                said: "450 4.7.1 Client host rejected: cannot find your reverse hostname, "
                    + "[198.51.100.23]")),
        Rule(
            "tls.phrase", .tls,
            summary: "TLS was required or failed: STARTTLS, certificates, DANE, MTA-STS.",
            any: [
                "starttls", "tls is required", "tls required", "requires tls",
                "tls session is required", "encryption required", "must use tls",
                "certificate verif", "certificate not verified", "untrusted certificate",
                "tls handshake", "tls session", "cannot start tls", "tls negotiation",
                "dane validation", "tlsa", "mta-sts", "server certificate not trusted",
                "ssl_connect",
                "tls support", "requiretls", "tls not available", "tls connection required",
                "no verified certificate",
            ],
            none: ["starttls ok", "ready to start tls"],
            sample: SampleLine.postfix(
                "billing@bank.example", relay: "mx.bank.example[192.0.2.90]:25", dsn: "5.7.0",
                said: "530 5.7.0 Must issue a STARTTLS command first", stage: "MAIL FROM")),
        Rule(
            "relay.phrase", .relayDenied,
            summary: "The remote refuses to relay for us.",
            any: [
                "relay access denied", "relaying denied", "unable to relay", "relay not permitted",
                "relaying not allowed", "not permitted to relay", "relay denied",
                "we do not relay", "open relay not allowed", "relaying disallowed",
                "relay not allowed", "relaying is not allowed", "not allowed to relay",
                "relaying prohibited", "no relaying", "cannot relay", "relay prohibited",
                "allowed rcpthosts", "invalid credentials for relay",
            ],
            sample: SampleLine.exim(
                "user@customer.example", host: "smarthost.isp.example [192.0.2.110]",
                reply: "550 5.7.1 <user@customer.example>: Relay access denied")),
        Rule(
            "auth.smtp-auth", .authFailure,
            summary: "SMTP AUTH failed or is required (our client against a smart host).",
            any: [
                "authentication failed", "authentication credentials invalid",
                "authentication required", "incorrect authentication data",
                "client was not authenticated", "client not authenticated",
                "authentication is required",
                "smtp auth", "smtpclientauthentication", "authentication unsuccessful",
                "username and password not accepted",
            ],
            sample: SampleLine.postfix(
                "client@customer.example", relay: "smtp.office365.com[52.97.183.2]:587",
                dsn: "5.7.57",
                said: "530 5.7.57 Client not authenticated to send mail. [DB8PR04CA0012."
                    + "eurprd04.prod.outlook.com 2026-11-26T10:14:03.204Z 08DD0D2B6A3E1F44]",
                stage: "MAIL FROM")),
        Rule(
            "rate.phrase", .rateLimited,
            summary: "Too many connections, messages or recipients: slow down.",
            any: [
                "too many connections", "too many concurrent", "too many simultaneous",
                "rate limit", "rate-limit", "ratelimit", "rate limited", "too many messages",
                "too many recipients", "too many mails", "throttl", "slow down",
                "sending limit", "sending quota", "exceeded the maximum number of",
                "connection limit", "too much mail", "too many sessions", "frequency limit",
                "too fast", "trop de connexions", "concurrent server connections", "rate overlimit",
                // Outlook.com's RP-001/RP-002/RP-003 hourly and daily limits.
                "limits for how many messages", "rp-001", "rp-002", "rp-003",
                // Volume and per-connection limits as other receivers word them.
                "too many emails", "too many e-mails", "too many mail", "messages per connection",
                "per connection", "receiving too much mail", "receiving mail too fast",
                "message rate", "sending rate", "rate exceeded", "exceeded the rate",
                "volume limit", "too frequent", "max connections", "connection rate",
                "recipient rate", "exceeded the limit of", "too much traffic",
            ],
            sample: SampleLine.exim(
                "ivan@mail.ru", host: "mxs.mail.ru [94.100.180.31]", deferred: true,
                reply: "421 4.7.0 Too many connections from your IP 198.51.100.23. Try again later")
        ),
        Rule(
            "reputation.phrase", .reputation,
            summary: "The receiver names our poor sending reputation or complaint volume, "
                + "without a block list.",
            any: [
                "poor reputation", "bad reputation", "senderbase reputation",
                "reputation score", "too many complaints", "sender reputation",
            ],
            sample: SampleLine.postfix(
                "buyer@distributor.example", relay: "esa2.distributor.iphmx.com[68.232.131.7]:25",
                dsn: "5.0.0",
                said: "554 Connection refused: poor sender reputation of "
                    + "198.51.100.23, see https://talosintelligence.com/reputation_center",
                stage: "MAIL FROM")),
        Rule(
            "spam.phrase", .spam,
            summary: "The remote filter judged the content spam or unsolicited.",
            any: [
                "spam", "unsolicited", " ube ", "(ube)", "bulk mail", "junk mail",
                "message score", "classified as junk", "scored too high", "spam score",
                "content filter rejected", "looks like spam", "detected as spam", " hits=", "gtube",
                "[ph01]", "dt:spm",
            ],
            none: ["notspam"],
            sample: SampleLine.postfix(
                "support@retailer.example", relay: "mx.retailer.example[192.0.2.120]:25",
                dsn: "5.7.1",
                said: "550 5.7.1 Message rejected as spam by Content Filtering.",
                stage: "end of DATA")),
        Rule(
            "content.phrase", .contentRejected,
            summary: "Content refused for a non-spam reason: virus, attachment type, malformed "
                + "message.",
            any: [
                "virus", "infected", "malware", "attachment", "banned file", "prohibited file",
                "executable", "malicious", "rfc 5322", "rfc5322", "rfc 2822", "rfc2822",
                "bare lf", "bare linefeed", "message content rejected", "content rejected",
                "invalid header", "malformed", "8-bit", "8bit data", "message is not rfc",
                "banned content", "phishing", "dangerous content", "blocked file type",
                "not rfc compliant", " banned: ", "lines too long",
                // Gmail's 5.7.1 for a message without a valid From: header.
                "missing a valid address in from", "rfcmessagenoncompliant",
            ],
            sample: SampleLine.exim(
                "hr@company.example", host: "mail.company.example [192.0.2.130]",
                after: "end of data",
                reply: "554 5.7.1 Message rejected: it contains a prohibited attachment type "
                    + "(.exe)")),
        Rule(
            "quota.phrase", .mailboxFull,
            summary: "The recipient's mailbox is over quota.",
            any: [
                "over quota", "overquota", "quota exceeded", "quotaexceeded", "exceeded quota",
                "exceeds quota", "mailbox full", "mailbox is full", "mailbox size limit",
                "out of storage", "exceeded storage allocation", "insufficient storage space",
                "user is over", "mailbox has exceeded", "full mailbox", "disk quota",
                "boite du destinataire pleine", "mailbox quota", "quota full",
                "storage quota", "mailbox limit exceeded", "not enough storage",
            ],
            none: ["system storage", "sending quota", "disk full on the server"],
            sample: SampleLine.postfix(
                "friend@gmail.com", relay: gmailRelay, dsn: "4.2.2", status: "deferred",
                said: "452-4.2.2 The recipient's inbox is out of storage space. Please direct "
                    + "the 452-4.2.2 recipient to 452 4.2.2  https://support.google.com/mail/"
                    + "?p=OverQuotaTemp d2e1a72fcca58-7245f0a1c3esi1234567b3a.88 - gsmtp")),
        Rule(
            "size.phrase", .messageTooLarge,
            summary: "The message exceeds a size limit.",
            any: [
                "message size exceeds", "message too large", "message too big",
                "message is too large", "message is too big", "exceeds size limit",
                "maximum message size", "message size limit", "size limit", "message file too big",
                "too large", "size exceeds", "exceeds the maximum size", "message length exceeds",
                "exceeds maximum allowed size", "size value too big",
                // Size limits worded without "size".
                "exceeded mailsize", "message exceeds", "message length", "too big for",
                "larger than the maximum", "larger than allowed", "exceeds the limit of",
                "bytes exceeds", "max message", "message is larger",
            ],
            sample: SampleLine.exim(
                "designer@agency.example", host: "mx.agency.example [192.0.2.140]",
                after: "MAIL FROM:<news@example.org> SIZE=41943040",
                reply: "552 5.3.4 Message size exceeds fixed maximum message size")),
        Rule(
            "disabled.phrase", .mailboxDisabled,
            summary: "The account exists but is disabled, suspended or inactive.",
            any: [
                "is disabled", "been disabled", "account disabled", "mailbox disabled",
                "is inactive", "account inactive", "mailbox inactive", "inactive account",
                "inactive user", "account suspended", "been suspended", "is suspended",
                "mailbox suspended", "account is locked", "account has been locked",
                "mailbox is frozen", "account expired", "account is blocked",
                "no longer active", "deactivated", "user suspended",
            ],
            sample: SampleLine.postfix(
                "dormant@yahoo.com", relay: yahooRelay, dsn: "5.0.0",
                said: "554 delivery error: dd Sorry your message to dormant@yahoo.com cannot be "
                    + "delivered. This mailbox is disabled (554.30). - "
                    + "mta4471.mail.bf1.yahoo.com",
                stage: "end of DATA")),
        Rule(
            "policy.sender", .policy,
            summary: "The remote refused our sender address, or checked the sender and failed.",
            any: [
                "sender address rejected", "sender verify failed",
                "sender verify fail", "sender rejected", "sender denied", "sender blocked",
                "sender address refused", "invalid sender", "sender is not allowed",
                "mail from rejected", "not allowed to send",
                "sender verification failed", "bad sender", "sender not allowed",
            ],
            sample: SampleLine.postfix(
                "orders@supplier.example", relay: "mail.supplier.example[192.0.2.150]:25",
                dsn: "4.1.8", status: "deferred",
                said: "450 4.1.8 <bounce@example.org>: Sender address rejected: Domain not found",
                stage: "RCPT TO")),
        Rule(
            "domain.phrase", .domainNotFound,
            summary: "The recipient domain does not exist or accepts no mail (null MX).",
            any: [
                "domain does not exist", "domain not found", "no such domain", "unrouteable",
                "unroutable", "null mx",
                "nullmx", "does not accept mail", "unknown domain",
                "domain is not valid", "no mx record", "mx records point to non-existent",
                "host lookup did not complete", "bad destination host", "no valid mx",
                "indicated no smtp service",
                "domain has no mx", "invalid domain",
                // Exchange Online's 5.4.310 "DNS domain ... does not exist".
                "infodomainnonexistent",
                // DNS failures as other MTAs word them.
                "dns query error", "mx lookup failed", "domain lookup failed",
                "unable to resolve", "could not resolve", "nxdomain", "no mx or a record",
                "dns lookup failed", "name or service not known", "dns query failed",
                "could not be resolved",
            ],
            stages: recipientStages,
            sample: SampleLine.eximOwn(
                "someone@no-such-domain.example", text: ": Unrouteable address", router: "")),
        Rule(
            "protocol.address-syntax", .protocolError,
            summary: "The recipient address is malformed (x.1.3): a syntax problem, not an "
                + "unknown mailbox.",
            any: ["invalid address", "address syntax", "syntax error", "syntax"],
            codes: ["x.1.3"],
            sample: SampleLine.exim(
                "first last@partner.example", host: "mx.partner.example [192.0.2.185]",
                after: "RCPT TO:<first last@partner.example>",
                reply: "501 5.1.3 Bad recipient address syntax")),
        Rule(
            "recipient.phrase", .recipientUnknown,
            summary: "The mailbox does not exist at the destination.",
            any: [
                "user unknown", "unknown user", "no such user", "does not exist",
                "doesn't exist", "mailbox unavailable", "mailbox not found", "no mailbox",
                "invalid recipient", "invalid mailbox", "recipient not found",
                "unknown recipient", "recipient unknown", "user not found", "no such person",
                "no such recipient", "no such mailbox", "address unknown", "addressee unknown",
                "not a valid mailbox", "bad destination mailbox", "unknown local part",
                "unknown local-part", "recipient address rejected: user", "unknown address",
                "invalid address", "no such account", "account does not exist",
                "mailbox does not exist", "address does not exist", "not a known user",
                "recipientnotfound", "unknown mailbox", "user doesn't exist", "no such address",
                "unknown or illegal alias", "recipient rejected", "undeliverable address",
                "adresse d au moins un destinataire invalide", "not found in directory",
                "not a valid recipient",
            ],
            // A local command's own words ("command does not exist") are not the recipient's.
            // Nor is a remote's complaint about our sender domain (5.1.8, decided by its code).
            none: ["child process of", "command died with status", "domain of sender address"],
            stages: recipientStages,
            sample: SampleLine.postfix(
                "nobody@gmail.com", relay: gmailRelay, dsn: "5.1.1",
                said: "550-5.1.1 The email account that you tried to reach does not exist. Please "
                    + "try 550-5.1.1 double-checking the recipient's email address for typos or "
                    + "550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  "
                    + "https://support.google.com/mail/?p=NoSuchUser "
                    + "d2e1a72fcca58-7245f0a1c3esi1234567b3a.5 - gsmtp")),
        Rule(
            "recipient.explicit", .recipientUnknown,
            summary: "The reply says outright that the recipient does not exist: explicit text "
                + "outweighs the SMTP stage, so this holds even in a reply to MAIL FROM (a "
                + "receiver that checks recipients early), where recipient.phrase does not.",
            any: [
                "user unknown", "unknown user", "no such user", "user not found",
                "recipient unknown", "unknown recipient", "recipient not found",
                "no such recipient", "no such mailbox", "mailbox not found", "unknown mailbox",
                "mailbox does not exist", "user does not exist", "user doesn't exist",
            ],
            // Words about our sender, or a local command's, are not about the recipient.
            none: [
                "sender", "mail from", "child process of", "command died with status",
                "domain of sender address",
            ],
            sample: SampleLine.exim(
                "nobody@club.example", host: "mail.club.example [192.0.2.187]",
                after: "MAIL FROM:<news@example.org> SIZE=3120",
                reply: "550 User unknown")),
        Rule(
            "postfix.internal", .unclassified,
            summary: "Postfix's own internal failure (a delivery agent crashed or a transport is "
                + "missing): no remote said anything, so no cause fits; the text is kept. The "
                + "dsn= Postfix writes for it (4.3.0) would otherwise blame the remote.",
            any: [
                "unknown mail transport error", "mail transport unavailable",
                "transport is unavailable",
            ],
            mta: .postfix,
            sample: SampleLine.postfixOwn(
                "someone@example.net", dsn: "4.3.0", text: "unknown mail transport error")),
        Rule(
            "local.phrase", .localDelivery,
            summary: "A local delivery agent failed (pipe command, maildir or mailbox write).",
            any: [
                "command died with status", "command died with signal", "cannot update mailbox",
                "cannot append message", "create maildir file", "delivery failed to mailbox",
                "maildir delivery failed", "child process of", "could mean service or program",
                "cannot open file", "error writing message",
                "command time limit exceeded", "transport returned", "local delivery failed",
                "failed to lock mailbox", "while renaming /", "while creating mailbox",
                "cannot open mailbox",
                // pipe(8) when the command exits with a temporary-failure status (EX_TEMPFAIL).
                "temporary failure. command output:",
            ],
            sample: SampleLine.postfixOwn(
                "helpdesk@example.org", relay: "helpdesk", dsn: "5.3.0", status: "bounced",
                text: "Command died with status 1: \"/usr/local/bin/ticket-import\". Command "
                    + "output: ticket-import: database is locked ",
                program: "pipe")),
        Rule(
            "remote.phrase", .remoteError,
            summary: "The remote server failed on its side.",
            any: [
                "temporary local problem", "temporary system problem",
                "insufficient system storage",
                "insufficient system resources", "local error in processing",
                "internal server error", "internal error", "resources temporarily unavailable",
                "resource temporarily unavailable", "system storage", "temporary server error",
                "service temporarily unavailable", "system error",
                "service is currently unavailable", "service currently unavailable",
                "database error", "out of memory", "queue file write error", "ports busy",
                "ports are busy",
            ],
            sample: SampleLine.exim(
                "staff@school.example", host: "mx.school.example [192.0.2.160]", deferred: true,
                after: "end of data",
                reply: "451 4.3.0 Error: queue file write error")),
        Rule(
            "policy.phrase", .policy,
            summary: "Refused by a site policy: access denied, administrative prohibition, loops.",
            any: [
                "administrative prohibition", "access denied", "local policy", "policy rejection",
                "blocked by policy", "rejected by policy", "not authorized", "not authorised",
                "prohibited", "loops back to myself", "mail loop", "too many hops",
                "hop count exceeded", "routing loop", "loop detected", "mailing loop",
                "message refused", "policy violation", "denied by policy", "refused by policy",
                "content policy", "due to policy", "blocked by recipient", "sender address blocked",
                "loops back", "looping", "exceeded 50 hops", "hop count",
            ],
            sample: SampleLine.postfix(
                "compliance@regulated.example", relay: "mx.regulated.example[192.0.2.170]:25",
                dsn: "5.7.1",
                said: "554 5.7.1 <compliance@regulated.example>: Recipient address rejected: "
                    + "Access denied")),
        Rule(
            "protocol.phrase", .protocolError,
            summary: "The SMTP dialogue broke: syntax errors, unknown commands or parameters.",
            any: [
                "command unrecognized", "unrecognized command", "syntax error",
                "command not implemented", "bad sequence of commands", "line too long",
                "unknown command", "improper use of smtp command pipelining",
                "command not recognized", "invalid command", "parameter not implemented",
                "parameters not recognized", "unrecognized parameter", "protocol error",
                "invalid smtp command",
                "bad command", "error: bad syntax", "smtp protocol violation",
                "synchronization error",
            ],
            sample: SampleLine.exim(
                "it@legacy.example", host: "mail.legacy.example [192.0.2.180]",
                after: "MAIL FROM:<news@example.org> SIZE=4812",
                reply: "501 5.5.4 Syntax error in parameters or arguments")),
    ]
}
