import BounceCore

/// DNS responses built byte by byte, as a server would send them.
enum DNSResponseForTests {
    struct Record {
        var owner: [UInt8]
        var type: UInt16
        var ttl: UInt32
        var data: [UInt8]
    }

    static func name(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for label in text.split(separator: ".") {
            bytes.append(UInt8(label.utf8.count))
            bytes += Array(label.utf8)
        }
        return bytes + [0]
    }

    /// A pointer to the question's name, which starts at offset 12.
    static let toQuestion: [UInt8] = [0xC0, 12]

    static func a(_ address: [UInt8], ttl: UInt32 = 300, owner: [UInt8] = toQuestion) -> Record {
        Record(owner: owner, type: 1, ttl: ttl, data: address)
    }

    static func response(
        to question: String, code: UInt8 = 0, answers: [Record] = [], authority: [Record] = []
    ) -> [UInt8] {
        var bytes: [UInt8] = [0x12, 0x34, 0x81, 0x80 | code, 0, 1]
        bytes += u16(answers.count) + u16(authority.count) + [0, 0]
        bytes += name(question) + [0, 1, 0, 1]
        for record in answers + authority {
            bytes += record.owner + u16(Int(record.type)) + [0, 1] + u32(record.ttl)
            bytes += u16(record.data.count) + record.data
        }
        return bytes
    }

    static func soa(ttl: UInt32, minimum: UInt32) -> Record {
        let data =
            name("ns.test") + name("admin.test") + u32(1) + u32(2) + u32(3) + u32(4)
            + u32(minimum)
        return Record(owner: name("test"), type: 6, ttl: ttl, data: data)
    }

    static func u16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func u32(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF),
            UInt8(value & 0xFF),
        ]
    }
}
