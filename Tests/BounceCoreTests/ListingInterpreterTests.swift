import BounceCore
import Testing

/// Only an answer in the list's documented range is a listing; everything else that is not a
/// clean answer is an error with its reason.
@Suite struct ListingInterpreterTests {
    typealias R = DNSResponseForTests
    static let zen = DNSBLCatalog.list("spamhaus-zen")!
    static let name = "5.113.0.203.zen.spamhaus.org"

    static func verdict(
        _ addresses: [[UInt8]], code: UInt8 = 0, list: DNSBLList = zen, name: String = name
    ) -> ListingResult {
        let bytes = R.response(to: name, code: code, answers: addresses.map { R.a($0) })
        return ListingInterpreter.interpret(.response(bytes), list: list, queryName: name)
    }

    @Test func listedWithTheMeaningOfEachCode() {
        let result = Self.verdict([[127, 0, 0, 2], [127, 0, 0, 10]])
        guard case .listed(let answers) = result.status else {
            Issue.record("expected a listing, got \(result)")
            return
        }
        #expect(answers.map(\.code) == ["127.0.0.2", "127.0.0.10"])
        #expect(answers[0].meaning.hasPrefix("SBL"))
        #expect(answers[1].meaning.hasPrefix("PBL"))
        #expect(result.ttl == 300)
    }

    @Test(arguments: [UInt8(252), 254, 255])
    func spamhausRefusalsAreErrorsNeverListings(last: UInt8) {
        let result = Self.verdict([[127, 255, 255, last]])
        #expect(result.error?.reason == .refused)
        #expect(!result.isListed)
    }

    @Test func aRefusalNextToAListingCodeIsStillAnError() {
        #expect(Self.verdict([[127, 0, 0, 2], [127, 255, 255, 254]]).error?.reason == .refused)
    }

    @Test(arguments: [[UInt8]([0, 0, 0, 0]), [192, 0, 2, 1], [127, 0, 0, 1], [127, 0, 1, 2]])
    func answersOutsideTheRangeAreUnexpected(address: [UInt8]) {
        #expect(Self.verdict([address]).error?.reason == .unexpectedAnswer)
    }

    @Test func nxdomainAndNodataAreClean() {
        #expect(Self.verdict([], code: 3).status == .clean)
        #expect(Self.verdict([], code: 0).status == .clean)
    }

    @Test(arguments: [
        (UInt8(2), ListingError.Reason.servfail), (5, .dnsRefused), (4, .dnsError),
    ])
    func otherResponseCodesAreErrors(code: UInt8, reason: ListingError.Reason) {
        #expect(Self.verdict([], code: code).error?.reason == reason)
    }

    @Test func transportFailuresAreErrors() {
        let list = Self.zen
        #expect(
            ListingInterpreter.interpret(.timeout, list: list, queryName: Self.name).error?.reason
                == .timeout)
        #expect(
            ListingInterpreter.interpret(
                .failure("connection refused"), list: list, queryName: Self.name
            )
            .error?.reason == .unreachable)
        #expect(
            ListingInterpreter.interpret(.response([1, 2, 3]), list: list, queryName: Self.name)
                .error?.reason == .malformed)
    }

    @Test func bitmaskListsNameEverySubList() {
        let surbl = DNSBLCatalog.list("surbl")!
        let name = "shop.example.multi.surbl.org"
        let result = Self.verdict([[127, 0, 0, 24]], list: surbl, name: name)
        guard case .listed(let answers) = result.status else {
            Issue.record("expected a listing, got \(result)")
            return
        }
        #expect(answers[0].meaning == "PH: phishing; MW: malware")
        #expect(Self.verdict([[127, 0, 0, 1]], list: surbl, name: name).error?.reason == .refused)
    }

    @Test func dblRefusesIPQueries() {
        let dbl = DNSBLCatalog.list("spamhaus-dbl")!
        let name = "shop.example.dbl.spamhaus.org"
        #expect(Self.verdict([[127, 0, 1, 255]], list: dbl, name: name).error?.reason == .refused)
        #expect(Self.verdict([[127, 0, 1, 4]], list: dbl, name: name).isListed)
    }
}
