/// One event as the rules look at it while counting: its enumerated fields, the hashes of the
/// group values it can have, and either the destination and host as bytes of the log line or
/// the decoded `AlertEvent`.
///
/// Most events a rule sees only count towards a ratio's denominator (a sent delivery for
/// `deferral-storm`): for those the engine decodes nothing, so a delivery costs no `String`
/// and no `Array`. The bytes are used only when they are ASCII, where lower-casing them gives
/// exactly the text the decoded event would hold; anything else (and every event some rule
/// `match`es, whose evidence needs the text) goes through the decoded event.
struct AlertProbe {
    let time: Int64
    let mta: MTA
    let kind: EventKind
    let status: DeliveryStatus
    let cause: Cause?
    let direction: TrafficDirection
    /// The delivery's provider; nil when none is known. Not retained: the engine's
    /// `AlertProviderKeys` holds the key while the event is counted, and a probe per event
    /// would otherwise retain and release it. Held unmanaged, so reading it retains nothing
    /// either (an `unowned(unsafe)` reference is retained once bound to a name).
    private let provider: Unmanaged<AlertProviderKeys.Key>?
    /// The key's `hash` and `groupHash` (0 without a provider), copied out so the rules'
    /// group hashes read no reference.
    let providerHash: UInt64
    let providerGroupHash: UInt64
    /// The decoded event, borrowed from the engine for the one `count` call the probe lives
    /// for (a copy would be a few hundred bytes and six retained strings per event); nil on
    /// the byte path.
    let decoded: UnsafePointer<AlertEvent>?
    /// The block list and listed address of a matching event on the byte path, borrowed like
    /// `decoded`; nil when the event names neither, and on the decoded path.
    let listing: UnsafePointer<AlertListing>?
    /// The line's ASCII destination and host, at most `AlertLimits.textBytes` each (not lower
    /// cased: compared and hashed in lower case); empty on the decoded path.
    private let destinationBytes: UnsafeBufferPointer<UInt8>
    private let hostBytes: UnsafeBufferPointer<UInt8>
    /// The whole log line on the byte path (a matching event's sample,
    /// `AlertSamples.offer(time:bytes:)`); empty when decoded.
    let lineBytes: UnsafeBufferPointer<UInt8>
    /// Whether the destination and host, as far as they are kept, are ASCII: only then may the
    /// byte path count the event (always true when decoded).
    let isASCII: Bool
    /// `AlertGroupHash.of` each group value the event has; 0 when it has none or no rule
    /// groups by it (the engine says which are wanted).
    let destinationHash: UInt64
    let hostHash: UInt64

    /// Which hashes to work out: only those some rule groups by.
    struct Hashes: OptionSet, Sendable {
        let rawValue: UInt8
        static let destination = Hashes(rawValue: 1)
        static let host = Hashes(rawValue: 2)
        /// The destination's, only when the event has no provider (`provider_or_destination`).
        static let destinationUnlessProvider = Hashes(rawValue: 4)
    }

    /// An event decoded in full, read where `event` points while the probe is used.
    init(
        _ event: UnsafePointer<AlertEvent>, provider: Unmanaged<AlertProviderKeys.Key>?,
        hashes: Hashes
    ) {
        time = event.pointee.time
        mta = event.pointee.mta
        kind = event.pointee.kind
        status = event.pointee.status
        cause = event.pointee.cause
        direction = event.pointee.direction
        self.provider = provider
        providerHash = provider?._withUnsafeGuaranteedRef { $0.hash } ?? 0
        providerGroupHash = provider?._withUnsafeGuaranteedRef { $0.groupHash } ?? 0
        decoded = event
        listing = nil
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        destinationBytes = empty
        hostBytes = empty
        lineBytes = empty
        isASCII = true
        destinationHash =
            hashes.contains(.destination) ? Self.hash(Self.text(event.pointee.destination)) : 0
        hostHash = hashes.contains(.host) ? Self.hash(Self.text(event.pointee.host)) : 0
    }

    /// An event read from `line`: nothing is decoded. Usable only when `isASCII` holds.
    ///
    /// `hashes` are those the rules that could count the event group by; only the values
    /// hashed, and with `matching` (some rule's `match` may take the event, so its group
    /// remembers the destination and host) both values, are tried for ASCII: a value no rule
    /// reads cannot make the byte path differ from the decoded one.
    ///
    /// Inlined where it is called (transparent: `@inline(__always)` left it out of line, and
    /// handing over its arguments and returning the probe cost more than building it in place).
    @_transparent
    init(
        _ event: RawEvent, cause: Cause?, in line: UnsafeBufferPointer<UInt8>, time: Int64,
        provider: Unmanaged<AlertProviderKeys.Key>?, hashes: Hashes, matching: Bool,
        listing: UnsafePointer<AlertListing>? = nil
    ) {
        self.time = time
        mta = event.mta
        kind = event.kind
        status = event.status
        self.cause = cause
        direction = event.direction
        self.provider = provider
        providerHash = provider?._withUnsafeGuaranteedRef { $0.hash } ?? 0
        providerGroupHash = provider?._withUnsafeGuaranteedRef { $0.groupHash } ?? 0
        decoded = nil
        self.listing = listing
        lineBytes = line
        destinationBytes = Self.prefix(event.domain.slice(of: line))
        hostBytes = Self.prefix(event.host.slice(of: line))
        let hashesDestination =
            hashes.contains(.destination)
            || (provider == nil && hashes.contains(.destinationUnlessProvider))
        var destinationASCII = true
        if hashesDestination, !destinationBytes.isEmpty {
            destinationHash = AlertGroupHash.of(
                lowercasing: destinationBytes, isASCII: &destinationASCII)
        } else {
            destinationHash = 0
            if matching { destinationASCII = Self.isASCII(destinationBytes) }
        }
        var hostASCII = true
        if hashes.contains(.host), !hostBytes.isEmpty {
            hostHash = AlertGroupHash.of(lowercasing: hostBytes, isASCII: &hostASCII)
        } else {
            hostHash = 0
            if matching { hostASCII = Self.isASCII(hostBytes) }
        }
        isASCII = destinationASCII && hostASCII
    }

    /// What `AlertMatchRecord(decoded)` would remember of this event, read from the line's
    /// bytes (byte path only: ASCII values; the block list and listed address from `listing`).
    /// `destination` and `host`, when given, are strings already known
    /// to equal the event's values (`isDestination`, `isHost`), which the record then shares:
    /// a steady stream of events to one group, or a new group whose label is the destination,
    /// builds no string for them.
    @inline(__always)
    func matchRecord(destination: String?, host: String?) -> AlertMatchRecord {
        AlertMatchRecord(
            time: time, destination: destination ?? Self.lowercased(destinationBytes),
            cause: cause, status: status, kind: kind, direction: direction,
            blocklist: listing?.pointee.blocklist, listedIP: listing?.pointee.listedIP,
            provider: providerKey?.label ?? "",
            host: host ?? Self.lowercased(hostBytes))
    }

    /// The most UTF-8 bytes Swift keeps a string in without allocating (on 64-bit platforms):
    /// such a value costs less to build than to find among strings already held.
    static let inlineBytes = 15

    /// The bytes of the destination and host as far as they are kept (byte path; 0 decoded).
    var destinationCount: Int { destinationBytes.count }
    var hostCount: Int { hostBytes.count }

    /// The delivery's provider key; nil when none is known (values built from it are retained
    /// as usual). The hot paths use `hasProvider`, the hashes and `isProviderLabel` instead.
    var providerKey: AlertProviderKeys.Key? { provider?.takeUnretainedValue() }

    /// Whether the delivery's provider is known.
    var hasProvider: Bool { provider != nil }

    /// Whether `label` is the provider's `provider` group value (`grouped` false) or its
    /// `provider_or_destination` one (`grouped` true); false without a provider. Reads the key
    /// without retaining it.
    @inline(__always)
    func isProviderLabel(_ label: String, grouped: Bool) -> Bool {
        guard let provider else { return false }
        return provider._withUnsafeGuaranteedRef { key in
            label == (grouped ? key.groupLabel : key.label)
        }
    }

    var hasDestination: Bool {
        if let decoded { return !decoded.pointee.destination.isEmpty }
        return !destinationBytes.isEmpty
    }

    var hasHost: Bool {
        if let decoded { return !decoded.pointee.host.isEmpty }
        return !hostBytes.isEmpty
    }

    /// The value the decoded event would give for `dimension` (`AlertRuleState.value`); built
    /// only when an event starts a new group.
    func value(of dimension: AlertDimension) -> String? {
        if let decoded { return AlertRuleState.value(of: dimension, in: decoded.pointee) }
        switch dimension {
        case .destination:
            return destinationBytes.isEmpty ? nil : Self.lowercased(destinationBytes)
        case .host: return hostBytes.isEmpty ? nil : Self.lowercased(hostBytes)
        case .providerOrDestination:
            if let providerKey { return providerKey.groupLabel }
            return destinationBytes.isEmpty ? nil : Self.lowercased(destinationBytes)
        case .provider: return providerKey?.label
        case .mta: return mta.identifier
        case .kind: return kind.identifier
        case .status: return status.identifier
        case .cause: return cause?.identifier
        // Only decoded events carry a block list or a sender.
        case .blocklist, .senderDomain, .saslUsername: return nil
        }
    }

    /// Whether `label` is this event's destination (lower case), without decoding it.
    @inline(__always)
    func isDestination(_ label: String) -> Bool {
        if let decoded { return label == Self.text(decoded.pointee.destination) }
        return Self.equalsLowercased(label, destinationBytes)
    }

    /// Whether `label` is this event's host (lower case), without decoding it.
    @inline(__always)
    func isHost(_ label: String) -> Bool {
        if let decoded { return label == Self.text(decoded.pointee.host) }
        return Self.equalsLowercased(label, hostBytes)
    }

    /// Whether `label` is `AlertRule.providerGroupPrefix` followed by this event's provider.
    func isProviderGroup(_ label: String) -> Bool {
        isProviderLabel(label, grouped: true)
    }

    /// A decoded destination or host as its group value (`AlertRuleState.value`), read from
    /// the field alone: passing the whole event through the pointer would copy it.
    private static func text(_ value: String) -> String? {
        value.isEmpty ? nil : UTF8Prefix.string(value, atMost: AlertLimits.textBytes)
    }

    private static func hash(_ value: String?) -> UInt64 {
        value.map(AlertGroupHash.of) ?? 0
    }

    /// The first `AlertLimits.textBytes` bytes, cut as `UTF8Prefix` cuts them.
    @inline(__always)
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(
            rebasing: bytes[0..<UTF8Prefix.length(of: bytes, atMost: AlertLimits.textBytes)])
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        // Eight bytes at a time, then the rest one by one.
        var any: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            any |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            any |= UInt64(bytes[index])
            index += 1
        }
        return any & 0x8080_8080_8080_8080 == 0
    }

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { target in
            for index in bytes.indices { target[index] = ByteScan.lower(bytes[index]) }
            return bytes.count
        }
    }

    private static func equalsLowercased(_ label: String, _ bytes: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        let text = label.utf8
        guard text.count == bytes.count else { return false }
        guard let line = bytes.baseAddress else { return true }  // both empty
        let same = text.withContiguousStorageIfAvailable { text in
            // Eight bytes at a time (`AlertGroupHash.lower` folds them), then one by one.
            guard let label = text.baseAddress else { return true }
            let left = UnsafeRawPointer(label)
            let right = UnsafeRawPointer(line)
            var index = 0
            while index + 8 <= bytes.count {
                let word = right.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                guard
                    left.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        == AlertGroupHash.lower(word)
                else { return false }
                index += 8
            }
            guard index < bytes.count else { return true }
            if bytes.count >= 8 {
                // The word ending at the last byte (part of it compared already, equal).
                let offset = bytes.count - 8
                let word = right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                return left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == AlertGroupHash.lower(word)
            }
            while index < bytes.count {
                guard text[index] == ByteScan.lower(bytes[index]) else { return false }
                index += 1
            }
            return true
        }
        return same ?? text.elementsEqual(bytes.lazy.map(ByteScan.lower))
    }
}
