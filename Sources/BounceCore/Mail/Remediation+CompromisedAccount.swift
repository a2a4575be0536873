extension Remediation {
    /// What to do about an account that looks compromised (`compromised-account`): one
    /// paragraph, no line breaks (the mail wraps it).
    public static let compromisedAccount =
        "Treat the account as stolen until you know better. Lock it or reset its password now "
        + "(and revoke its app passwords or tokens), then ask its owner whether the mail was "
        + "theirs. Look at the client IPs above: logins from unknown networks confirm it. "
        + "Check the queue for its mail and purge what is spam: in Postfix list the queue "
        + "with `postqueue -p` and delete with `postsuper -d QUEUEID` (or `postsuper -d ALL "
        + "deferred` when the deferred queue is all spam); in Exim list it with `exim -bp` and "
        + "remove with `exim -Mrm MESSAGEID`. A hijacked web form or script sends with the "
        + "domain but no SASL user: find it in the web server's log. If the bounces name a "
        + "block list, request delisting only after the sending has stopped."
}
