import BounceSystem

/// Reads a log file (plain, or gzip whatever its name) and hands out its lines as bytes.
///
/// Lines come without their LF and without one trailing CR, numbered from 1, as views into an
/// internal buffer that are valid only during the call that receives them: nothing is
/// allocated per line. Reads are large and lines are found with `memchr`, because this is the
/// start of the hot path of `scan`.
///
/// A line longer than `maxLineLength` is cut to that length, the rest of it is skipped, and
/// it is counted in `truncatedLines`: memory stays bounded whatever the input.
public final class LineReader {
    /// The default longest line handed out; the rest of a longer line is skipped.
    public static let defaultMaxLineLength = 64 * 1024
    /// How much is asked of the file (or of zlib) per read.
    static let readSize = 256 * 1024

    /// The input's name as given (`-` for standard input), used in messages.
    public var path: String { file.path }
    /// The modification time of a regular file in Unix seconds; nil for pipes and terminals.
    public var modificationTime: Int? { file.modificationTime }
    /// Whether the input turned out to be gzip data. Known once reading has started.
    public private(set) var isCompressed = false
    /// Lines cut to `maxLineLength`.
    public var truncatedLines: Int { cutLines }
    /// Lines handed out so far.
    public var lineCount: Int { handedOut }
    /// The longest line handed out.
    public let maxLineLength: Int

    @usableFromInline var cutLines = 0
    @usableFromInline var handedOut = 0
    private let file: InputFile
    private var inflater: GzipInflater?
    @usableFromInline let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    @usableFromInline var started = false
    /// Whether the data may be gzip: not in a piece of a plain file, whose first bytes are
    /// some line's.
    private let mayBeCompressed: Bool

    /// Opens `path`. Fails at once when the path is missing, a directory, a socket or refused.
    public init(path: String, maxLineLength: Int = LineReader.defaultMaxLineLength)
        throws(IngestError)
    {
        let file = try InputFile(path: path)
        self.file = file
        self.maxLineLength = max(1, maxLineLength)
        // Room for one whole line at the cap (plus CR LF) and a full read behind it.
        capacity = self.maxLineLength + 2 + Self.readSize
        buffer = .allocate(capacity: capacity)
        mayBeCompressed = true
    }

    /// Reads the lines of `range`, a piece of the plain file `path` that starts at the
    /// beginning of a line (`LineReader.pieces` finds such pieces). The last piece may reach
    /// past the end: it reads whatever the file holds by then, as a whole-file reader would.
    public init(
        path: String, range: Range<Int>, maxLineLength: Int = LineReader.defaultMaxLineLength
    ) throws(IngestError) {
        let file = try InputFile(path: path)
        try file.restrict(to: range)
        self.file = file
        self.maxLineLength = max(1, maxLineLength)
        capacity = self.maxLineLength + 2 + Self.readSize
        buffer = .allocate(capacity: capacity)
        mayBeCompressed = false
    }

    /// Reads standard input (or another descriptor that stays open), named `name` in messages.
    public init(
        descriptor: Int32 = 0, name: String = "-",
        maxLineLength: Int = LineReader.defaultMaxLineLength
    ) {
        file = InputFile(borrowing: descriptor, name: name)
        self.maxLineLength = max(1, maxLineLength)
        capacity = self.maxLineLength + 2 + Self.readSize
        buffer = .allocate(capacity: capacity)
        mayBeCompressed = true
    }

    deinit {
        buffer.deallocate()
    }

    /// Calls `body` with each line and its 1-based number, to the end of the input.
    ///
    /// On a read error or damaged gzip data, every complete line before the damage has been
    /// handed out when the error is thrown; the incomplete piece of line at the damage is not.
    /// A last line without LF at the end of intact data is handed out.
    ///
    /// Inlinable, so that the caller's `body` is inlined into this loop instead of being
    /// called through a closure context on every line (about 35 instructions a line in
    /// `scan`). The counts are kept in locals while the loop runs and stored on the way out,
    /// so that no line pays a run-time exclusivity check on this object's properties.
    @inlinable
    public func forEachLine(_ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int) -> Void)
        throws(IngestError)
    {
        var handedOut = self.handedOut
        var cutLines = self.cutLines
        defer {
            self.handedOut = handedOut
            self.cutLines = cutLines
        }
        let maxLineLength = self.maxLineLength
        let buffer = self.buffer
        // One line from the buffer, cut to the cap.
        // Offsets stay inside the buffer and counts below the lines read: no overflow checks.
        func deliver(start: Int, length: Int) {
            var count = length
            if count > maxLineLength {
                count = maxLineLength
                cutLines &+= 1
            }
            handedOut &+= 1
            body(UnsafeBufferPointer(start: buffer + start, count: count), handedOut)
        }
        var start = 0
        var end = 0
        if !started {
            started = true
            end = try prime()
        }
        var skipping = false
        let newline = UInt8(ascii: "\n")
        while true {
            while start < end,
                let found = ByteSearch.firstOffset(
                    of: newline, in: buffer + start, count: end - start)
            {
                let lineFeed = start &+ found
                if skipping {
                    skipping = false
                } else {
                    var length = found
                    if length > 0, buffer[lineFeed &- 1] == 0x0D { length &-= 1 }
                    deliver(start: start, length: length)
                }
                start = lineFeed &+ 1
            }
            // What is left has no LF. A line already longer than the cap is handed out cut
            // now, and the rest of it is skipped up to its LF.
            if skipping {
                start = end
            } else if end - start > maxLineLength + 1 {
                deliver(start: start, length: end - start)
                skipping = true
                start = end
            }
            if start > 0 {
                // Overlapping ranges: `copyMemory` is `memmove`.
                if end > start {
                    UnsafeMutableRawPointer(buffer).copyMemory(
                        from: buffer + start, byteCount: end - start)
                }
                end -= start
                start = 0
            }
            let got = try fill(at: end)
            if got == 0 {
                if end > 0 && !skipping {
                    var length = end
                    if buffer[end - 1] == 0x0D { length -= 1 }
                    deliver(start: 0, length: length)
                }
                return
            }
            end += got
        }
    }

    /// Calls `body` with the first block of the input's plain text (inflated when it is gzip),
    /// up to one read's worth: enough to find its first lines without reading the rest.
    public func withFirstBlock(_ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(IngestError) {
        precondition(!started, "withFirstBlock reads the start of an input only once")
        started = true
        var end = try prime()
        if isCompressed {
            while end < Self.readSize {
                let got = try fill(at: end)
                if got == 0 { break }
                end += got
            }
        }
        body(UnsafeBufferPointer(start: buffer, count: end))
    }

    /// Reads the first bytes and decides between plain text and gzip; returns the number of
    /// plain bytes now in the buffer.
    @usableFromInline
    func prime() throws(IngestError) -> Int {
        var end = 0
        // A pipe may deliver a single byte first; the magic needs two.
        while end < 2 {
            let got = try file.read(into: buffer + end, count: Self.readSize)
            if got == 0 { break }
            end += got
        }
        guard mayBeCompressed, end >= 2, buffer[0] == 0x1F, buffer[1] == 0x8B else { return end }
        isCompressed = true
        inflater = try GzipInflater(
            file: file, prefix: UnsafeBufferPointer(start: buffer, count: end),
            inputCapacity: Self.readSize)
        return 0
    }

    @usableFromInline
    func fill(at end: Int) throws(IngestError) -> Int {
        let room = min(capacity - end, Self.readSize)
        if let inflater {
            return try inflater.read(into: buffer + end, count: room)
        }
        return try file.read(into: buffer + end, count: room)
    }
}
