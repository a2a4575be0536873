/// The IPv4 addresses inside a reply, which `CachingClassifier` leaves out of its key so that
/// replies differing only in an address (an inbound block-list reject naming the client, a
/// `Client host [192.0.2.1] blocked using ...`) share one remembered verdict.
///
/// An address here is a token: a maximal run of digits and dots that reads `a.b.c.d` (each part
/// one to three digits, at most 255) with a plain ASCII byte on either side (`isBoundary`: not
/// a letter, digit, dot, `-` or `_`), or the reply's start or end. The key form of a reply
/// writes `0.0.0.0` for each token; the rest stays byte for byte. That form is again a reply
/// whose tokens are exactly the `0.0.0.0`s, so two replies with the same key form have the
/// same bytes between their tokens.
///
/// Why the verdict cannot depend on a token's digits, when `phrasesAllowMasking` holds for the
/// classifier's phrases (it does for the built-in rules; a user rule can turn it off):
/// - Phrases: the matcher's stream is the reply with `\n` read as a space and continuation
///   markers skipped. No marker starts or ends inside a token (a token's fourth byte or earlier
///   is a dot; an enhanced code read into a token meets a dot and a digit after three parts),
///   and no `\n`, multi-byte letter or URL delimiter is inside one, so the stream holds the
///   same bytes around each token. A phrase found overlapping a token would have to hold a run
///   of digits and dots that is a whole address (inside the phrase), an address's start (at
///   the phrase's end, after a boundary byte), an address's end (at its start, before a
///   boundary byte) or a piece of one (a phrase of digits and dots only): `phrasesAllowMasking`
///   rules each out. So every phrase found lies between tokens, and whether it counts inside a
///   URL is decided by bytes that are not digits or dots.
/// - Codes: the reply code read at the reply's start or after `said: `/`talk to me: ` is three
///   digits followed by a space or `-` (a token's three digits are followed by a dot, and are
///   at most 255 where a code must be 400 or more); `firstEnhancedCode` rejects a code followed
///   by a dot and a digit, as each one starting in a token is, and one starting outside a token
///   cannot run into it (it would be part of the token's run).
/// - The listed IP and a block list named by the reply's own words (`ReplyScan.listName`) read
///   the address: `CachingClassifier` works the listed IP out again on a hit, and does not
///   remember a verdict whose block list the reply's words named.
enum ReplyAddressMask {
    /// What a key writes for each address: `0.0.0.0` as one little-endian word (its eighth
    /// byte lands in the output's slack, see `write`).
    static let placeholderWord: UInt64 = 0x30_2E30_2E30_2E30
    static let placeholderCount = 7

    /// Whether `byte` may stand next to an address token.
    @inline(__always)
    static func isBoundary(_ byte: UInt8) -> Bool {
        byte < 0x80 && !ByteScan.isAlphanumeric(byte) && byte != UInt8(ascii: ".")
            && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_")
    }

    @inline(__always)
    private static func isRunByte(_ byte: UInt8) -> Bool {
        ByteScan.isDigit(byte) || byte == UInt8(ascii: ".")
    }

    /// The first token at or after `from` in `text`, or nil.
    @inline(__always)
    static func nextToken(in text: UnsafeBufferPointer<UInt8>, from: Int) -> Range<Int>? {
        guard let base = text.baseAddress else { return nil }
        let count = text.count
        let dots = UInt64(UInt8(ascii: ".")) &* 0x0101_0101_0101_0101
        var index = Swift.max(from, 0)
        // An address's first dot follows a digit: the dots of a word are found together, and
        // each costs a look at the byte before; whole runs of digits and dots that are no
        // address are stepped over.
        while index < count {
            var flags: UInt64
            if index + 8 <= count {
                flags = ByteScan.zeroByteFlags(ByteScan.word(base, index) ^ dots)
                // Only the lowest flag is sure; the others are checked again below.
            } else {
                flags = 0
                for offset in 0..<(count - index) where base[index + offset] == UInt8(ascii: ".") {
                    flags |= 0x80 << UInt64(offset << 3)
                }
            }
            if flags == 0 {
                index += 8
                continue
            }
            let dot = index + flags.trailingZeroBitCount >> 3
            guard base[dot] == UInt8(ascii: "."), dot > 0, dot + 1 < count,
                ByteScan.isDigit(base[dot - 1])
            else {
                index = dot + 1
                continue
            }
            var start = dot - 1
            while start > 0, isRunByte(base[start - 1]) { start -= 1 }
            var end = dot + 1
            while end < count, isRunByte(base[end]) { end += 1 }
            if (start == 0 || isBoundary(base[start - 1]))
                && (end == count || isBoundary(base[end]))
                && isAddress(text, start, end)
            {
                return start..<end
            }
            index = end
        }
        return nil
    }

    /// Whether `text[start..<end]` (digits and dots) is `a.b.c.d` with parts of one to three
    /// digits, each at most 255.
    @inline(__always)
    static func isAddress(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 7, end - start <= 15 else { return false }
        var cursor = start
        for part in 0..<4 {
            if part > 0 {
                guard cursor < end, text[cursor] == UInt8(ascii: ".") else { return false }
                cursor += 1
            }
            var value = 0
            var digits = 0
            while cursor < end, ByteScan.isDigit(text[cursor]) {
                value = value &* 10 &+ Int(text[cursor] &- UInt8(ascii: "0"))
                digits += 1
                cursor += 1
            }
            guard digits >= 1, digits <= 3, value <= 255 else { return false }
        }
        return cursor == end
    }

    /// Writes the key form of `text` (each token replaced by `0.0.0.0`) to `output`, which holds
    /// at least `text.count + 8` bytes, starting with the token `first`; returns its length.
    static func write(
        _ text: UnsafeBufferPointer<UInt8>, first: Range<Int>,
        to output: UnsafeMutablePointer<UInt8>
    ) -> Int {
        guard let base = text.baseAddress else { return 0 }
        var written = 0
        var copied = 0
        var token: Range<Int>? = first
        while let found = token {
            let plain = found.lowerBound - copied
            (output + written).update(from: base + copied, count: plain)
            written += plain
            // Tokens are at least seven bytes: the key form is never longer than the text, and
            // the word's eighth byte is overwritten next or lies in the slack.
            UnsafeMutableRawPointer(output + written).storeBytes(
                of: placeholderWord.littleEndian, as: UInt64.self)
            written += placeholderCount
            copied = found.upperBound
            token = nextToken(in: text, from: copied)
        }
        (output + written).update(from: base + copied, count: text.count - copied)
        return written + text.count - copied
    }

    // MARK: - Whether the phrases allow it

    /// Whether `phrases` let a reply's addresses be masked at all (`guardWords` is not nil).
    static func phrasesAllowMasking(_ phrases: [String]) -> Bool {
        guardWords(phrases) != nil
    }

    /// The words that keep a masked key from being remembered, when `phrases` (case-folded, as
    /// the matcher holds them) allow masking; nil when they do not.
    ///
    /// A phrase that could be found overlapping an address token (see the type) could make the
    /// verdict depend on the address: `uceprotect level 1` on `UCEPROTECT Level 1.2.3.4`. Such
    /// a phrase is found only where the stream holds its letters too, and a word of ASCII
    /// letters in the stream is the same word in the reply (no marker is skipped and no `\n`
    /// read inside a word; no other byte folds to an ASCII letter): so a reply in which none of
    /// these words occurs (case-insensitively) has no such phrase on its tokens. Each is the
    /// longest word of letters of such a phrase; a phrase without one turns masking off.
    static func guardWords(_ phrases: [String]) -> [[UInt8]]? {
        var words: [[UInt8]] = []
        for phrase in phrases {
            let bytes = Array(phrase.utf8)
            var index = 0
            var reaches = false
            while index < bytes.count {
                guard isRunByte(bytes[index]) else {
                    index += 1
                    continue
                }
                var end = index
                while end < bytes.count, isRunByte(bytes[end]) { end += 1 }
                if !runAvoidsAddresses(bytes, index, end) { reaches = true }
                index = end
            }
            guard reaches else { continue }
            guard let word = longestWord(bytes) else { return nil }
            if !words.contains(word) { words.append(word) }
        }
        return words
    }

    /// The longest run of ASCII lower-case letters in `bytes`, if any.
    private static func longestWord(_ bytes: [UInt8]) -> [UInt8]? {
        var best: Range<Int>?
        var index = 0
        while index < bytes.count {
            guard bytes[index] &- UInt8(ascii: "a") < 26 else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, bytes[end] &- UInt8(ascii: "a") < 26 { end += 1 }
            if end - index > (best?.count ?? 0) { best = index..<end }
            index = end
        }
        return best.map { Array(bytes[$0]) }
    }

    /// Whether `text` holds one of `words` (lower-case ASCII letters), in any case: each
    /// word's first letter is looked for eight bytes at a time.
    static func containsWord(_ words: [[UInt8]], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        for word in words where !word.isEmpty && word.count <= text.count {
            let lower = word[0]
            let upper = lower & ~0x20
            var start = 0
            while true {
                start = ByteScan.firstOf(lower, upper, upper, in: text, from: start)
                guard start + word.count <= text.count else { break }
                var offset = 1
                while offset < word.count, ByteScan.lower(text[start + offset]) == word[offset] {
                    offset += 1
                }
                if offset == word.count { return true }
                start += 1
            }
        }
        return false
    }

    /// Whether the run `bytes[start..<end]` of digits and dots in a phrase can never lie on an
    /// address token in a reply.
    private static func runAvoidsAddresses(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let before = start > 0 ? bytes[start - 1] : nil
        let after = end < bytes.count ? bytes[end] : nil
        // A phrase byte next to the run would stand next to the token in the reply: unless it
        // may, the run is never on a token.
        if let before, !isBoundary(before) { return true }
        if let after, !isBoundary(after) { return true }
        let run = Array(bytes[start..<end])
        // Bounded on a side, the run starts (or ends) where the token does.
        return !fitsAddress(run, atStart: before != nil, atEnd: after != nil)
    }

    /// Whether `run` is a piece of some address: its start (`atStart`), its end (`atEnd`),
    /// both (the whole address) or neither (anywhere inside).
    static func fitsAddress(_ run: [UInt8], atStart: Bool, atEnd: Bool) -> Bool {
        let pieces = run.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard pieces.count <= 4 else { return false }
        if atStart && atEnd && pieces.count != 4 { return false }
        for (index, piece) in pieces.enumerated() {
            let isFirst = index == 0
            let isLast = index == pieces.count - 1
            // A first piece may be the end of a part unless the run starts with the address; a
            // last one the start of a part unless it ends with it. Other pieces are whole parts.
            let mayBePartial = (isFirst && !atStart) || (isLast && !atEnd)
            if piece.isEmpty {
                if mayBePartial { continue }
                return false
            }
            guard piece.count <= 3 else { return false }
            let value = piece.reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
            // A piece of one or two digits is the whole of some part; of three, only when at
            // most 255 (then it is itself a part, and no longer part contains it).
            if value > 255 { return false }
        }
        return true
    }
}
