/// Byte helpers for Postfix's log syntax. Indexes may point anywhere: nothing here traps.
enum PostfixScan {
    static let space = UInt8(ascii: " ")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let quote = UInt8(ascii: "\"")

    /// The end of a queue id starting at `index` (where its `: ` begins), or nil.
    ///
    /// Short ids are upper-case hex; long ids (`enable_long_queue_ids`) use a base-52 alphabet
    /// without vowels. The vowel rule keeps words such as `warning:` or `statistics:` out.
    ///
    /// Inlined into the parser (this runs on every Postfix line); whatever the first sixteen
    /// bytes do not decide goes to `queueIDEndAfterWords`, out of line.
    @inline(__always)
    static func queueIDEnd(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        // First from the message's first sixteen bytes, two words: no colon but a space there
        // (`connect from`, `disconnect from`, `Anonymous TLS`, `PASS OLD`: the run ends
        // before sixteen bytes, not at a colon), or a colon after five to fifteen upper-case
        // hex digits (a short id: no vowel rule).
        if index >= 0, index &+ 16 <= line.count, let base = line.baseAddress {
            let first = ByteScan.word(base, index)
            let second = ByteScan.word(base, index &+ 8)
            let colon = ByteWord.splat(PostfixScan.colon)
            let firstColons = ByteScan.zeroByteFlags(first ^ colon)
            let secondColons = ByteScan.zeroByteFlags(second ^ colon)
            if firstColons | secondColons == 0 {
                let spaces = ByteWord.splat(space)
                if ByteScan.zeroByteFlags(first ^ spaces) | ByteScan.zeroByteFlags(second ^ spaces)
                    != 0
                {
                    return nil
                }
            } else {
                let length =
                    firstColons != 0
                    ? firstColons.trailingZeroBitCount &>> 3
                    : 8 &+ secondColons.trailingZeroBitCount &>> 3
                if length < 5 { return nil }
                if hexFlags(first) & prefixFlags(length) == prefixFlags(length),
                    hexFlags(second) & prefixFlags(length &- 8) == prefixFlags(length &- 8)
                {
                    let end = index &+ length
                    return ByteScan.byte(line, end &+ 1) == space ? end : nil
                }
            }
        }
        return queueIDEndAfterWords(line, at: index)
    }

    /// `queueIDEnd(_:at:)` for the lines its first sixteen bytes leave open.
    @inline(never)
    static func queueIDEndAfterWords(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        // The shapes of nearly every line first, from one or two words: a first word that
        // does not end at `:` within sixteen bytes (`connect from`, `disconnect from`,
        // `PASS OLD`), and a short id of eight to fifteen upper-case hex digits before `: `.
        // Anything else goes the long way.
        if let first = ByteWord.load(line, at: index) {
            let stops = ~alphanumericFlags(first) & ByteWord.highBits
            if stops != 0 {
                let length = stops.trailingZeroBitCount / 8
                if length < 5 || ByteWord.byte(first, length) != colon { return nil }
            } else if let second = ByteWord.load(line, at: index + 8) {
                let secondStops = ~alphanumericFlags(second) & ByteWord.highBits
                if secondStops != 0 {
                    let length = secondStops.trailingZeroBitCount / 8
                    if ByteWord.byte(second, length) != colon { return nil }
                    // All hex up to the colon: no vowel rule, and the id is decided.
                    let hexStops = ~hexFlags(second) & ByteWord.highBits
                    if hexFlags(first) == ByteWord.highBits,
                        hexStops.trailingZeroBitCount / 8 == length
                    {
                        let end = index + 8 + length
                        return ByteScan.byte(line, end + 1) == space ? end : nil
                    }
                }
            }
        }
        // Most messages start with a queue id or a lower-case word: decide on the bytes before
        // the first non-id byte, looking for vowels only when the id is not plain hex.
        let (length, allHex) = idRun(line, at: index) ?? idRunBytes(line, at: index)
        let cursor = index + length
        guard length >= 5, length <= 24, ByteScan.byte(line, cursor) == colon,
            ByteScan.byte(line, cursor + 1) == space
        else { return nil }
        if !allHex {
            for offset in index..<cursor {
                switch ByteScan.lower(line[offset]) {
                case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"),
                    UInt8(ascii: "u"):
                    return nil
                default: continue
                }
            }
        }
        return cursor
    }

    /// The length of the run of ASCII letters and digits at `index` (25 when it is longer than
    /// 24), and whether it is all upper-case hex; read eight bytes at a time. Nil when a word
    /// would cross the end of the line (the byte loop then decides).
    @inline(__always)
    static func idRun(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Bool)? {
        var run = 0
        var allHex = true
        while run < 25 {
            guard let word = ByteWord.load(line, at: index + run) else { return nil }
            let digits = ByteWord.digitFlags(word)
            let hex = digits | ByteWord.inRange(word, UInt8(ascii: "A"), UInt8(ascii: "F"))
            let letters =
                ByteWord.inRange(word, UInt8(ascii: "A"), UInt8(ascii: "Z"))
                | ByteWord.inRange(word, UInt8(ascii: "a"), UInt8(ascii: "z"))
            let stops = ~(digits | letters) & ByteWord.highBits
            let count = stops.trailingZeroBitCount / 8
            // The bytes below the first stop (all eight when there is none).
            let inRun = ((stops & (0 &- stops)) &- 1) & ByteWord.highBits
            if letters & ~hex & inRun != 0 { allHex = false }
            run += count
            if count < 8 { break }
        }
        return (min(run, 25), allHex)
    }

    /// The high bit of each byte of `word` that is an ASCII letter or digit.
    @inline(__always)
    static func alphanumericFlags(_ word: UInt64) -> UInt64 {
        // Setting bit 5 maps `A`...`Z` onto `a`...`z` and no other byte into that range.
        ByteWord.digitFlags(word)
            | ByteWord.inRange(word | ByteWord.splat(0x20), UInt8(ascii: "a"), UInt8(ascii: "z"))
    }

    /// The high bits of the first `count` bytes of a word (none for 0 or less, all for 8 or
    /// more).
    @inline(__always)
    static func prefixFlags(_ count: Int) -> UInt64 {
        if count <= 0 { return 0 }
        if count >= 8 { return ByteWord.highBits }
        return ByteWord.highBits & ((1 &<< UInt64(count &* 8)) &- 1)
    }

    /// The high bit of each byte of `word` that is a digit or `A`...`F`.
    @inline(__always)
    static func hexFlags(_ word: UInt64) -> UInt64 {
        ByteWord.digitFlags(word) | ByteWord.inRange(word, UInt8(ascii: "A"), UInt8(ascii: "F"))
    }

    /// `idRun(_:at:)` byte by byte, near the end of the line.
    static func idRunBytes(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Bool) {
        var cursor = index
        var allHex = true
        let limit = min(line.count, index + 25)
        while cursor < limit {
            let byte = line[cursor]
            if ByteScan.isDigit(byte) || byte &- UInt8(ascii: "A") < 6 {
                cursor += 1
            } else if ByteScan.isAlphanumeric(byte) {
                allHex = false
                cursor += 1
            } else {
                break
            }
        }
        return (cursor - index, allHex)
    }

    /// Whether `line` holds `literal` at `index`; inlined so that the literal's bytes become
    /// constants on the hot path.
    @inline(__always)
    static func starts(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: StaticString
    ) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index >= 0, index + count <= line.count else { return false }
        let pointer = literal.utf8Start
        var offset = 0
        while offset < count {
            if line[index + offset] != pointer[offset] { return false }
            offset += 1
        }
        return true
    }

    /// An address value at `index`: `<...>` (a quoted local part may hold `>`, `,` and spaces)
    /// or a bare token ending at a comma or space. Returns the range without brackets and the
    /// index after the value, or nil when a `<` never closes.
    static func address(_ line: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int)
        -> (range: ByteRange, next: Int)?
    {
        guard index < limit else { return (ByteRange(index, index), index) }
        guard line[index] == UInt8(ascii: "<") else {
            var cursor = index
            while cursor < limit, line[cursor] != comma, line[cursor] != space { cursor += 1 }
            return (ByteRange(index, cursor), cursor)
        }
        var cursor = index + 1
        if cursor < limit, line[cursor] == quote {
            // `"a>, b"@example.com`: skip the quoted local part first.
            cursor += 1
            while cursor < limit, line[cursor] != quote {
                cursor += line[cursor] == UInt8(ascii: "\\") ? 2 : 1
            }
            if cursor >= limit { cursor = index + 1 }
        }
        // Sixteen bytes a step (`ByteVector`): most addresses are 20 to 40 bytes.
        guard let base = line.baseAddress,
            let close = ByteVector.firstIndex(
                of: UInt8(ascii: ">"), in: base, count: Swift.min(limit, line.count), from: cursor)
        else { return nil }
        return (ByteRange(index + 1, close), close + 1)
    }

    /// The domain of an address: what follows its last `@`, or `.none`.
    static func domain(of address: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> ByteRange {
        var cursor = address.end - 1
        // Sixteen bytes a step from the end (`ByteVector`): the last `@` or quote decides.
        if address.start >= 0, address.end <= line.count, let base = line.baseAddress {
            var stop = address.end
            while stop > address.start, stop >= 16 {
                let from = stop &- 16
                var lanes = ByteVector.lanes(
                    of: UInt8(ascii: "@"), or: quote, in: base, at: from)
                // The bytes before the address are not its own.
                let outside = address.start &- from
                if outside > 0 {
                    if outside >= 8 {
                        lanes.low = 0
                        lanes.high &= ~0 &<< UInt64((outside &- 8) &* 8)
                    } else {
                        lanes.low &= ~0 &<< UInt64(outside &* 8)
                    }
                }
                let found: Int
                if lanes.high != 0 {
                    found = from &+ 8 &+ (63 &- lanes.high.leadingZeroBitCount) &>> 3
                } else if lanes.low != 0 {
                    found = from &+ (63 &- lanes.low.leadingZeroBitCount) &>> 3
                } else {
                    if outside >= 0 { return .none }
                    stop = from
                    continue
                }
                if base[found] == quote { return .none }
                return found &+ 1 < address.end ? ByteRange(found &+ 1, address.end) : .none
            }
            cursor = stop &- 1
        }
        while cursor >= address.start {
            let byte = line[cursor]
            if byte == quote { return .none }
            if byte == UInt8(ascii: "@") {
                return cursor + 1 < address.end ? ByteRange(cursor + 1, address.end) : .none
            }
            cursor -= 1
        }
        return .none
    }

    /// A client or server as Postfix names it: `host[1.2.3.4]`, `unknown[1.2.3.4]:55729`,
    /// `[2001:db8::1]:25`, or a bare name. Returns the name without the port, the address
    /// inside the brackets when it looks like one, and the index after the port.
    static func endpoint(_ line: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int)
        -> (name: ByteRange, ip: ByteRange, next: Int)
    {
        var cursor = index
        while cursor < limit {
            let byte = line[cursor]
            if byte == UInt8(ascii: "[") || byte == colon || byte == space
                || byte == UInt8(ascii: ";") || byte == comma
            {
                break
            }
            cursor += 1
        }
        guard cursor < limit, line[cursor] == UInt8(ascii: "["),
            let close = ByteScan.find(UInt8(ascii: "]"), in: line, from: cursor, to: limit)
        else { return (ByteRange(index, cursor), .none, cursor) }
        let inside = ByteRange(cursor + 1, close)
        var next = close + 1
        if ByteScan.byte(line, next) == colon, ByteScan.isDigit(ByteScan.byte(line, next + 1)) {
            next += 1
            while next < limit, ByteScan.isDigit(line[next]) { next += 1 }
        }
        return (ByteRange(index, close + 1), looksLikeIP(inside, in: line) ? inside : .none, next)
    }

    /// Hex digits, dots and colons only, with a dot or a colon: `unknown` is no address.
    static func looksLikeIP(_ range: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count >= 2, range.count <= 45, range.start >= 0, range.end <= line.count,
            let base = line.baseAddress
        else { return false }
        // Eight bytes at a time: every Exim arrival's client is checked, and a test per byte
        // cost more than the rest of the arrival's read.
        var separators: UInt64 = 0
        var offset = range.start
        while offset < range.end {
            let word = ByteScan.word(base, count: range.end, from: offset)
            let left = range.end &- offset
            let lanes =
                left >= 8 ? ByteWord.highBits : ByteWord.highBits & ((1 << UInt64(left &* 8)) &- 1)
            let separator =
                ByteWord.inRange(word, UInt8(ascii: "."), UInt8(ascii: "."))
                | ByteWord.inRange(word, colon, colon)
            // `| 0x20` turns exactly `A`-`F` and `a`-`f` into `a`-`f`.
            let allowed =
                separator | ByteWord.digitFlags(word)
                | ByteWord.inRange(
                    word | ByteWord.splat(0x20), UInt8(ascii: "a"), UInt8(ascii: "f"))
            if lanes & ~allowed != 0 { return false }
            separators |= separator
            offset &+= 8
        }
        return separators != 0
    }

    /// Reads `NNN` (2xx to 5xx, then a space, a dash or the end) and an enhanced code after it
    /// at the start of `range`, as in `550 5.1.1`, `550-5.1.1` or a bare `5.7.1`.
    static func replyCodes(
        _ line: UnsafeBufferPointer<UInt8>, in range: ByteRange, into event: inout RawEvent
    ) {
        guard !range.isEmpty else { return }
        var cursor = range.start
        let first = line[cursor]
        if first &- UInt8(ascii: "2") < 4, ByteScan.isDigit(ByteScan.byte(line, cursor + 1)),
            ByteScan.isDigit(ByteScan.byte(line, cursor + 2)),
            cursor + 3 == range.end || line[cursor + 3] == space
                || line[cursor + 3] == UInt8(ascii: "-")
        {
            event.replyCode =
                Int(first &- 48) * 100 + Int(line[cursor + 1] &- 48) * 10
                + Int(line[cursor + 2] &- 48)
            cursor += 4
        }
        guard cursor < range.end else { return }
        event.replyDSN = enhancedCode(line, at: cursor, end: range.end)
    }

    /// The last start of `literal` in `line[from..<to]`, or nil.
    ///
    /// Searched backwards from the end: what is looked for (` (in reply to `, ` from `)
    /// closes the text, so a search from the front compared most of the text's bytes, and
    /// again after each earlier hit.
    static func lastFind(
        _ literal: StaticString, in line: UnsafeBufferPointer<UInt8>, from: Int, to: Int
    ) -> Int? {
        let count = literal.utf8CodeUnitCount
        let end = Swift.min(to, line.count)
        guard count > 0, end - from >= count else { return nil }
        let first = literal.utf8Start[0]
        let lowest = Swift.max(from, 0)
        var start = end - count
        while start >= lowest {
            if line[start] == first, ByteScan.hasPrefix(line, at: start, literal) { return start }
            start -= 1
        }
        return nil
    }

    /// `range` without trailing spaces.
    static func trimmed(_ range: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> ByteRange {
        var end = range.end
        while end > range.start, line[end - 1] == space { end -= 1 }
        return ByteRange(range.start, end)
    }
}
