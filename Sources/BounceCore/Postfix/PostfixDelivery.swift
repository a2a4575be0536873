/// Delivery outcome lines: `to=<...>, [orig_to=<...>,] relay=..., dsn=..., status=X (reason)`,
/// and qmgr's `from=<...>, status=expired, returned to sender`.
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
    static func parse(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent,
        branch: inout PostfixBranch
    ) -> Outcome {
        let limit = line.count
        var cursor = index
        var statusAt = -1
        var named = false
        while cursor < limit {
            switch line[cursor] {
            case UInt8(ascii: "t") where PostfixScan.starts(line, at: cursor, "to="):
                guard let found = PostfixScan.address(line, at: cursor + 3, limit: limit) else {
                    return .missing
                }
                event.recipient = found.range
                named = true
                cursor = found.next
            case UInt8(ascii: "o") where PostfixScan.starts(line, at: cursor, "orig_to="):
                guard let found = PostfixScan.address(line, at: cursor + 8, limit: limit) else {
                    return .missing
                }
                event.originalRecipient = found.range
                cursor = found.next
            case UInt8(ascii: "f") where PostfixScan.starts(line, at: cursor, "from="):
                guard let found = PostfixScan.address(line, at: cursor + 5, limit: limit) else {
                    return .missing
                }
                cursor = found.next
                // qmgr's most frequent line: decide it without walking the rest.
                if PostfixScan.starts(line, at: cursor, ", size=") {
                    branch = .queueActive
                    return .ignored
                }
            case UInt8(ascii: "r") where PostfixScan.starts(line, at: cursor, "relay="):
                let start = cursor + 6
                // Up to the comma or space, eight bytes at a time.
                cursor = ByteScan.firstOf(
                    PostfixScan.comma, PostfixScan.space, PostfixScan.space, in: line, from: start,
                    to: limit)
                event.relay = ByteRange(start, cursor)
            case UInt8(ascii: "d") where PostfixScan.starts(line, at: cursor, "dsn="):
                var offset = 0
                let rest = ByteRange(cursor + 4, limit).slice(of: line)
                event.mtaDSN = EnhancedStatusCode.scan(rest, at: &offset)
            case UInt8(ascii: "s") where PostfixScan.starts(line, at: cursor, "status="):
                statusAt = cursor + 7
            default:
                break
            }
            if statusAt >= 0 { break }
            // On to the next field: after the next space.
            cursor = ByteScan.find(PostfixScan.space, in: line, from: cursor, to: limit) ?? limit
            while cursor < limit, line[cursor] == PostfixScan.space { cursor += 1 }
        }
        guard statusAt >= 0 else { return .missing }
        event.domain = PostfixScan.domain(of: event.recipient, in: line)
        return status(line, at: statusAt, named: named, into: &event, branch: &branch)
    }

    /// The status word at `index` and the reason after it.
    private static func status(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, named: Bool,
        into event: inout RawEvent, branch: inout PostfixBranch
    ) -> Outcome {
        let limit = line.count
        var wordEnd = index
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
