import BounceCore
import BounceIngest
import BounceSystem

/// The first event's stamp of a log file, found in its first block (inflated for gzip), to
/// decide whether the file can be skipped (`ArchiveSkip`).
enum InputFirstStamp {
    /// Unix seconds of the first event in the first block of `path`, its year-less stamps
    /// placed by the file's modification time as `scan` places them; nil when the file cannot
    /// be read or holds no stamped event there (it is then read, never skipped).
    static func unixSeconds(of path: String, format: LogFormat, zone: LocalZone) -> Int? {
        guard path != "-", let reader = try? LineReader(path: path),
            let reference = reader.modificationTime
        else { return nil }
        let parser = LineParser(format: format, readsMessages: false)
        var stamp: LogTimestamp?
        var event = RawEvent.unparsed()
        _ = try? reader.withFirstBlock { block in
            var start = 0
            while stamp == nil, start < block.count {
                var end = start
                while end < block.count, block[end] != UInt8(ascii: "\n") { end += 1 }
                // The block's last line may be cut short: only whole lines are read.
                guard end < block.count else { break }
                let line = UnsafeBufferPointer(rebasing: block[start..<end])
                if parser.parse(line, into: &event) == .event { stamp = event.timestamp }
                start = end + 1
            }
        }
        guard let stamp else { return nil }
        var resolver = zone.resolver(reference: reference)
        return resolver.resolve(stamp).unixSeconds
    }
}
