/// A cursor over a DNS message with bounds checks everywhere (RFC 1035 §4.1).
struct DNSMessageReader {
    /// One resource record: its owner, type, class, TTL and where its data lies.
    struct Record {
        var owner: String
        var type: UInt16
        var recordClass: UInt16
        var ttl: UInt32
        var data: Range<Int>
    }

    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    func u16(at index: Int) -> UInt16 {
        UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
    }

    func u32(at index: Int) -> UInt32 {
        UInt32(u16(at: index)) << 16 | UInt32(u16(at: index + 2))
    }

    /// A resource record at the cursor, which moves past it.
    mutating func record() throws(DNSResponse.Malformed) -> Record {
        let owner = try name()
        guard remaining >= 10 else { throw .truncated }
        let type = u16(at: offset)
        let recordClass = u16(at: offset + 2)
        // RFC 2181 §8: a TTL with the top bit set is read as zero.
        let rawTTL = u32(at: offset + 4)
        let ttl = rawTTL & 0x8000_0000 == 0 ? rawTTL : 0
        let length = Int(u16(at: offset + 8))
        offset += 10
        guard remaining >= length else { throw .truncated }
        let data = offset..<(offset + length)
        offset += length
        return Record(owner: owner, type: type, recordClass: recordClass, ttl: ttl, data: data)
    }

    /// A possibly compressed name at the cursor, lower case and without the final dot; the
    /// cursor moves past its first encoding. Pointers must go backwards, so no loop exists.
    mutating func name() throws(DNSResponse.Malformed) -> String {
        var labels: [String] = []
        var position = offset
        var end: Int?
        var total = 0
        while true {
            guard position < bytes.count else { throw .truncated }
            let length = bytes[position]
            if length & 0xC0 == 0xC0 {
                guard position + 1 < bytes.count else { throw .truncated }
                let target = Int(length & 0x3F) << 8 | Int(bytes[position + 1])
                guard target < position else { throw .badName }
                if end == nil { end = position + 2 }
                position = target
                continue
            }
            guard length & 0xC0 == 0 else { throw .badName }
            if length == 0 {
                if end == nil { end = position + 1 }
                break
            }
            let start = position + 1
            guard start + Int(length) <= bytes.count else { throw .truncated }
            total += Int(length) + 1
            guard total <= 255 else { throw .badName }
            let label = bytes[start..<(start + Int(length))].map { byte -> UInt8 in
                byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            }
            labels.append(String(decoding: label, as: UTF8.self))
            position = start + Int(length)
        }
        offset = end!
        return labels.joined(separator: ".")
    }
}
