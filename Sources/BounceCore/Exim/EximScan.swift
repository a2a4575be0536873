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
        ByteScan.find(space, in: line, from: index, to: limit) ?? Swift.max(index, limit)
    }

    /// `index` is at an opening quote: the index after the closing one (backslash escapes
    /// honoured), or `limit` when the quote never closes.
    static func skipQuoted(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int {
        var cursor = index + 1
        while cursor < limit {
            let byte = line[cursor]
            if byte == quote { return cursor + 1 }
            cursor += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        return limit
    }

    /// The first `:` followed by a space (or ending the line) outside double quotes: where Exim
    /// puts the reason after an address and its fields.
    static func separator(_ line: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int? {
        var cursor = index
        while cursor < limit {
            let byte = line[cursor]
            if byte == quote {
                cursor = skipQuoted(line, from: cursor, limit: limit)
                continue
            }
            if byte == colon, cursor + 1 == limit || line[cursor + 1] == space { return cursor }
            cursor += 1
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
        var cursor = index
        while cursor < end {
            guard
                ByteScan.isAlphanumeric(line[cursor]) || cursor == index + 6 || cursor == secondDash
            else {
                return nil
            }
            cursor += 1
        }
        return end
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
        while cursor >= range.start {
            if line[cursor] == UInt8(ascii: "@") {
                return cursor + 1 < range.end ? ByteRange(cursor + 1, range.end) : .none
            }
            cursor -= 1
        }
        return .none
    }
}
