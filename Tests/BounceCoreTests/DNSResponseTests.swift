import BounceCore
import Testing

/// Reading DNS responses, which come from strangers: every length and pointer is checked.
@Suite struct DNSResponseTests {
    typealias R = DNSResponseForTests
    static let question = "5.113.0.203.zen.test"

    @Test func queryPacketHasOneQuestionForA() throws {
        let packet = try #require(DNSQueryPacket.a("5.113.0.203.zen.test"))
        #expect(Array(packet[0..<12]) == [0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0])
        #expect(Array(packet[12...]) == R.name(Self.question) + [0, 1, 0, 1])
        #expect(DNSQueryPacket.a("bad..name") == nil)
        #expect(DNSQueryPacket.a(String(repeating: "a", count: 64) + ".test") == nil)
    }

    @Test func readsAnswersAndTheSmallestTTL() throws {
        let bytes = R.response(
            to: Self.question,
            answers: [R.a([127, 0, 0, 2], ttl: 900), R.a([127, 0, 0, 4], ttl: 60)])
        let response = try DNSResponse.parse(bytes, question: Self.question)
        #expect(response.responseCode == 0)
        #expect(response.addresses == [[127, 0, 0, 2], [127, 0, 0, 4]])
        #expect(response.ttl == 60)
    }

    @Test func negativeAnswerTakesTheSOAsNegativeTTL() throws {
        let bytes = R.response(
            to: Self.question, code: 3, authority: [R.soa(ttl: 3600, minimum: 120)])
        let response = try DNSResponse.parse(bytes, question: Self.question)
        #expect(response.responseCode == 3)
        #expect(response.addresses.isEmpty)
        #expect(response.ttl == 120)
    }

    @Test func followsCNAMEsAndIgnoresRecordsOfOtherNames() throws {
        let target = R.name("alias.zen.test")
        let cname = R.Record(owner: R.toQuestion, type: 5, ttl: 300, data: target)
        let stray = R.a([127, 0, 0, 9], owner: R.name("other.test"))
        let bytes = R.response(
            to: Self.question, answers: [cname, stray, R.a([127, 0, 0, 3], owner: target)])
        let response = try DNSResponse.parse(bytes, question: Self.question)
        #expect(response.addresses == [[127, 0, 0, 3]])
    }

    @Test func namesCompareWithoutCase() throws {
        let bytes = R.response(to: "5.113.0.203.ZEN.Test", answers: [R.a([127, 0, 0, 2])])
        #expect(try DNSResponse.parse(bytes, question: Self.question).addresses.count == 1)
    }

    @Test func refusesWhatIsNotTheAnswerToOurQuestion() {
        let other = R.response(to: "6.113.0.203.zen.test", answers: [R.a([127, 0, 0, 2])])
        #expect(throws: DNSResponse.Malformed.wrongQuestion) {
            try DNSResponse.parse(other, question: Self.question)
        }
        var query = R.response(to: Self.question)
        query[2] = 0x01
        #expect(throws: DNSResponse.Malformed.notAResponse) {
            try DNSResponse.parse(query, question: Self.question)
        }
    }

    @Test(arguments: [false, true])
    func everyTruncationIsMalformedNeverACrash(negative: Bool) {
        let bytes =
            negative
            ? R.response(to: Self.question, code: 3, authority: [R.soa(ttl: 1, minimum: 1)])
            : R.response(to: Self.question, answers: [R.a([127, 0, 0, 2]), R.a([127, 0, 0, 4])])
        for length in 0..<bytes.count {
            #expect(throws: DNSResponse.Malformed.self) {
                try DNSResponse.parse(Array(bytes[0..<length]), question: Self.question)
            }
        }
    }

    @Test func pointerLoopsAndBadLengthsAreMalformed() {
        // An answer whose owner points at itself.
        var looping = R.response(to: Self.question)
        looping[7] = 1
        let at = looping.count
        looping += [0xC0, UInt8(at)] + [0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 127, 0, 0, 2]
        #expect(throws: DNSResponse.Malformed.badName) {
            try DNSResponse.parse(looping, question: Self.question)
        }
        // An A record with five bytes of data.
        let long = R.response(
            to: Self.question,
            answers: [R.Record(owner: R.toQuestion, type: 1, ttl: 1, data: [127, 0, 0, 2, 0])])
        #expect(throws: DNSResponse.Malformed.self) {
            try DNSResponse.parse(long, question: Self.question)
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let base = R.response(to: Self.question, answers: [R.a([127, 0, 0, 2])])
        for _ in 0..<2000 {
            var bytes = base
            for _ in 0..<3 {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
            }
            _ = try? DNSResponse.parse(bytes, question: Self.question)
        }
    }
}
