import BounceCore
import Testing

/// The built-in table of block lists.
@Suite struct DNSBLCatalogTests {
    @Test func idsAreUniqueAndZonesAreNames() {
        let ids = DNSBLCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for list in DNSBLCatalog.all {
            #expect(DomainNameText.normalized(list.zone) == list.zone, "\(list.id)")
            #expect(list.delist.hasPrefix("http"), "\(list.id)")
            #expect(!list.codes.isEmpty, "\(list.id)")
            for code in list.codes where !list.bitmask {
                let value = DNSBLList.address(
                    code.address[0], code.address[1], code.address[2], code.address[3])
                #expect(list.listingRange.contains(value), "\(list.id) \(code.address)")
            }
        }
    }

    @Test func defaultsNeedNoKey() {
        #expect(!DNSBLCatalog.defaults.isEmpty)
        #expect(DNSBLCatalog.defaults.allSatisfy { !$0.needsKey })
        #expect(DNSBLCatalog.list("abusix")!.needsKey)
        #expect(DNSBLCatalog.list("spamhaus-dqs-zen")!.needsKey)
    }

    /// One table of delisting pages: where a list is also known from bounces, both agree.
    @Test func delistingPagesComeFromTheBlocklistCatalog() {
        for list in DNSBLCatalog.all {
            for name in list.blocklistNames {
                guard
                    let entry = BlocklistCatalog.entries.first(where: { $0.blocklist.name == name })
                else { continue }
                if name == list.blocklistNames.first {
                    #expect(entry.blocklist.delistURL == list.delist, "\(list.id)")
                }
            }
        }
    }

    @Test func zenKnowsSBLXBLAndPBL() {
        let zen = DNSBLCatalog.list("spamhaus-zen")!
        #expect(zen.ipv6)
        let meanings = zen.codes.map(\.meaning)
        for word in ["SBL", "CSS", "XBL", "PBL"] {
            #expect(meanings.contains { $0.contains(word) }, "\(word)")
        }
    }
}
