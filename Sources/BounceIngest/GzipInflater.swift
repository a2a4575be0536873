import CZlib

/// Streams the decompressed bytes of a gzip file, member after member.
///
/// Rotated logs are often concatenations of gzip members (`cat a.gz b.gz`, `logrotate` with
/// `delaycompress` and appends), so a member's end is not the end of the data. Errors are held
/// back until the bytes decompressed before them have been handed out: a damaged archive still
/// yields everything up to the damage.
final class GzipInflater {
    private let file: InputFile
    // zlib keeps a pointer back to the stream and checks it, so the stream must not move.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    /// Compressed bytes read from the file so far.
    private var compressedRead = 0
    private var inputAtEnd = false
    private var finished = false
    private var pendingError: IngestError?

    /// Starts decompressing `file`, whose first bytes were already read into `prefix`.
    init(file: InputFile, prefix: UnsafeBufferPointer<UInt8>, inputCapacity: Int)
        throws(IngestError)
    {
        self.file = file
        self.inputCapacity = max(inputCapacity, prefix.count, 2)
        input = .allocate(capacity: self.inputCapacity)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        if let base = prefix.baseAddress, prefix.count > 0 {
            input.update(from: base, count: prefix.count)
        }
        compressedRead = prefix.count
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(prefix.count)
        // 16 + MAX_WBITS: expect a gzip header and trailer, not a raw zlib stream.
        let status = inflateInit2_(
            stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw .readError(path: file.path, reason: "cannot start gzip decompression")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Offset in the compressed file of the next byte zlib will look at.
    private var compressedOffset: Int { compressedRead - Int(stream.pointee.avail_in) }

    /// Fills `target` with up to `count` decompressed bytes; 0 means the last member ended.
    func read(into target: UnsafeMutablePointer<UInt8>, count: Int) throws(IngestError) -> Int {
        if let error = pendingError {
            pendingError = nil
            finished = true
            throw error
        }
        guard !finished, count > 0 else { return 0 }
        stream.pointee.next_out = target
        stream.pointee.avail_out = UInt32(min(count, Int(UInt32.max)))
        let requested = Int(stream.pointee.avail_out)
        do {
            try inflateSome()
        } catch {
            let produced = requested - Int(stream.pointee.avail_out)
            guard produced > 0 else {
                finished = true
                throw error
            }
            pendingError = error
            return produced
        }
        return requested - Int(stream.pointee.avail_out)
    }

    /// Runs zlib until the output is full or the data ends.
    private func inflateSome() throws(IngestError) {
        while stream.pointee.avail_out > 0 && !finished {
            if stream.pointee.avail_in == 0 {
                if inputAtEnd {
                    throw .truncatedGzip(path: file.path, offset: compressedRead)
                }
                try refill()
                continue
            }
            let availableBefore = stream.pointee.avail_in
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                try startNextMember()
            case Z_BUF_ERROR:
                // No progress although input and output space remain: zlib is stuck.
                if stream.pointee.avail_in == availableBefore {
                    throw .corruptGzip(
                        path: file.path, offset: compressedOffset, reason: "no progress possible")
                }
            case Z_MEM_ERROR:
                throw .readError(path: file.path, reason: "out of memory while decompressing")
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                throw .corruptGzip(path: file.path, offset: compressedOffset, reason: reason)
            }
        }
    }

    /// After a member's trailer: another member follows, or the data ends. Bytes that are not
    /// a gzip header (tape padding, zeros) are ignored, as gzip(1) does.
    private func startNextMember() throws(IngestError) {
        while stream.pointee.avail_in < 2 && !inputAtEnd {
            try refill()
        }
        guard stream.pointee.avail_in >= 2, let next = stream.pointee.next_in,
            next[0] == 0x1F, next[1] == 0x8B
        else {
            finished = true
            return
        }
        guard inflateReset(stream) == Z_OK else {
            throw .corruptGzip(
                path: file.path, offset: compressedOffset, reason: "cannot restart decompression")
        }
    }

    /// Moves unread input to the front and reads more behind it.
    private func refill() throws(IngestError) {
        let kept = Int(stream.pointee.avail_in)
        if kept > 0, let next = stream.pointee.next_in, next != input {
            // Overlapping ranges: `copyMemory` is `memmove`.
            UnsafeMutableRawPointer(input).copyMemory(from: next, byteCount: kept)
        }
        let got = try file.read(into: input + kept, count: inputCapacity - kept)
        if got == 0 { inputAtEnd = true }
        compressedRead += got
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(kept + got)
    }
}
