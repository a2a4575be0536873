/// Byte helpers for Exim's log syntax. Every index may be out of range: nothing here traps.
enum EximScan {
    static let space = UInt8(ascii: " ")
    static let colon = UInt8(ascii: ":")
    static let quote = UInt8(ascii: "\"")

    /// How far into a reason the parser looks for Exim's fixed phrases (`SMTP error from remote
    /// mail server after`, `retry time not reached`, ...). Exim writes them at or near the start;
    /// the bound keeps a 10 MB line from costing a dozen full scans.
    static let phraseWindow = 1024

    /// The end of the phrase window that starts at `start`.
    @inline(__always)
    static func window(_ start: Int, _ end: Int) -> Int { Swift.min(end, start + phraseWindow) }

    @inline(__always)
    static func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }

    /// The first index at or after `index` that is not a space.
    @inline(__always)
    static func skipSpaces(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int {
        var cursor = index
        while cursor < limit, line[cursor] == space { cursor += 1 }
        return cursor
    }

    /// The index of the next space at or after `index`, or `limit`.
    @inline(__always)
    static func tokenEnd(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int {
        EximVector.find(space, in: line, from: index, to: limit) ?? Swift.max(index, limit)
    }

    /// `index` is at an opening quote: the index after the closing one (backslash escapes
    /// honoured), or `limit` when the quote never closes.
    static func skipQuoted(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int {
        let backslash = UInt8(ascii: "\\")
        var cursor = index + 1
        // From one quote or backslash to the next, eight bytes at a time.
        while cursor < limit {
            let hit = EximVector.firstOf(quote, backslash, in: line, from: cursor, to: limit)
            guard hit < limit else { return limit }
            if line[hit] == quote { return hit + 1 }
            cursor = hit + 2
        }
        return limit
    }

    /// The first `:` followed by a space (or ending the line) outside double quotes: where Exim
    /// puts the reason after an address and its fields.
    static func separator(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int? {
        var cursor = index
        while cursor < limit {
            let hit = EximVector.firstOf(quote, colon, in: line, from: cursor, to: limit)
            guard hit < limit else { return nil }
            if line[hit] == quote {
                cursor = skipQuoted(line, from: hit, limit: limit)
                continue
            }
            if hit + 1 == limit || line[hit + 1] == space { return hit }
            cursor = hit + 1
        }
        return nil
    }

    /// Where the value of a `KEY=value` token at `index` starts (`R=`, `H=`, `Ci=`, `SNI=`), or
    /// nil when the token is not one.
    @inline(__always)
    static func keyValueStart(_ line: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int)
        -> Int?
    {
        guard index < limit, isUpper(line[index]) else { return nil }
        var cursor = index + 1
        while cursor < limit, cursor - index < 8 {
            let byte = line[cursor]
            if byte == UInt8(ascii: "=") { return cursor + 1 }
            guard ByteScan.isAlphanumeric(byte) else { return nil }
            cursor += 1
        }
        return nil
    }

    /// The end of a `KEY=` value starting at `index`: a quoted string or a token.
    @inline(__always)
    static func valueEnd(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int {
        if index < limit, line[index] == quote {
            return skipQuoted(line, from: index, limit: limit)
        }
        return tokenEnd(line, from: index, limit: limit)
    }

    /// The end of an Exim message id at `index` (`1rABCD-000123-AB` or the 4.97+
    /// `1tQ3Ks-00000000Bc9-2Fq0`) when a space or the end of the line follows it.
    @inline(__always)
    static func messageIDEnd(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let dash = UInt8(ascii: "-")
        guard ByteScan.byte(line, index + 6) == dash else { return nil }
        // The second dash tells the two shapes apart: 6-6-2 or 6-11-4.
        let secondDash: Int
        if ByteScan.byte(line, index + 13) == dash {
            secondDash = index + 13
        } else if ByteScan.byte(line, index + 18) == dash {
            secondDash = index + 18
        } else {
            return nil
        }
        let end = secondDash == index + 13 ? index + 16 : index + 23
        guard end <= line.count, end == line.count || line[end] == space else { return nil }
        let valid =
            index >= 0
            ? idWordsValid(line, at: index, secondDash: secondDash - index)
            : idBytesValid(line, at: index, secondDash: secondDash - index)
        return valid ? end : nil
    }

    /// The end of a message id that starts at `index` and is followed by one space and then a
    /// byte that is not a space: `messageIDEnd(_:at:)` for the shape nearly every mainlog line
    /// has after its stamp, read from two or three words without a bounds check per byte, or
    /// nil (the caller then takes the general path, which decides every other shape).
    @inline(__always)
    static func quickIDEnd(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        // The shorter id, its space and the byte after it: 18 bytes; the longer one needs 25.
        guard index >= 0, index &+ 18 <= line.count, let base = line.baseAddress else {
            return nil
        }
        let first = ByteScan.word(base, index)
        let second = ByteScan.word(base, index &+ 8)
        guard ByteWord.byte(first, 6) == UInt8(ascii: "-") else { return nil }
        let end: Int
        let valid: Bool
        let firstFlags = alphanumericFlags(first) | 0x0080_0000_0000_0000
        if ByteWord.byte(second, 5) == UInt8(ascii: "-") {
            end = index &+ 16
            valid =
                firstFlags & (alphanumericFlags(second) | 0x0000_8000_0000_0000)
                == ByteWord.highBits
        } else {
            end = index &+ 23
            guard end &+ 2 <= line.count, base[index &+ 18] == UInt8(ascii: "-") else {
                return nil
            }
            let third = alphanumericFlags(ByteScan.word(base, index &+ 15)) | 0x0000_0000_8000_0000
            valid = firstFlags & alphanumericFlags(second) & third == ByteWord.highBits
        }
        guard valid, base[end] == space, base[end &+ 1] != space else { return nil }
        return end
    }

    /// `idWordsValid(_:at:secondDash:)` byte by byte.
    static func idBytesValid(_ line: UnsafeBufferPointer<UInt8>, at index: Int, secondDash: Int)
        -> Bool
    {
        let end = index + (secondDash == 13 ? 16 : 23)
        var cursor = index
        while cursor < end {
            guard
                ByteScan.isAlphanumeric(line[cursor]) || cursor == index + 6
                    || cursor == index + secondDash
            else {
                return false
            }
            cursor += 1
        }
        return true
    }

    /// Whether the 16 (`secondDash` 13) or 23 (`secondDash` 18) bytes at `index`, which the
    /// line holds, are ASCII letters and digits apart from the two dashes; read as two or
    /// three words.
    @inline(__always)
    static func idWordsValid(_ line: UnsafeBufferPointer<UInt8>, at index: Int, secondDash: Int)
        -> Bool
    {
        guard let base = line.baseAddress else { return false }
        // The dash at byte 6 of the first word, the second one in the second or third word.
        let first = alphanumericFlags(ByteScan.word(base, index)) | 0x0080_0000_0000_0000
        let second = alphanumericFlags(ByteScan.word(base, index + 8))
        if secondDash == 13 {
            return first & (second | 0x0000_8000_0000_0000) == ByteWord.highBits
        }
        let third = alphanumericFlags(ByteScan.word(base, index + 15)) | 0x0000_0000_8000_0000
        return first & second & third == ByteWord.highBits
    }

    /// The high bit of each byte of `word` that is an ASCII letter or digit.
    @inline(__always)
    static func alphanumericFlags(_ word: UInt64) -> UInt64 {
        // Setting bit 5 lower-cases letters and makes no other byte below 0x80 a letter.
        ByteWord.digitFlags(word)
            | ByteWord.inRange(word | 0x2020_2020_2020_2020, UInt8(ascii: "a"), UInt8(ascii: "z"))
    }

    /// `[1234]` or `[1234/5]` at `index`: the pid, moving `index` past the bracket.
    static func bracketPID(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Int? {
        guard ByteScan.byte(line, index) == UInt8(ascii: "[") else { return nil }
        var cursor = index + 1
        guard let pid = ByteScan.smallNumber(line, at: &cursor, maxDigits: 10) else { return nil }
        if ByteScan.byte(line, cursor) == UInt8(ascii: "/") {
            cursor += 1
            guard ByteScan.smallNumber(line, at: &cursor, maxDigits: 10) != nil else { return nil }
        }
        guard ByteScan.byte(line, cursor) == UInt8(ascii: "]") else { return nil }
        index = cursor + 1
        return pid
    }

    /// Whether `literal` occurs in `line[from..<to]`.
    @inline(__always)
    static func contains(
        _ literal: StaticString, in line: UnsafeBufferPointer<UInt8>, from: Int, to: Int
    ) -> Bool {
        ByteScan.find(literal, in: line, from: from, to: to) != nil
    }

    /// The domain of the address in `range`: the bytes after its last `@`.
    static func domain(of range: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> ByteRange {
        var cursor = range.end - 1
        // Eight bytes at a time from the end, with an exact per-byte test so that the highest
        // flag is the last `@`.
        if let base = line.baseAddress {
            let pattern: UInt64 = 0x4040_4040_4040_4040
            while cursor - 7 >= range.start {
                let bytes = ByteScan.word(base, cursor - 7) ^ pattern
                let nonZero = ((bytes & ByteWord.lowSeven) &+ ByteWord.lowSeven) | bytes
                let flags = ~nonZero & ByteWord.highBits
                if flags != 0 {
                    let at = cursor - 7 + (63 - flags.leadingZeroBitCount) / 8
                    return at + 1 < range.end ? ByteRange(at + 1, range.end) : .none
                }
                cursor -= 8
            }
        }
        while cursor >= range.start {
            if line[cursor] == UInt8(ascii: "@") {
                return cursor + 1 < range.end ? ByteRange(cursor + 1, range.end) : .none
            }
            cursor -= 1
        }
        return .none
    }
}
