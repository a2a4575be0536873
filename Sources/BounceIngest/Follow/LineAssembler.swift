import BounceSystem

/// Turns bytes read from a growing file into complete lines, keeping track of the file offset
/// where the next unread line starts.
///
/// Only lines ended by LF are handed out while a file may still grow: a partial last line
/// waits for its LF. A line longer than `maxLineLength` keeps its first `maxLineLength` bytes,
/// the rest is skipped as it arrives (memory stays bounded) and the cut line is handed out,
/// and counted, when its LF comes, so positions always fall on line boundaries.
final class LineAssembler {
    /// How much is asked of the file per read.
    static let readSize = 128 * 1024

    let maxLineLength: Int
    /// File offset of the first byte of the line being assembled: the next unread line.
    private(set) var lineStart: Int
    /// Lines cut to `maxLineLength`.
    private(set) var truncatedLines = 0

    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes in `buffer`; `buffer[0]` is the first byte of the line being assembled.
    private var count = 0
    /// Bytes of an overlong line skipped after the kept `maxLineLength + 1`.
    private var skipped = 0

    init(maxLineLength: Int, startingAt offset: Int) {
        self.maxLineLength = max(1, maxLineLength)
        lineStart = offset
        // One line at the cap (plus its CR) and a full read behind it.
        capacity = self.maxLineLength + 1 + Self.readSize
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// The file offset of the next byte to read.
    var readOffset: Int { lineStart + count + skipped }

    /// Forgets the line being assembled and goes on at `offset`.
    func reset(to offset: Int) {
        lineStart = offset
        count = 0
        skipped = 0
    }

    /// Reads `descriptor` from `readOffset` to its current end, calling `body` with each
    /// complete line and the offset just after it. Returns the number of bytes read.
    @discardableResult
    func readAvailable(
        from descriptor: Int32, path: String,
        _ body: (_ line: UnsafeBufferPointer<UInt8>, _ nextOffset: Int) -> Void
    ) throws(IngestError) -> Int {
        try readAvailable(
            using: { (target, count, offset) throws(IngestError) -> Int in
                do throws(SystemError) {
                    return try Descriptor.read(descriptor, into: target, count: count, at: offset)
                } catch {
                    throw .readError(path: path, reason: error.reason)
                }
            }, body)
    }

    /// Reads through `source` (which fills a buffer with bytes at a file offset, 0 at the end)
    /// from `readOffset` to the end, as `readAvailable(from:path:_:)` does with a descriptor.
    @discardableResult
    func readAvailable(
        using source: (
            _ target: UnsafeMutablePointer<UInt8>, _ count: Int, _ offset: Int
        ) throws(IngestError) -> Int,
        _ body: (_ line: UnsafeBufferPointer<UInt8>, _ nextOffset: Int) -> Void
    ) throws(IngestError) -> Int {
        var total = 0
        while true {
            let got = try source(buffer + count, capacity - count, readOffset)
            if got == 0 { return total }
            total += got
            let searchFrom = count
            count += got
            split(searchingFrom: searchFrom, body)
        }
    }

    /// Hands out what is left as a last line, for a file that will not grow any more.
    func flushPartialLine(_ body: (_ line: UnsafeBufferPointer<UInt8>, _ nextOffset: Int) -> Void) {
        guard count > 0 || skipped > 0 else { return }
        let end = readOffset
        deliver(length: count, body, nextOffset: end)
        reset(to: end)
    }

    /// Moves `count` bytes at `start` to the front of the buffer (the ranges may overlap:
    /// `copyMemory` is `memmove`).
    private func moveToFront(from start: Int, count: Int) {
        UnsafeMutableRawPointer(buffer).copyMemory(from: buffer + start, byteCount: count)
    }

    private func split(
        searchingFrom searchStart: Int,
        _ body: (_ line: UnsafeBufferPointer<UInt8>, _ nextOffset: Int) -> Void
    ) {
        var begin = 0
        var from = searchStart
        let newline = UInt8(ascii: "\n")
        while from < count,
            let found = ByteSearch.firstOffset(of: newline, in: buffer + from, count: count - from)
        {
            let lineFeed = from + found
            // The file offset after this LF; `skipped` only ever sits inside the first line.
            let next = lineStart + lineFeed + 1 + skipped
            if skipped > 0 {
                deliver(length: maxLineLength + 1, body, nextOffset: next)
                // The kept head and the skipped middle are gone: rebase at the next line.
                skipped = 0
                let rest = count - lineFeed - 1
                if rest > 0 { moveToFront(from: lineFeed + 1, count: rest) }
                count = rest
                lineStart = next
                begin = 0
                from = 0
                continue
            }
            deliver(from: begin, length: lineFeed - begin, body, nextOffset: next)
            begin = lineFeed + 1
            from = begin
        }
        if begin > 0 {
            let rest = count - begin
            if rest > 0 { moveToFront(from: begin, count: rest) }
            lineStart += begin
            count = rest
        }
        // Keep the cap and one byte (a CR before the LF would not count); skip the rest.
        let kept = maxLineLength + 1
        if count > kept {
            skipped += count - kept
            count = kept
        }
    }

    @inline(__always)
    private func deliver(
        from start: Int = 0, length: Int,
        _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void, nextOffset: Int
    ) {
        var length = length
        if length > 0, buffer[start + length - 1] == 0x0D, skipped == 0 { length -= 1 }
        if length > maxLineLength || skipped > 0 {
            length = min(length, maxLineLength)
            truncatedLines += 1
        }
        body(UnsafeBufferPointer(start: buffer + start, count: length), nextOffset)
    }
}
