extension AlertEvent {
    /// The alert engine's view of one parsed and classified event.
    ///
    /// `classification` is nil for a successful delivery; any other event without one counts
    /// as `unclassified`, as in the metrics. The direction is `RawEvent.direction`. The line
    /// and the texts taken from it are cut to the engine's limits here, so nothing unbounded
    /// from the log is kept. With `keepingLine` false the line is left empty: an event that
    /// only counts towards a ratio's denominator never becomes a sample
    /// (`AlertEngine.keepsLine` says which do), and most deliveries are such events.
    /// `provider` is the name of the delivery's provider, empty when none is known; `sender`
    /// who sent the delivery's message, when the message state knows it.
    public init(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        time: Int64, keepingLine: Bool = true, provider: String = "",
        sender: MessageSender? = nil
    ) {
        let cause = event.countedCause(classification)
        let listed = classification?.listedIP ?? .none
        self.init(
            time: time, mta: event.mta, kind: event.kind, status: event.status, cause: cause,
            direction: event.direction,
            destination: Self.lowercased(event.domain.slice(of: line)),
            blocklist: classification?.blocklist,
            listedIP: listed.isEmpty
                ? nil : UTF8Prefix.string(listed.slice(of: line), atMost: AlertLimits.textBytes),
            line: keepingLine ? UTF8Prefix.string(line, atMost: AlertLimits.lineBytes) : "",
            provider: provider, host: Self.lowercased(event.host.slice(of: line)))
        if let sender { take(sender) }
    }

    /// Sets the sender's values (lower-cased domain, user, cut to the engine's limits). Out of
    /// line: the engine's path for events without a sender keeps none of this code.
    @inline(never)
    mutating func take(_ sender: MessageSender) {
        senderDomain =
            sender.domain.map {
                UTF8Prefix.string($0.lowercased(), atMost: AlertLimits.textBytes)
            } ?? ""
        saslUsername =
            sender.saslUser.map { UTF8Prefix.string($0, atMost: AlertLimits.textBytes) } ?? ""
    }

    /// The domain's first `AlertLimits.textBytes` bytes decoded, ASCII lower case only:
    /// domain names compare case-insensitively in ASCII, and other bytes are left as they are
    /// rather than folded by locale rules. Checked on the bytes, before any `String` exists.
    private static func lowercased(_ domain: UnsafeBufferPointer<UInt8>) -> String {
        let bytes = UnsafeBufferPointer(
            rebasing: domain[0..<UTF8Prefix.length(of: domain, atMost: AlertLimits.textBytes)])
        guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(
            decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
