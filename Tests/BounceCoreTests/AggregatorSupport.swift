@testable import BounceCore

/// A small log-like line built field by field, with an event whose ranges point into it.
struct SampleEvent {
    var bytes: [UInt8] = []
    var event: RawEvent
    var classification: Classification?

    init(
        mta: MTA = .postfix, kind: EventKind = .delivery, status: DeliveryStatus,
        cause: Cause? = nil, domainBytes domain: [UInt8]?, replyBytes reply: [UInt8]?,
        clientIP: String? = nil, blocklist: Blocklist? = nil, listedIP: String? = nil,
        timestamp: LogTimestamp? = nil
    ) {
        event = RawEvent(mta: mta, kind: kind, status: status, timestamp: timestamp)
        if let domain {
            event.domain = append(field: "to=<user@", domain, then: ">")
        }
        if let reply { event.reply = append(field: " said: ", reply) }
        if let clientIP {
            // The client's address stands for its whole `name[address]` too.
            event.clientIP = append(field: " client=", Array(clientIP.utf8))
            event.client = event.clientIP
        }
        var listed = ByteRange.none
        if let listedIP { listed = append(field: " listed=", Array(listedIP.utf8)) }
        if let cause {
            classification = Classification(
                cause: cause, ruleID: "test", blocklist: blocklist, listedIP: listed)
        }
    }

    init(
        mta: MTA = .postfix, kind: EventKind = .delivery, status: DeliveryStatus,
        cause: Cause? = nil, domain: String? = nil, reply: String? = nil,
        clientIP: String? = nil, blocklist: Blocklist? = nil, listedIP: String? = nil,
        timestamp: LogTimestamp? = nil
    ) {
        self.init(
            mta: mta, kind: kind, status: status, cause: cause,
            domainBytes: domain.map { Array($0.utf8) },
            replyBytes: reply.map { Array($0.utf8) }, clientIP: clientIP, blocklist: blocklist,
            listedIP: listedIP, timestamp: timestamp)
    }

    private mutating func append(field prefix: String, _ value: [UInt8], then suffix: String = "")
        -> ByteRange
    {
        bytes.append(contentsOf: prefix.utf8)
        let start = bytes.count
        bytes.append(contentsOf: value)
        let range = ByteRange(start, bytes.count)
        bytes.append(contentsOf: suffix.utf8)
        return range
    }
}

extension ScanAggregator {
    mutating func add(_ sample: SampleEvent, times: Int = 1) {
        sample.bytes.withUnsafeBufferPointer { line in
            for _ in 0..<times { add(sample.event, sample.classification, in: line) }
        }
    }
}

/// A deterministic pseudo-random sequence (SplitMix64), so a failing test fails the same way.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

extension ScanAggregator {
    /// Counts `lines` as `scan` does, under `source`: the merge and reset tests feed their
    /// aggregates through this one loop.
    mutating func countAsScan<Lines: Sequence>(_ lines: Lines, source: String = "mail.log")
    where Lines.Element == [UInt8] {
        let parser = LineParser(format: .auto)
        var event = RawEvent.unparsed()
        for line in lines {
            line.withUnsafeBufferPointer { buffer in
                let outcome = parser.parse(buffer, into: &event)
                countLines(
                    events: outcome == .event ? 1 : 0,
                    ignored: outcome == .ignored || outcome == .message ? 1 : 0,
                    unrecognized: outcome == .unrecognized ? 1 : 0, source: source)
                switch outcome {
                case .event:
                    let classification =
                        event.isSuccessfulDelivery
                        ? nil : Classifier.standard.classify(event, in: buffer)
                    add(event, classification, in: buffer)
                case .unrecognized: noteUnrecognized(buffer)
                case .message: noteMessage(event, in: buffer)
                case .ignored: break
                }
            }
        }
    }
}
