/// A `Classifier` that remembers its recent verdicts, for a caller that classifies many events
/// in turn (`scan`): a log repeats the same replies again and again (a down host's
/// `Connection refused`, a full mailbox, a provider's block text), and looking a reply up costs
/// a few hundred instructions where scanning it for phrases and walking the rules costs
/// thousands.
///
/// The key is everything a verdict depends on (`Classifier.classify` reads nothing else): the
/// reply's bytes exactly (but for a reject's IPv4 addresses, which `ReplyAddressMask` shows no
/// verdict depends on but for the listed IP, read again from the line), the MTA, kind, status
/// and stage, the parser's reply code and both enhanced codes, and which of the rules'
/// destination domains the recipient domain matches. Otherwise a verdict's listed IP is kept
/// relative to the reply's start, so it lands in the right place in the next line with the
/// same reply. A hit is the verdict `classify` would give, field for
/// field (`CachingClassifierTests`). An event that the leading rules decide by its fields alone
/// (a SASL failure, an expired message) skips the memory: its reply names a user or a client,
/// different on every line, and the rules do not read it.
///
/// Bounded: `wayCount` replies of at most `keyLimit` bytes, direct-mapped by a hash; a longer
/// reply, a classifier with more than 64 destination domains, or a key with values out of
/// range is classified afresh each time; a reply whose way another reply takes is classified
/// again. Not `Sendable` on purpose: one per thread, like the aggregator it feeds.
public struct CachingClassifier {
    /// The classifier asked on a miss.
    public let classifier: Classifier

    static let wayBits = 11
    static let wayCount = 1 << wayBits
    /// Bytes of the longest reply remembered.
    static let keyLimit = 512
    /// Words of the non-reply part of a key.
    static let headerWords = 4
    static let domainWayBits = 10

    /// `headerWords` words per way: the event's fields (`header`).
    private var headers: [UInt64]
    /// Byte length of each way's reply; -1 for an empty way.
    private var lengths: [Int32]
    /// `keyLimit` bytes per way: the reply.
    private var replies: [UInt8]
    /// Each way's verdict, its listed IP relative to the reply's start.
    private var verdicts: [Classification?]
    /// Whether the recipient domain enters the key at all (the rules name destinations), and
    /// whether it can (at most 64 destinations: one bit each).
    private let keysDomain: Bool
    private let masksDomain: Bool
    /// Event shapes that a leading rule reading no text may decide (`Classifier.textFreeShapes`).
    private let textFreeShapes: [Bool]
    /// The destination mask of recent recipient domains: a log's failures go to the same few
    /// hundred domains, and the mask's walk over the destinations costs more than a lookup.
    private var domainMasks: RecentNames
    /// Verdicts answered from memory and worked out, for tests and measurements.
    public private(set) var hits = 0
    public private(set) var misses = 0
    /// Verdicts that the event's fields decided without the reply (neither hits nor misses).
    public private(set) var eventDecided = 0
    /// Misses whose deciding rule `RuleDecisions` remembered.
    public private(set) var decisionHits = 0
    /// Hits on a key that left the reply's IPv4 addresses out (`ReplyAddressMask`).
    public private(set) var maskedHits = 0
    /// Whether keys leave addresses out (the classifier's phrases allow it), and the words
    /// whose replies are then not remembered (`Classifier.addressGuards()`).
    private let masksAddresses: Bool
    private let addressGuards: [[UInt8]]
    /// The rule that decided each recent reply scan, by what the scan found.
    private var decisions = RuleDecisions()
    /// Recent replies' phrase scans, resumed for a reply that begins as one of them did.
    private var phraseScans = PhraseScanMemory()
    /// Phrase scans resumed part-way (`PhraseScanMemory`), for tests and measurements.
    public var resumedScans: Int { phraseScans.resumed }

    public init(_ classifier: Classifier) {
        self.classifier = classifier
        // A way's header and reply bytes are read only once its length is set, which writes
        // them too.
        headers = .unwritten(count: Self.wayCount * Self.headerWords)
        lengths = Array(repeating: -1, count: Self.wayCount)
        replies = .unwritten(count: Self.wayCount * Self.keyLimit)
        verdicts = Array(repeating: nil, count: Self.wayCount)
        keysDomain = !classifier.table.destinations.isEmpty
        masksDomain = classifier.table.destinations.count <= 64
        textFreeShapes = classifier.textFreeShapes()
        let guards = classifier.addressGuards()
        masksAddresses = guards != nil
        addressGuards = guards ?? []
        domainMasks = RecentNames(wayBits: Self.domainWayBits)
    }

    /// The verdict of `classifier.classify(event, in: line)`, from memory when this reply was
    /// classified lately with the same event fields.
    public mutating func classify(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>)
        -> Classification
    {
        // A SASL failure or an expired message: decided by the event alone, whatever the reply
        // says (a user name, a client's address), in fewer instructions than a lookup.
        if textFreeShapes[RuleTable.shapeIndex(event.mta, event.kind, event.status)],
            let decided = classifier.textFreeVerdict(event, in: line)
        {
            eventDecided += 1
            return decided
        }
        let reply = event.reply.slice(of: line)
        guard reply.count <= Self.keyLimit,
            let header = header(event, in: line, domain: destinations(event, in: line))
        else {
            return classifier.classify(event, in: line)
        }
        // Replies that differ only in an IPv4 address share a key that writes `0.0.0.0` for
        // each (`ReplyAddressMask`: the verdict cannot depend on the address's digits). Only a
        // reject's reply names a client, different on every line; a delivery's names our own
        // address or the relay's, the same each time, and is not searched. The kind is in the
        // key's header, so masked and plain keys never meet.
        guard masksAddresses, event.kind == .reject,
            let first = ReplyAddressMask.nextToken(in: reply, from: 0)
        else {
            return classify(event, in: line, header: header, key: reply, masked: false)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: reply.count + 8) { buffer in
            let base = buffer.baseAddress!
            let count = ReplyAddressMask.write(reply, first: first, to: base)
            return classify(
                event, in: line, header: header,
                key: UnsafeBufferPointer(start: base, count: count),
                masked: true)
        }
    }

    /// `classify` with the key's reply bytes `key`: the reply itself, or its masked form.
    @inline(__always)
    private mutating func classify(
        _ event: RawEvent, in line: UnsafeBufferPointer<UInt8>,
        header: (UInt64, UInt64, UInt64, UInt64), key reply: UnsafeBufferPointer<UInt8>,
        masked: Bool
    ) -> Classification {
        let count = reply.count
        var hash = header.0 &* 0x9E37_79B9_7F4A_7C15
        hash = ByteScan.fold(hash ^ header.1)
        hash = ByteScan.fold(hash ^ header.2)
        hash = ByteScan.fold(hash ^ header.3 ^ UInt64(truncatingIfNeeded: count))
        if let base = reply.baseAddress {
            var offset = 0
            while offset < count {
                hash = ByteScan.fold(hash ^ ByteScan.word(base, count: count, from: offset))
                offset += 8
            }
        }
        let way = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.wayBits))
        if lengths[way] == Int32(truncatingIfNeeded: count), sameKey(way, header, reply),
            var verdict = verdicts[way]
        {
            hits += 1
            if masked {
                // The addresses were left out of the key: the listed one is read from this line.
                maskedHits += 1
                if verdict.cause == .blacklisted || verdict.cause == .reputation {
                    verdict.listedIP = classifier.listedIP(event.reply, in: line)
                }
            } else if !verdict.listedIP.isEmpty {
                verdict.listedIP = ByteRange(
                    event.reply.start + verdict.listedIP.start,
                    event.reply.start + verdict.listedIP.end)
            }
            return verdict
        }
        misses += 1
        // The reply is scanned; which rule its phrases and codes make hold may be known from
        // another reply that said the same (`RuleDecisions`). The text-free rules did not hold.
        let context = Context(event, in: line, matcher: classifier.matcher) { matcher, reply in
            phraseScans.matches(in: reply, with: matcher)
        }
        let rule: Int?
        if let key = RuleDecisions.key(header, context) {
            let (known, decisionWay) = decisions.lookup(key)
            if let known {
                decisionHits += 1
                rule = known
            } else {
                rule = classifier.decide(context)?.0
                decisions.remember(rule, for: key, in: decisionWay)
            }
        } else {
            rule = classifier.decide(context)?.0
        }
        let verdict = classifier.verdict(decided: rule, context: context, event: event, line: line)
        // A block list named by the reply's own words may be named by an address the key left
        // out: such a verdict is not remembered.
        if masked, let rule, classifier.namesBlocklistFromText(rule, context: context) {
            return verdict
        }
        // Nor one whose reply holds a word of a phrase that could lie on an address.
        if masked, !addressGuards.isEmpty, ReplyAddressMask.containsWord(addressGuards, in: reply) {
            return verdict
        }
        var kept = verdict
        if !kept.listedIP.isEmpty {
            kept.listedIP =
                masked
                ? .none
                : ByteRange(
                    kept.listedIP.start - event.reply.start, kept.listedIP.end - event.reply.start)
        }
        let first = way * Self.headerWords
        headers[first] = header.0
        headers[first + 1] = header.1
        headers[first + 2] = header.2
        headers[first + 3] = header.3
        lengths[way] = Int32(truncatingIfNeeded: count)
        if count > 0 {
            let start = way * Self.keyLimit
            replies.withUnsafeMutableBufferPointer { bytes in
                _ = UnsafeMutableBufferPointer(rebasing: bytes[start..<start + count])
                    .update(fromContentsOf: reply)
            }
        }
        verdicts[way] = kept
        return verdict
    }

    /// Which destinations of the rules the event's recipient domain matches (0 when the rules
    /// name none; nil when there are too many for a mask), remembered per domain.
    @inline(__always)
    private mutating func destinations(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>)
        -> UInt64?
    {
        guard keysDomain else { return 0 }
        guard masksDomain else { return nil }
        let domain = event.domain.slice(of: line)
        let (known, way) = domainMasks.lookup(domain)
        if let known { return known }
        // Never nil with at most 64 destinations.
        let mask = classifier.table.destinationMask(domain) ?? 0
        domainMasks.remember(mask, for: domain, in: way)
        return mask
    }

    /// The event's fields other than the reply, packed in words with the destination mask;
    /// nil when one is out of the range the packing holds (never from the parsers) or the
    /// domain cannot be keyed.
    @inline(__always)
    private func header(
        _ event: RawEvent, in line: UnsafeBufferPointer<UInt8>, domain destinations: UInt64?
    ) -> (UInt64, UInt64, UInt64, UInt64)? {
        guard event.replyCode >= 0, event.replyCode <= Int(UInt32.max),
            let destinations
        else { return nil }
        let fields =
            UInt64(event.mta.rawValue) | UInt64(event.kind.rawValue) << 8
            | UInt64(event.status.rawValue) << 16 | UInt64(event.stage.rawValue) << 24
            | UInt64(event.replyCode) << 32
        return (fields, Self.pack(event.replyDSN), Self.pack(event.mtaDSN), destinations)
    }

    /// An optional enhanced code in one word: present, class, subject, detail.
    @inline(__always)
    static func pack(_ code: EnhancedStatusCode?) -> UInt64 {
        guard let code else { return 0 }
        return 1 << 48 | UInt64(code.statusClass) << 32 | UInt64(code.subject) << 16
            | UInt64(code.detail)
    }

    /// Whether way `way` holds exactly this key (its length already compared).
    @inline(__always)
    private func sameKey(
        _ way: Int, _ header: (UInt64, UInt64, UInt64, UInt64), _ reply: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let first = way * Self.headerWords
        guard headers[first] == header.0, headers[first + 1] == header.1,
            headers[first + 2] == header.2, headers[first + 3] == header.3
        else { return false }
        guard let base = reply.baseAddress else { return true }
        let count = reply.count
        return replies.withUnsafeBufferPointer { bytes in
            let kept = bytes.baseAddress! + way * Self.keyLimit
            var offset = 0
            while offset + 8 <= count {
                if ByteScan.word(kept, offset) != ByteScan.word(base, offset) { return false }
                offset += 8
            }
            while offset < count {
                if kept[offset] != base[offset] { return false }
                offset += 1
            }
            return true
        }
    }
}
