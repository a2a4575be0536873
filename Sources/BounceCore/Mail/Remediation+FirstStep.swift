extension Remediation {
    /// The first thing to do about a cause, in one short line (the digest's "what to do"); the
    /// full paragraph is `advice(for:)`.
    public static func firstStep(for cause: Cause) -> String {
        switch cause {
        case .recipientUnknown:
            "Remove the addresses that bounce from lists and forwards; check recent additions."
        case .mailboxFull: "Nothing to fix here; tell senders about addresses that stay full."
        case .mailboxDisabled: "Stop sending to the disabled accounts and remove them from lists."
        case .domainNotFound:
            "Check the domains for typos and this host's resolver (`dig MX domain`)."
        case .network:
            "Check outbound port 25, the firewall and DNS (`nc -vz mx.example.com 25`)."
        case .remoteError: "Let the queue retry; contact the destination if it lasts for hours."
        case .messageTooLarge: "Ask senders to share large files by link instead of attaching."
        case .spam: "Find the senders from the queue ids: look for a compromised account or form."
        case .contentRejected: "Find the senders from the queue ids and scan what they sent."
        case .senderAuthentication: "Check SPF, DKIM signing and the DMARC policy of the domain."
        case .blacklisted:
            "Find and stop the source of spam, then request delisting at the list's page."
        case .reputation: "Slow down to the provider and check its postmaster tools."
        case .rateLimited: "Lower the concurrency and rate of delivery to the destination."
        case .greylisted: "No action unless mail never gets through; retry from the same IP."
        case .reverseDNS: "Have the IP's owner set a PTR record that resolves back to it."
        case .tls: "Check STARTTLS, the CA bundle, certificates and the destination's MTA-STS."
        case .relayDenied: "Check the smart host's address and this server's login to it."
        case .authFailure: "Block guessing clients (fail2ban) and lock the accounts being tried."
        case .policy: "Read the sample reply; check the sender address and domain."
        case .protocolError: "Check recent option changes and middle boxes that rewrite SMTP."
        case .localDelivery: "Check the local transport's command, disk space and permissions."
        case .expired: "Look at the deferrals to the same destinations for the real reason."
        case .unclassified: "Read the sample replies; add a rule for a known case."
        }
    }
}
