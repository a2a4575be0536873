import BounceCore
import Testing

/// Targets and the names they are looked up under (RFC 5782 §2).
@Suite struct ReputationTargetTests {
    @Test(arguments: [
        ("203.0.113.5", "5.113.0.203"),
        ("0.0.0.0", "0.0.0.0"),
        ("255.1.20.3", "3.20.1.255"),
    ])
    func ipv4IsReversed(text: String, prefix: String) throws {
        let target = try #require(ListingTarget(text))
        #expect(target.isAddress)
        #expect(target.queryPrefix == prefix)
        #expect(target.description == text)
    }

    @Test func ipv6IsThirtyTwoReversedNibbles() throws {
        let target = try #require(ListingTarget("2001:DB8::25"))
        #expect(
            target.queryPrefix
                == "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2")
        #expect(target.description == "2001:db8::25")
    }

    @Test(arguments: [
        ("::1", "::1"), ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"),
        ("::ffff:192.0.2.1", "::ffff:c000:201"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("2001:db8::", "2001:db8::"),
    ])
    func ipv6TextRoundTrips(text: String, canonical: String) throws {
        let bytes = try #require(IPAddressText.ipv6(text))
        #expect(IPAddressText.text(ipv6: bytes) == canonical)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1::2::3", ":::",
        "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "fe80::1%eth0", "1.2.3.4::", "a..b",
        "-bad.example", "under score.example", "example", "1.2.3.4.",
    ])
    func rejectsWhatIsNoTarget(text: String) {
        #expect(ListingTarget(text) == nil)
    }

    @Test func domainsAreLowerCasedWithoutTheFinalDot() throws {
        let target = try #require(ListingTarget("Shop.Example."))
        #expect(target == .domain("shop.example"))
        #expect(!target.isAddress)
        #expect(target.queryPrefix == "shop.example")
    }

    @Test func publicAddressesOnly() {
        let addresses: [[UInt8]] = [
            [127, 0, 0, 1], [10, 1, 2, 3], [192, 168, 1, 1], [172, 20, 0, 1], [100, 64, 0, 1],
            [169, 254, 1, 1], [203, 0, 113, 9], [198, 51, 100, 1], [8, 8, 8, 8], [8, 8, 8, 8],
            [0xfe, 0x80] + Array(repeating: 0, count: 14),
            [0xfd, 0] + Array(repeating: 0, count: 14),
            [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 12),
            [0x2a, 0x01, 0x04, 0xf8] + Array(repeating: 0, count: 11) + [1],
        ]
        #expect(
            PublicAddress.targets(addresses) == [
                .ipv4([8, 8, 8, 8]),
                .ipv6([0x2a, 0x01, 0x04, 0xf8] + Array(repeating: 0, count: 11) + [1]),
            ])
    }
}
