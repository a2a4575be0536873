/// A DNS response read for what a block-list lookup needs: the response code, the `A` records
/// that answer the question (following CNAMEs) and a TTL for the cache.
///
/// The bytes come from the network and whoever controls the list's zone: every length and
/// compression pointer is checked, and anything out of bounds makes the response malformed.
public struct DNSResponse: Sendable, Equatable {
    static let typeA: UInt8 = 1
    static let typeCNAME: UInt16 = 5
    static let typeSOA: UInt16 = 6
    static let classIN: UInt8 = 1

    /// The RCODE: 0 no error, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...
    public var responseCode: UInt8
    /// The addresses of the `A` records for the question's name, in answer order.
    public var addresses: [[UInt8]]
    /// The smallest TTL of those records, or for a negative answer the SOA's negative TTL
    /// (RFC 2308); nil when the response gives none.
    public var ttl: UInt32?

    public init(responseCode: UInt8, addresses: [[UInt8]], ttl: UInt32?) {
        self.responseCode = responseCode
        self.addresses = addresses
        self.ttl = ttl
    }

    /// Why a response could not be read.
    public enum Malformed: Error, Equatable, Sendable {
        case truncated
        case notAResponse
        case wrongQuestion
        case badName
    }

    /// Reads `bytes` as the response to the `A` query for `name` (lower case, no trailing dot).
    public static func parse(_ bytes: [UInt8], question name: String) throws(Malformed)
        -> DNSResponse
    {
        var reader = DNSMessageReader(bytes)
        guard bytes.count >= 12 else { throw .truncated }
        let flags = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        guard flags & 0x8000 != 0, (flags >> 11) & 0x0F == 0 else { throw .notAResponse }
        let code = UInt8(flags & 0x000F)
        let questions = reader.u16(at: 4)
        let answers = Int(reader.u16(at: 6))
        let authorities = Int(reader.u16(at: 8))
        reader.offset = 12
        guard questions == 1 else { throw .wrongQuestion }
        let asked = try reader.name()
        guard asked == name, reader.remaining >= 4 else { throw .wrongQuestion }
        let questionType = reader.u16(at: reader.offset)
        guard questionType == UInt16(typeA) else { throw .wrongQuestion }
        reader.offset += 4

        var owners: Set<String> = [name]
        var addresses: [[UInt8]] = []
        var ttl: UInt32?
        for _ in 0..<answers {
            let record = try reader.record()
            guard record.recordClass == UInt16(classIN), owners.contains(record.owner) else {
                continue
            }
            if record.type == UInt16(typeA) {
                guard record.data.count == 4 else { throw .badName }
                addresses.append(Array(bytes[record.data]))
                ttl = min(ttl ?? record.ttl, record.ttl)
            } else if record.type == typeCNAME {
                var target = DNSMessageReader(bytes)
                target.offset = record.data.lowerBound
                owners.insert(try target.name())
            }
        }
        if addresses.isEmpty {
            for _ in 0..<authorities {
                let record = try reader.record()
                guard record.type == typeSOA else { continue }
                var soa = DNSMessageReader(bytes)
                soa.offset = record.data.lowerBound
                _ = try soa.name()
                _ = try soa.name()
                guard soa.offset + 20 <= record.data.upperBound else { throw .truncated }
                let minimum = soa.u32(at: soa.offset + 16)
                ttl = min(record.ttl, minimum)
                break
            }
        }
        return DNSResponse(responseCode: code, addresses: addresses, ttl: ttl)
    }
}
