/// Classifies the reason a queued recipient waits with the same parser and rules as a log line.
///
/// Postfix's `delay_reason` is the text in parentheses of its `status=deferred` line, and an
/// Exim message log's deferral line is its mainlog `==` line without the message id: each is put
/// back into a line of its MTA's log format and read by `LineParser`, then `Classifier` and
/// `ProviderTable`, so a queued recipient gets the cause its last deferral got in the log. The
/// recipient's address is not put into that line: only its domain, reduced to the bytes a
/// domain may hold, so no address can change how the line is read.
public struct QueueReasonClassifier: Sendable {
    /// What the classifier made of one recipient.
    public struct Verdict: Sendable, Equatable {
        public var cause: Cause
        /// The provider's name; nil when none is known.
        public var provider: String?
    }

    public let classifier: Classifier
    public let providers: ProviderTable

    public init(classifier: Classifier = .standard, providers: ProviderTable = .standard) {
        self.classifier = classifier
        self.providers = providers
    }

    /// The verdict on `recipient`'s reason for an `mta`; `unclassified` when there is no
    /// reason or the parser could not read it as a deferral.
    public func verdict(for recipient: QueuedRecipient, mta: MTA) -> Verdict {
        let domain = Self.safeDomain(recipient.domain)
        guard !recipient.reason.isEmpty else {
            return Verdict(cause: .unclassified, provider: provider(domain: domain))
        }
        var line: [UInt8]
        switch mta {
        case .postfix:
            let reason = Array(recipient.reason.utf8)
            let relay = Self.postfixRelay(reason)
            line = Array("Jan  1 00:00:00 queue postfix/smtp[1]: 1A2B3C4D5E: to=<q@".utf8)
            line += domain.utf8
            line += Array(">, relay=".utf8) + relay
            line += Array(", delay=0, delays=0/0/0/0, dsn=4.0.0, status=deferred (".utf8)
            line += reason
            line.append(UInt8(ascii: ")"))
        case .exim:
            line = Array("2000-01-01 00:00:00 1xaJn1-0005Tq-3A == q@".utf8)
            line += domain.utf8
            line.append(UInt8(ascii: " "))
            line += recipient.reason.utf8
        }
        return line.withUnsafeBufferPointer { bytes in
            var event = RawEvent.unparsed()
            let format: LogFormat = mta == .postfix ? .postfix : .exim
            guard
                LineParser(format: format, readsMessages: false).parse(bytes, into: &event)
                    == .event,
                event.status == .deferred || event.status == .bounced
            else { return Verdict(cause: .unclassified, provider: provider(domain: domain)) }
            let cause = classifier.classify(event, in: bytes).cause
            let match = providers.decide(event, in: bytes)
            return Verdict(cause: cause, provider: match.map { providers.providers[$0.index].name })
        }
    }

    private func provider(domain: String) -> String? {
        var event = RawEvent(mta: .postfix, kind: .delivery, status: .deferred, timestamp: nil)
        let bytes = Array(domain.utf8)
        return bytes.withUnsafeBufferPointer { line in
            event.domain = ByteRange(0, line.count)
            return providers.decide(event, in: line).map { providers.providers[$0.index].name }
        }
    }

    /// `domain` with every byte a DNS name cannot hold dropped; `invalid` when nothing is left.
    static func safeDomain(_ domain: String) -> String {
        let kept = domain.utf8.prefix(253).filter {
            ByteScan.isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
        return kept.isEmpty ? "invalid" : String(decoding: kept, as: UTF8.self)
    }

    /// The relay Postfix names in `host mx.example.com[192.0.2.1] said: ...`, as its
    /// `relay=` field would; `none` when the reason names none.
    static func postfixRelay(_ reason: [UInt8]) -> [UInt8] {
        var start = 0
        let suspended = Array("delivery temporarily suspended: ".utf8)
        if reason.starts(with: suspended) { start = suspended.count }
        let host = Array("host ".utf8)
        guard reason[start...].starts(with: host) else { return Array("none".utf8) }
        let token = reason[(start + host.count)...].prefix { $0 != UInt8(ascii: " ") }
        guard !token.isEmpty, token.allSatisfy({ $0 > 0x20 && $0 != UInt8(ascii: ",") }) else {
            return Array("none".utf8)
        }
        return Array(token)
    }
}
