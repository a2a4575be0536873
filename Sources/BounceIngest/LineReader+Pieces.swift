extension LineReader {
    /// How far `pieces` reads at a time to find the end of a line.
    private static let probeSize = 16 * 1024

    /// Splits the plain file `path` into `size / pieceBytes` pieces, each starting at the
    /// beginning of a line, so that they can be read at once by `init(path:range:)`. The
    /// pieces shrink from one and a half times their mean size to half of it: workers taking
    /// them in order then finish close together, the last piece being the smallest (with
    /// equal pieces, one worker read the last alone while the others waited). Where a file is
    /// cut depends on its content only, never on the number of workers. The last piece is
    /// open-ended (a log may grow while it is read). Nil when there is nothing to split: a
    /// file smaller than two pieces, a gzip file (which can only be read from its start), or
    /// anything but a regular file; a file that cannot be opened is left whole so that reading
    /// it reports why.
    public static func pieces(of path: String, pieceBytes: Int) -> [Range<Int>]? {
        let pieceBytes = Swift.max(pieceBytes, 1)
        guard let file = try? InputFile(path: path), let size = file.size,
            size >= 2 * pieceBytes
        else { return nil }
        let probe = UnsafeMutablePointer<UInt8>.allocate(capacity: probeSize)
        defer { probe.deallocate() }
        guard let got = try? file.read(into: probe, count: 2, at: 0), got == 2,
            probe[0] != 0x1F || probe[1] != 0x8B
        else { return nil }
        var starts = [0]
        let count = size / pieceBytes
        for index in 1..<count {
            let target = rampedBoundary(index, of: count, size: size)
            guard target > starts[starts.count - 1],
                let start = try? lineStart(in: file, atOrAfter: target, probe: probe),
                start < size, start > starts[starts.count - 1]
            else { continue }
            starts.append(start)
        }
        guard starts.count > 1 else { return nil }
        let ends = starts.dropFirst() + [Int.max]
        return zip(starts, ends).map { $0..<$1 }
    }

    /// Where piece `index` of `count` starts when piece `i` weighs `3(count - 1) - 2i`: the
    /// first weighs three times the last, and they add up to `2 count (count - 1)`. In
    /// floating point, as a file of terabytes times a weight sum would overflow an `Int`.
    static func rampedBoundary(_ index: Int, of count: Int, size: Int) -> Int {
        let before = 3 * index * (count - 1) - index * (index - 1)
        let total = 2 * count * (count - 1)
        return Int(Double(size) * Double(before) / Double(total))
    }

    /// The offset just after the first LF at or after `offset - 1`: where the first line
    /// starting at or after `offset` begins. The end of the file when no LF follows.
    private static func lineStart(
        in file: InputFile, atOrAfter offset: Int, probe: UnsafeMutablePointer<UInt8>
    ) throws(IngestError) -> Int {
        var position = offset - 1
        while true {
            let got = try file.read(into: probe, count: probeSize, at: position)
            if got == 0 { return position }
            for index in 0..<got where probe[index] == UInt8(ascii: "\n") {
                return position + index + 1
            }
            position += got
        }
    }
}
