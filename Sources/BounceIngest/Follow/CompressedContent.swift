import BounceSystem

/// The inflated bytes of a gzip-compressed rotated copy (`mail.log.2.gz`), read by offset as
/// if they were the plain file it was made from.
///
/// A compressed copy is a finished file: it never grows, and its offsets are those of the
/// plain file, so a saved position in the plain file is a position here too. zlib cannot
/// seek, so an offset ahead of the stream is reached by inflating and discarding the bytes
/// before it, and one behind it by starting over from the first byte.
final class CompressedContent {
    private let descriptor: Int32
    private let path: String
    private var inflater: GzipInflater?
    /// The inflated offset of the next byte the inflater hands out.
    private var position = 0
    /// Where the inflated data ended, once it has.
    private(set) var endOffset: Int?

    /// How much compressed input is read at a time.
    private static let inputSize = 64 * 1024

    /// Reads `descriptor` (open on a gzip file, owned by the caller) from its first byte.
    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Whether `descriptor` starts with the gzip magic bytes.
    static func isGzip(_ descriptor: Int32) -> Bool {
        var magic: (UInt8, UInt8) = (0, 0)
        let got = withUnsafeMutableBytes(of: &magic) {
            try? Descriptor.read(descriptor, into: $0.baseAddress!, count: 2, at: 0)
        }
        return got == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    }

    /// Fills `target` with up to `count` inflated bytes starting at `offset`; 0 at the end.
    func read(into target: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int)
        throws(IngestError) -> Int
    {
        if offset < position || inflater == nil { try rewind() }
        try skip(to: offset)
        guard position == offset, let inflater else { return 0 }
        let got = try inflater.read(into: target, count: count)
        position += got
        if got == 0 { endOffset = position }
        return got
    }

    /// The first `length` inflated bytes (fewer when the data is shorter).
    func prefix(_ length: Int) throws(IngestError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        var got = 0
        while got < length {
            let step = try bytes.withUnsafeMutableBufferPointer {
                (buffer) throws(IngestError) -> Int in
                try read(into: buffer.baseAddress! + got, count: length - got, at: got)
            }
            if step == 0 { break }
            got += step
        }
        bytes.removeLast(length - got)
        return bytes
    }

    private func rewind() throws(IngestError) {
        inflater = nil
        position = 0
        do {
            try Descriptor.seek(descriptor, to: 0)
        } catch {
            throw .readError(path: path, reason: error.reason)
        }
        let file = InputFile(borrowing: descriptor, name: path)
        inflater = try GzipInflater(
            file: file, prefix: UnsafeBufferPointer(start: nil, count: 0),
            inputCapacity: Self.inputSize)
    }

    /// Inflates and discards up to `offset`; stops early at the end of the data.
    private func skip(to offset: Int) throws(IngestError) {
        guard position < offset, let inflater else { return }
        let scratchSize = 64 * 1024
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchSize)
        defer { scratch.deallocate() }
        while position < offset {
            let got = try inflater.read(into: scratch, count: min(scratchSize, offset - position))
            if got == 0 {
                endOffset = position
                return
            }
            position += got
        }
    }
}
