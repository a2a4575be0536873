/// One event read from an inotify descriptor.
public struct InotifyEvent: Hashable, Sendable {
    /// The watch it belongs to, as returned when the watch was added.
    public let watch: Int32
    /// `IN_*` bits.
    public let mask: UInt32
    /// Pairs a `IN_MOVED_FROM` with its `IN_MOVED_TO`.
    public let cookie: UInt32
    /// The entry's name for events on a watched directory; empty for the watched file itself.
    public let name: String

    public init(watch: Int32, mask: UInt32, cookie: UInt32, name: String) {
        self.watch = watch
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }

    /// The fixed part of `struct inotify_event`: wd, mask, cookie, len.
    static let headerSize = 16

    /// Splits a buffer filled by `read(2)` on an inotify descriptor into events. A record cut
    /// short (which the kernel never produces) ends the parse.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while bytes.count - offset >= headerSize {
            // The kernel aligns records, but a loadUnaligned keeps this safe for any buffer.
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard bytes.count - nameStart >= length else { break }
            // The name is NUL-padded to the record's length.
            let field = bytes[nameStart..<(nameStart + length)]
            let nameBytes = field.prefix { $0 != 0 }
            events.append(
                InotifyEvent(
                    watch: watch, mask: mask, cookie: cookie,
                    name: String(decoding: nameBytes, as: UTF8.self)))
            offset = nameStart + length
        }
        return events
    }
}
