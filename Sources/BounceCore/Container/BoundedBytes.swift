/// A byte buffer that stops growing at a limit and remembers that it dropped something.
///
/// What a log line decodes into: memory stays bounded whatever the input, and the cut is
/// counted, never silent. A character (up to four bytes appended together) is kept whole or
/// not at all, and nothing is appended after the first drop, so the kept bytes are a prefix.
public struct BoundedBytes: Sendable {
    /// The bytes kept.
    public private(set) var bytes: [UInt8] = []
    /// The most bytes kept.
    public let limit: Int
    /// Whether anything was dropped since the last `removeAll()`.
    public private(set) var dropped = false

    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    public var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }

    /// Appends `run`, or as much of it as fits.
    public mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard !run.isEmpty, !dropped else { return }
        let room = limit - bytes.count
        if run.count <= room {
            bytes.append(contentsOf: run)
        } else {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: run[0..<max(0, room)]))
            dropped = true
        }
    }

    /// Appends what `other` holds; a drop there is a drop here.
    public mutating func append(contentsOf other: BoundedBytes) {
        other.bytes.withUnsafeBufferPointer { append($0) }
        if other.dropped { dropped = true }
    }

    /// Appends one byte, if it fits.
    public mutating func append(_ byte: UInt8) {
        group(1, byte, 0, 0, 0)
    }

    /// Appends two bytes of one character, or neither.
    public mutating func append(_ first: UInt8, _ second: UInt8) {
        group(2, first, second, 0, 0)
    }

    /// Appends three bytes of one character, or none.
    public mutating func append(_ first: UInt8, _ second: UInt8, _ third: UInt8) {
        group(3, first, second, third, 0)
    }

    /// Appends four bytes of one character, or none.
    public mutating func append(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) {
        group(4, first, second, third, fourth)
    }

    private mutating func group(_ count: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        guard !dropped, bytes.count + count <= limit else {
            dropped = true
            return
        }
        bytes.append(a)
        if count > 1 { bytes.append(b) }
        if count > 2 { bytes.append(c) }
        if count > 3 { bytes.append(d) }
    }

    /// Removes the last byte when it is `byte`.
    public mutating func removeLast(ifEqualTo byte: UInt8) {
        if bytes.last == byte { bytes.removeLast() }
    }

    /// Where the buffer stands, to go back to with `roll(back:)`.
    public var mark: (count: Int, dropped: Bool) { (bytes.count, dropped) }

    /// Drops what was appended since `mark` was taken.
    public mutating func roll(back mark: (count: Int, dropped: Bool)) {
        if bytes.count > mark.count { bytes.removeSubrange(mark.count...) }
        dropped = mark.dropped
    }

    /// Empties the buffer, keeping its storage, and clears `dropped`.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        dropped = false
    }
}
