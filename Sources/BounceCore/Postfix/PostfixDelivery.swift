/// Delivery outcome lines: `to=<...>, [orig_to=<...>,] relay=..., delay=..., dsn=...,
/// status=X (reason)`, and qmgr's `from=<...>, status=expired, returned to sender`.
enum PostfixDelivery {
    /// What the field walk found before `status=`.
    enum Outcome {
        /// A delivery event, now in the caller's event.
        case event
        /// No event; the branch says which kind of line it was.
        case ignored
        /// No `status=` (or an unknown status word).
        case missing
    }

    /// Walks the comma-separated fields at `index` up to `status=`, filling `event` (which may
    /// be partly written when the outcome is no event).
    ///
    /// Each field is decided by its first eight bytes, read as one word (zeros past the end of
    /// the line, which no key holds): a jump on the first byte and one masked compare, instead
    /// of a literal compare per candidate key. The next field starts after the next space (and
    /// any more spaces), as Postfix separates fields with `, `.
    static func parse(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent,
        branch: inout PostfixBranch
    ) -> Outcome {
        let limit = line.count
        guard index >= 0, index < limit, let base = line.baseAddress else { return .missing }
        var cursor = index
        var named = false
        while true {
            let key = ByteScan.word(base, count: limit, from: cursor)
            // Where the search for the space that ends the field starts: no key holds one.
            var valueEnd = cursor
            switch UInt8(truncatingIfNeeded: key) {
            case UInt8(ascii: "t") where key & 0xFF_FFFF == Key.to:
                guard let found = PostfixScan.address(line, at: cursor &+ 3, limit: limit) else {
                    return .missing
                }
                event.recipient = found.range
                named = true
                valueEnd = found.next
            case UInt8(ascii: "o") where key == Key.origTo:
                guard let found = PostfixScan.address(line, at: cursor &+ 8, limit: limit) else {
                    return .missing
                }
                event.originalRecipient = found.range
                valueEnd = found.next
            case UInt8(ascii: "f") where key & 0xFF_FFFF_FFFF == Key.from:
                guard let found = PostfixScan.address(line, at: cursor &+ 5, limit: limit) else {
                    return .missing
                }
                valueEnd = found.next
                // qmgr's most frequent line: decide it without walking the rest.
                if PostfixScan.starts(line, at: valueEnd, ", size=") {
                    branch = .queueActive
                    return .ignored
                }
            case UInt8(ascii: "r") where key & 0xFFFF_FFFF_FFFF == Key.relay:
                let start = cursor &+ 6
                // Up to the comma or space, sixteen bytes a step.
                valueEnd =
                    ByteVector.firstIndex(
                        of: PostfixScan.comma, or: PostfixScan.space, in: base, count: limit,
                        from: start) ?? limit
                event.relay = ByteRange(start, valueEnd)
            case UInt8(ascii: "d") where key & 0xFFFF_FFFF == Key.dsn:
                event.mtaDSN = PostfixScan.enhancedCode(line, at: cursor &+ 4, end: limit)
                valueEnd = cursor &+ 4
            // `delay=`, not `delays=` (its parts, which the sixth byte tells apart).
            case UInt8(ascii: "d") where key & 0xFFFF_FFFF_FFFF == Key.delay:
                event.delayMillis = DelayText.postfixSeconds(line, at: cursor &+ 6)
                valueEnd = cursor &+ 6
            case UInt8(ascii: "s") where key & 0xFF_FFFF_FFFF_FFFF == Key.status:
                event.domain = PostfixScan.domain(of: event.recipient, in: line)
                return status(line, at: cursor &+ 7, named: named, into: &event, branch: &branch)
            default:
                break
            }
            // On to the next field: after the next space, and any more.
            guard let space = PostfixScan.nextSpace(base, count: limit, from: valueEnd) else {
                return .missing
            }
            cursor = space &+ 1
            while cursor < limit, base[cursor] == PostfixScan.space { cursor &+= 1 }
            if cursor >= limit { return .missing }
        }
    }

    /// Whether the fields at `index` open with qmgr's `from=<...>, size=`, which `parse`
    /// answers with `.ignored` (`.queueActive`) before writing anything to the event: the
    /// parser asks first and sets no event up for these lines.
    static func opensQueueActive(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard PostfixScan.starts(line, at: index, "from="),
            let found = PostfixScan.address(line, at: index &+ 5, limit: line.count)
        else { return false }
        return PostfixScan.starts(line, at: found.next, ", size=")
    }

    /// The keys the walk reads, as the little-endian words of their bytes.
    private enum Key {
        /// `to=`
        static let to: UInt64 = 0x3D_6F74
        /// `orig_to=`
        static let origTo: UInt64 = 0x3D6F_745F_6769_726F
        /// `from=`
        static let from: UInt64 = 0x3D_6D6F_7266
        /// `relay=`
        static let relay: UInt64 = 0x3D79_616C_6572
        /// `dsn=`
        static let dsn: UInt64 = 0x3D6E_7364
        /// `delay=`
        static let delay: UInt64 = 0x3D79_616C_6564
        /// `status=`
        static let status: UInt64 = 0x3D_7375_7461_7473
    }

    /// The status word at `index` and the reason after it.
    private static func status(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, named: Bool,
        into event: inout RawEvent, branch: inout PostfixBranch
    ) -> Outcome {
        let limit = line.count
        var wordEnd = index
        // The usual words (`sent`, `bounced`, `expired`) end within one word.
        if let word = ByteWord.load(line, at: index) {
            let stops =
                ByteScan.zeroByteFlags(word ^ ByteWord.splat(PostfixScan.space))
                | ByteScan.zeroByteFlags(word ^ ByteWord.splat(PostfixScan.comma))
                | ByteScan.zeroByteFlags(word ^ ByteWord.splat(UInt8(ascii: "(")))
            wordEnd = index &+ (stops == 0 ? 8 : stops.trailingZeroBitCount &>> 3)
        }
        while wordEnd < limit, line[wordEnd] != PostfixScan.space,
            line[wordEnd] != PostfixScan.comma, line[wordEnd] != UInt8(ascii: "(")
        {
            wordEnd += 1
        }
        let word = ByteRange(index, wordEnd).slice(of: line)
        let softBounce: Bool
        switch word.count {
        case 4 where ByteScan.hasPrefix(word, at: 0, "sent"):
            event.status = .sent
            softBounce = false
        case 7 where ByteScan.hasPrefix(word, at: 0, "bounced"):
            event.status = .bounced
            softBounce = false
        case 8 where ByteScan.hasPrefix(word, at: 0, "deferred"):
            event.status = .deferred
            softBounce = false
        case 10 where ByteScan.hasPrefix(word, at: 0, "SOFTBOUNCE"):
            event.status = .deferred
            softBounce = true
        case 7 where ByteScan.hasPrefix(word, at: 0, "expired"),
            13 where ByteScan.hasPrefix(word, at: 0, "force-expired"):
            // qmgr names no recipient, and no reason beyond "returned to sender".
            event.status = .expired
            event.recipient = .none
            event.domain = .none
            branch = .expired
            return .event
        default:
            if ByteScan.hasPrefix(word, at: 0, "deliverable")
                || ByteScan.hasPrefix(word, at: 0, "undeliverable")
            {
                branch = .addressProbe
                return .ignored
            }
            return .missing
        }
        let reason = reasonRange(line, after: wordEnd)
        let remote = PostfixReason.analyze(line, reason: reason, status: event.status, into: &event)
        if !named {
            branch = .deliveryWithoutRecipient
        } else if softBounce {
            branch = .deliverySoftBounce
        } else if event.status == .sent {
            branch = .deliverySent
        } else {
            branch = remote ? .deliveryRemoteReply : .deliveryMTAReason
        }
        return .event
    }

    /// `(reason)` after the status word, up to the last `)` of the line (replies nest
    /// parentheses); or the bare text when there are none.
    private static func reasonRange(_ line: UnsafeBufferPointer<UInt8>, after index: Int)
        -> ByteRange
    {
        let limit = line.count
        var start = index
        while start < limit, line[start] == PostfixScan.space { start += 1 }
        guard start < limit, line[start] == UInt8(ascii: "(") else {
            return PostfixScan.trimmed(ByteRange(start, limit), in: line)
        }
        start += 1
        var end = limit
        while end > start, line[end - 1] != UInt8(ascii: ")") { end -= 1 }
        // A line cut before its closing parenthesis keeps what it has.
        let reason = end > start ? ByteRange(start, end - 1) : ByteRange(start, limit)
        return PostfixScan.trimmed(reason, in: line)
    }
}
