/// The names the message state keeps (senders, sender domains, SASL users, client IPs), each
/// stored once and known by a number.
///
/// Why: thousands of messages share a few senders, and a number is what a table row and a
/// count need; the text is made into a `String` only for a report or a label. The names are
/// bounded: past `limit` names or `byteLimit` bytes a new name is `overflow`, and counted.
public struct MessageNames: Sendable {
    /// No name (the field was absent).
    public static let none: UInt32 = 0
    /// A name that did not fit (`overflowed` counts them).
    public static let overflow: UInt32 = 1
    /// `<>`: the sender domain of mail with the null sender (bounces, auto-replies).
    public static let nullSender: UInt32 = 2
    /// The most names kept, and their bytes.
    public let limit: Int
    public let byteLimit: Int

    /// The bytes of every name, one after another; name `n` is `bytes[starts[n]..<starts[n+1]]`.
    private var bytes: [UInt8] = Self.reservedBytes
    private var starts: [UInt32] = Self.reservedStarts
    private static let reservedBytes = Array("<>".utf8)
    private static let reservedStarts: [UInt32] = [0, 0, 0, 2]
    /// Open addressing: the name number in each slot (0 = empty), and its hash beside it.
    private var slots: [UInt32]
    private var hashes: [UInt32]
    private var mask: Int
    /// Names that did not fit.
    public internal(set) var overflowed = 0
    /// Strings already made, by name number (`string(_:)`): only the names reported or
    /// handed on, so a table of every name's string is not kept.
    private var made: [UInt32: String] = [:]

    public init(limit: Int = 1 << 17, byteLimit: Int = 4 << 20) {
        self.limit = max(2, limit)
        self.byteLimit = byteLimit
        slots = Array(repeating: 0, count: 1024)
        hashes = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    /// The names kept, `none`, `overflow` and `nullSender` included.
    public var count: Int { starts.count - 1 }

    /// The number of the name in `line[range]`, lower-cased first when `lowercased`; the
    /// name is added when new. An empty range is the empty name, not `none`.
    @inline(__always)
    public mutating func number(
        of range: ByteRange, in line: UnsafeBufferPointer<UInt8>, lowercased: Bool = false
    ) -> UInt32 {
        let start = max(0, range.start)
        let end = min(line.count, range.end)
        guard let base = line.baseAddress, end >= start else { return Self.none }
        let length = end &- start
        let hash = Self.hash(base + start, length, lowercased: lowercased)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let number = slots[slot]
            if number == 0 { break }
            if hashes[slot] == hash, equals(number, base + start, length, lowercased: lowercased) {
                return number
            }
            slot = (slot &+ 1) & mask
        }
        guard count < limit, bytes.count &+ length <= byteLimit else {
            overflowed &+= 1
            return Self.overflow
        }
        let number = UInt32(count)
        if lowercased {
            for index in 0..<length { bytes.append(ByteScan.lower(base[start &+ index])) }
        } else {
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: length))
        }
        starts.append(UInt32(bytes.count))
        slots[slot] = number
        hashes[slot] = hash
        if count &* 2 > mask { grow() }
        return number
    }

    /// The name as text; nil for `none`, `"other"` for `overflow`. Remembered, so that the
    /// next call hands out the same string.
    public mutating func string(_ number: UInt32) -> String? {
        guard let text = text(number) else { return nil }
        if number > Self.overflow, made[number] == nil { made[number] = text }
        return text
    }

    /// The name as text without remembering it (`string(_:)` for a value not to be changed).
    public func text(_ number: UInt32) -> String? {
        switch number {
        case Self.none: return nil
        case Self.overflow: return "other"
        default: break
        }
        let index = Int(number)
        guard index < count else { return nil }
        if let known = made[number] { return known }
        return String(decoding: bytes[Int(starts[index])..<Int(starts[index + 1])], as: UTF8.self)
    }

    /// The number here of name `number` of `other` (added when new).
    public mutating func number(of number: UInt32, in other: MessageNames) -> UInt32 {
        guard number > Self.nullSender else { return number }
        let index = Int(number)
        guard index < other.count else { return Self.none }
        return other.bytes.withUnsafeBufferPointer { bytes in
            self.number(
                of: ByteRange(Int(other.starts[index]), Int(other.starts[index + 1])), in: bytes)
        }
    }

    /// The name's bytes.
    public func withBytes<R>(_ number: UInt32, _ body: (ArraySlice<UInt8>) -> R) -> R {
        let index = Int(number)
        guard index >= Int(Self.nullSender), index < count else { return body([]) }
        return body(bytes[Int(starts[index])..<Int(starts[index + 1])])
    }

    /// Forgets every name.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: Self.reservedBytes)
        starts = Self.reservedStarts
        made.removeAll()
        for index in slots.indices { slots[index] = 0 }
        overflowed = 0
    }

    /// Whether name `number` is the `length` bytes at `pointer` (lower-cased first when
    /// `lowercased`), compared eight bytes at a time.
    @inline(__always)
    private func equals(
        _ number: UInt32, _ pointer: UnsafePointer<UInt8>, _ length: Int, lowercased: Bool
    ) -> Bool {
        let index = Int(number)
        let from = Int(starts[index])
        guard Int(starts[index &+ 1]) &- from == length else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            guard let held = stored.baseAddress else { return length == 0 }
            var offset = 0
            while offset < length {
                var word = ByteScan.word(pointer, count: length, from: offset)
                if lowercased { word |= Self.upperFlags(word) }
                if word != ByteScan.word(held + from, count: length, from: offset) { return false }
                offset &+= 8
            }
            return true
        }
    }

    /// The bit that lower-cases each upper-case ASCII letter of `word`.
    @inline(__always)
    static func upperFlags(_ word: UInt64) -> UInt64 {
        ByteWord.inRange(word, UInt8(ascii: "A"), UInt8(ascii: "Z")) >> 2
    }

    private mutating func grow() {
        let size = (mask &+ 1) &* 2
        var newSlots = [UInt32](repeating: 0, count: size)
        var newHashes = [UInt32](repeating: 0, count: size)
        let newMask = size &- 1
        for old in slots.indices where slots[old] != 0 {
            var slot = Int(hashes[old]) & newMask
            while newSlots[slot] != 0 { slot = (slot &+ 1) & newMask }
            newSlots[slot] = slots[old]
            newHashes[slot] = hashes[old]
        }
        slots = newSlots
        hashes = newHashes
        mask = newMask
    }

    /// A hash of `length` bytes (upper-case ASCII folded when `lowercased`).
    @inline(__always)
    static func hash(_ pointer: UnsafePointer<UInt8>, _ length: Int, lowercased: Bool) -> UInt32 {
        // The first and last eight bytes and the length: names differ there, and equal hashes
        // are compared in full anyway. A loop over every word cost more than the probe.
        guard length > 0 else { return 0x9E37_79B9 }
        var first = ByteScan.word(pointer, count: length, from: 0)
        var last = length > 8 ? ByteScan.word(pointer, count: length, from: length &- 8) : 0
        if lowercased {
            first |= upperFlags(first)
            last |= upperFlags(last)
        }
        let state = ByteScan.fold(first ^ ByteScan.fold(last ^ UInt64(truncatingIfNeeded: length)))
        return UInt32(truncatingIfNeeded: state ^ state >> 32)
    }
}
