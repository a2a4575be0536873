/// Delivery lines: `=>`, `->`, `>>`, `*>`, `**` and `==` followed by an address, its parent,
/// `KEY=value` fields and, for failures, `: reason`.
enum EximDelivery {
    enum Flag {
        case delivered, additional, cutthrough, fake, failed, deferred
    }

    /// The flag at `index` when two flag bytes and a space (or the end) are there.
    @inline(__always)
    static func flag(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Flag? {
        let next = ByteScan.byte(line, index + 2)
        guard next == EximScan.space || (next == 0 && index + 2 == line.count) else { return nil }
        switch (ByteScan.byte(line, index), ByteScan.byte(line, index + 1)) {
        case (UInt8(ascii: "="), UInt8(ascii: ">")): return .delivered
        case (UInt8(ascii: "-"), UInt8(ascii: ">")): return .additional
        case (UInt8(ascii: ">"), UInt8(ascii: ">")): return .cutthrough
        case (UInt8(ascii: "*"), UInt8(ascii: ">")): return .fake
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): return .failed
        case (UInt8(ascii: "="), UInt8(ascii: "=")): return .deferred
        default: return nil
        }
    }

    /// Parses the rest of a delivery line into `event` (which carries the line's prefix);
    /// `index` is where the address should start.
    static func parse(
        _ flag: Flag, _ line: UnsafeBufferPointer<UInt8>, at index: Int,
        into event: inout RawEvent, branch: inout EximBranch
    ) -> LineOutcome {
        let count = line.count
        let start = EximScan.skipSpaces(line, from: index, limit: count)
        guard start < count else {
            branch = .flagWithoutAddress
            return .unrecognized
        }
        event.kind = .delivery
        switch flag {
        case .fake:
            branch = .fakeDelivery
            return .ignored
        case .delivered, .additional, .cutthrough:
            branch =
                flag == .delivered
                ? .delivered : flag == .additional ? .additionalDelivery : .cutthroughDelivery
            event.status = .sent
            let addressEnd = address(line, at: start, limit: count, into: &event)
            _ = fields(line, from: addressEnd, limit: count, stopAtHost: true, into: &event)
            parentDomain(line, into: &event)
            event.delayMillis = EximQueueTime.atEnd(line)
            return .event
        case .failed, .deferred:
            // The reason follows the first `: ` outside quotes (`DN="...: ..."` is skipped).
            let separator = EximScan.separator(line, from: start, limit: count)
            let fieldsEnd = separator ?? count
            let addressEnd = address(line, at: start, limit: fieldsEnd, into: &event)
            let firstWord = fields(
                line, from: addressEnd, limit: fieldsEnd, stopAtHost: false, into: &event)
            parentDomain(line, into: &event)
            let reasonStart =
                separator.map { EximScan.skipSpaces(line, from: $0 + 1, limit: count) }
                ?? firstWord ?? count
            return failure(
                flag, line, reasonStart: reasonStart, event: &event, branch: &branch)
        }
    }

    private static func failure(
        _ flag: Flag, _ line: UnsafeBufferPointer<UInt8>, reasonStart: Int,
        event: inout RawEvent, branch: inout EximBranch
    ) -> LineOutcome {
        let count = line.count
        if flag == .deferred {
            // `retry time not reached` (or, for local deliveries, `Retry time not yet reached`)
            // records that Exim skipped the address: no attempt, so no event.
            if let found = EximPhrase.retryTimeNot.find(
                in: line, from: reasonStart, to: EximScan.window(reasonStart, count)),
                ByteScan.hasPrefix(line, at: found + 14, "reached")
                    || ByteScan.hasPrefix(line, at: found + 14, "yet reached")
            {
                branch = .retryTimeNotReached
                return .ignored
            }
            branch = .deferred
            event.status = .deferred
        } else if EximPhrase.retryTimeoutExceeded.find(
            in: line, from: reasonStart, to: EximScan.window(reasonStart, count)) != nil
        {
            branch = .expired
            event.status = .expired
        } else {
            branch = .bounced
            event.status = .bounced
        }
        EximReply.analyse(line, start: reasonStart, end: count, into: &event)
        return .event
    }

    /// Reads the address at `index` into `recipient` and `domain`; returns the index after it.
    private static func address(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int, into event: inout RawEvent
    ) -> Int {
        var end = index
        // Sixteen bytes at a time to the next space or quote; a quoted part may hold spaces.
        while true {
            let space = EximScan.space
            let quote = EximScan.quote
            end = EximVector.firstOf(space, quote, in: line, from: end, to: limit)
            guard end < limit, line[end] == quote else { break }
            end = EximScan.skipQuoted(line, from: end, limit: limit)
        }
        var start = index
        var last = end
        if last - start >= 2, line[start] == UInt8(ascii: "<"), line[last - 1] == UInt8(ascii: ">")
        {
            start += 1
            last -= 1
        }
        if last > start {
            event.recipient = ByteRange(start, last)
            event.domain = EximScan.domain(of: event.recipient, in: line)
        }
        return end
    }

    /// A local delivery names the local part, a file or a pipe (`=> kmr <kmr@example.com>`,
    /// `=> /var/mail/kmr <kmr@example.com>`): the domain is then the parent address's.
    @inline(__always)
    private static func parentDomain(_ line: UnsafeBufferPointer<UInt8>, into event: inout RawEvent)
    {
        guard event.domain.isEmpty, !event.originalRecipient.isEmpty else { return }
        event.domain = EximScan.domain(of: event.originalRecipient, in: line)
    }

    /// Reads the parent address, `H=` and `QT=`; returns where the first word that is none starts
    /// (the reason of a line without `: `).
    private static func fields(
        _ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int, stopAtHost: Bool,
        into event: inout RawEvent
    ) -> Int? {
        var cursor = index
        var parentAllowed = true
        var firstWord: Int?
        while true {
            cursor = EximScan.skipSpaces(line, from: cursor, limit: limit)
            guard cursor < limit else { return firstWord }
            let byte = line[cursor]
            if let value = EximScan.keyValueStart(line, at: cursor, limit: limit) {
                parentAllowed = false
                if byte == UInt8(ascii: "H"), value == cursor + 2 {
                    let host = EximHost.parse(line, at: value, limit: limit)
                    event.relay = host.text
                    if stopAtHost { return firstWord }
                    cursor = host.end
                } else {
                    let key = cursor
                    cursor = EximScan.valueEnd(line, from: value, limit: limit)
                    // A failure's `QT=` is among its fields, before the reason (a delivery's
                    // is read from the end of the line).
                    if byte == UInt8(ascii: "Q"), EximQueueTime.isKey(line, at: key, value: value) {
                        event.delayMillis = DelayText.eximDuration(line, from: value, to: cursor)
                    }
                }
                continue
            }
            if byte == UInt8(ascii: "<"), parentAllowed,
                let close = ByteScan.find(UInt8(ascii: ">"), in: line, from: cursor, to: limit)
            {
                parentAllowed = false
                if close > cursor + 1 { event.originalRecipient = ByteRange(cursor + 1, close) }
                cursor = close + 1
                continue
            }
            if firstWord == nil, !isDeferWord(line, at: cursor) { firstWord = cursor }
            cursor =
                byte == EximScan.quote
                ? EximScan.skipQuoted(line, from: cursor, limit: limit)
                : EximScan.tokenEnd(line, from: cursor, limit: limit)
        }
    }

    /// `defer`, `routing` before `defer`, and `(errno)`: fields, not reason words.
    private static func isDeferWord(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        ByteScan.hasPrefix(line, at: index, "defer (")
            || ByteScan.hasPrefix(line, at: index, "routing defer")
            || (line[index] == UInt8(ascii: "(")
                && ByteScan.hasPrefix(line, at: index - 6, "defer ("))
    }
}
