/// What a postmaster can do about each cause, in a paragraph for the alert mail.
public enum Remediation {
    /// The advice for one cause: plain text, one paragraph, no line breaks (the mail wraps it).
    public static func advice(for cause: Cause) -> String {
        switch cause {
        case .recipientUnknown:
            "The addresses do not exist at the destination. Nothing is broken on this server, "
                + "but a rising count means a stale or harvested list: remove the addresses "
                + "that bounce from mailing lists and forwarding rules, check for typos in "
                + "recently added addresses, and make list software act on bounces. Sending "
                + "on to many unknown users hurts the reputation of this IP address."
        case .mailboxFull:
            "The recipients are over quota. Nothing to fix here; the mail is retried until "
                + "it expires. If one address fills up again and again it is probably "
                + "abandoned: tell the sender, and unsubscribe it from lists."
        case .mailboxDisabled:
            "The accounts exist but are disabled or suspended at the destination. Treat them "
                + "like unknown users: stop sending to them and remove them from lists, since "
                + "providers watch how often a sender keeps mailing dead accounts."
        case .domainNotFound:
            "The recipient domains have no usable MX or address record, or publish a null MX. "
                + "Check for typos in the domains (gmial.com), test with `dig MX domain` and "
                + "`dig A domain` from this host, and make sure this server's resolver works: "
                + "if every domain fails, the problem is the local DNS, not the recipients."
        case .network:
            "No SMTP conversation was possible: timeouts, refused connections, no route. If "
                + "it is one destination, its servers are down or filter this IP; if it is "
                + "many, check outbound port 25 from this host (`nc -vz mx.example.com 25`), "
                + "the firewall, the provider (many block port 25), IPv6 routing, and DNS."
        case .remoteError:
            "The receiving servers failed on their side (temporary local problem, storage "
                + "full, service unavailable). Usually nothing to do but let the queue retry; "
                + "if it lasts for hours, contact the destination's postmaster with the sample "
                + "lines below."
        case .messageTooLarge:
            "The messages exceed the destination's size limit. Ask senders to share large "
                + "files by link instead of attaching them, and check that this server's own "
                + "`message_size_limit` is not far above what big providers accept (about "
                + "25 MB, less after base64 encoding)."
        case .spam:
            "The receiver's filter judged the content as spam. Find out who sent it (the "
                + "queue ids in the sample lines lead to the sender): a compromised account or "
                + "form often sends spam through a good server. Stop the source, check that "
                + "SPF, DKIM and DMARC pass, and that bulk mail has consent and an unsubscribe "
                + "header."
        case .contentRejected:
            "The content was refused for a reason other than spam: a virus, a forbidden "
                + "attachment type, or a malformed message. Find the sender from the queue "
                + "ids, scan the mail if it could be infected, and check the software that "
                + "generated it for broken headers or MIME structure."
        case .senderAuthentication:
            "SPF, DKIM or DMARC failed at the receiver. Check the SPF record lists every IP "
                + "address that sends for the domain (`dig TXT example.com`), that outgoing "
                + "mail is DKIM-signed with a key published in DNS (`opendkim-testkey`), and "
                + "that the DMARC policy (`dig TXT _dmarc.example.com`) matches how the domain "
                + "really sends. Forwarding and mailing lists break SPF; DKIM must survive them."
        case .blacklisted:
            "This server's IP address or domain is on a block list. Find out why before "
                + "asking for removal, or it comes back: look for compromised accounts or "
                + "forms sending spam, open relays and infected hosts behind the same IP, and "
                + "check that reverse DNS, SPF and DKIM are in order. Then request delisting "
                + "at the list's page named above. Meanwhile, mail to the affected destinations can "
                + "go through another relay."
        case .reputation:
            "The receiver throttles or refuses this server for poor reputation or complaints, "
                + "without naming a list. Slow down and stop bulk sending to that provider, "
                + "remove recipients who do not engage, make sure SPF, DKIM and DMARC pass, and "
                + "check the provider's postmaster tools (Google Postmaster Tools, Microsoft "
                + "SNDS, Yahoo Sender Hub) for the complaint rate."
        case .rateLimited:
            "The destination limits how fast this server may send. Slow down to that provider: "
                + "in Postfix give it its own transport with a lower "
                + "`default_destination_concurrency_limit` and a `_destination_rate_delay`; in "
                + "Exim limit `max_rcpt` and parallel deliveries for it. The queue delivers the "
                + "mail later."
        case .greylisted:
            "The receiver greylists: a first attempt is refused on purpose and a retry a few "
                + "minutes later is accepted. No action is needed unless the mail never gets "
                + "through; then check that retries come from the same IP address."
        case .reverseDNS:
            "The receiver found no usable reverse DNS for this server. Ask whoever runs the "
                + "IP address (the hosting provider) to set a PTR record naming this host, make "
                + "that name resolve back to the same address, and use it as `myhostname` / "
                + "`primary_hostname` in the HELO."
        case .tls:
            "TLS was required or failed. Check that this server offers and accepts STARTTLS "
                + "(`openssl s_client -starttls smtp -connect mx.example.com:25`), that its CA "
                + "bundle is current, that certificates are valid and not expired, and whether "
                + "the destination publishes MTA-STS or DANE (TLSA) records that this server "
                + "cannot satisfy. Lower TLS requirements only for a destination you trust."
        case .relayDenied:
            "The remote refuses to relay for this server. If the mail goes through a smart "
                + "host, check its address and that this server authenticates to it or is "
                + "allowed by IP; if the MX records of the destination point here or at the "
                + "wrong host, fix the DNS or the transport map."
        case .authFailure:
            "SMTP AUTH failed. If clients are failing against this server, it is most likely "
                + "password guessing: block the source addresses (fail2ban with the postfix-sasl "
                + "or exim filter), require strong passwords and lock the accounts being tried. "
                + "If it is this server's own login at a relay, check the user name and "
                + "password in `sasl_passwd` (run `postmap` after editing) or the Exim "
                + "authenticator, and whether the relay changed its requirements."
        case .policy:
            "A site policy refused the mail: a rejected sender address, access denied, or a "
                + "mail loop. Read the sample replies for the reason, check the sender address "
                + "and domain are valid and resolvable, and contact the destination's "
                + "postmaster if the rule looks wrong."
        case .protocolError:
            "The SMTP dialogue broke: a command or parameter the other side did not accept. "
                + "Check this server's software version and any options added recently (SMTP "
                + "extensions, pipelining, line length), and look for a middle box that "
                + "rewrites SMTP."
        case .localDelivery:
            "A local delivery agent failed: a pipe command died, or a mailbox could not be "
                + "written. Check the command or script in the transport (run it by hand as "
                + "the same user), disk space and permissions of the mail store, and the "
                + "local delivery agent's own log."
        case .expired:
            "Messages stayed in the queue past their lifetime and were returned to the sender. "
                + "They failed for a long time before that: look at the deferrals to the same "
                + "destinations (`mailq`, `postqueue -p` or `exim -bp`) for the real reason, "
                + "and fix that. A burst of expiries often follows a blocklisting or a long "
                + "outage at one provider."
        case .unclassified:
            "bouncewatch could not decide a cause from the reply. Read the sample lines; if "
                + "the reply is a known case, add a rule for it in the configuration so the "
                + "next alert names it."
        }
    }
}
