import Testing

@testable import BounceCore

@Suite struct JSONReaderTests {
    @Test func readsBackWhatTheWriterWrote() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("text", "quote \" back \\ nl \n del \u{7F} ls \u{2028} é 𝄞 /")
        writer.field("count", 9_007_199_254_740_993)
        writer.key("ratio")
        writer.value(0.25)
        writer.field("none", nil as String?)
        writer.key("list")
        writer.beginArray()
        writer.value(true)
        writer.value(false)
        writer.endArray()
        writer.endObject()
        let value = try JSONReader.parse(writer.bytes)
        #expect(value["text"]?.string == "quote \" back \\ nl \n del \u{7F} ls \u{2028} é 𝄞 /")
        #expect(value["count"]?.int64 == 9_007_199_254_740_993)
        #expect(value["ratio"]?.double == 0.25)
        #expect(value["none"]?.isNull == true)
        #expect(value["list"] == .array([.bool(true), .bool(false)]))
        #expect(value["missing"] == nil)
    }

    /// What Foundation's `JSONEncoder` writes: escaped slashes, surrogate pairs.
    @Test func readsTheEscapesOfOtherWriters() throws {
        let text =
            #"{"url":"https:\/\/example.org\/","clef":"\ud834\udd1e","b":"\b\f\r\t","lone":"\ud800x"}"#
        let value = try JSONReader.parse(Array(text.utf8))
        #expect(value["url"]?.string == "https://example.org/")
        #expect(value["clef"]?.string == "𝄞")
        #expect(value["b"]?.string == "\u{8}\u{C}\r\t")
        #expect(value["lone"]?.string == "\u{FFFD}x")
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "\"open", "01", "1.", "-", "tru", "[1] x", "\"a\u{1}\"",
        "\"\\x\"", "\"\\u12\"", "{1:2}",
    ])
    func refusesWhatIsNotJSON(text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(text.utf8)) }
    }

    @Test func refusesNestingBeyondTheCap() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = #expect(throws: JSONReader.Failure.self) {
            try JSONReader.parse(Array(deep.utf8))
        }
        #expect(error?.reason == "nested too deeply")
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try JSONReader.parse(Array(fine.utf8))
    }

    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
    ])
    func base64GoesBothWays(plain: String, encoded: String) {
        #expect(MailBase64.encode(Array(plain.utf8)) == encoded)
        #expect(MailBase64.decode(Array(encoded.utf8)) == Array(plain.utf8))
    }

    @Test func base64RefusesOtherText() {
        #expect(MailBase64.decode(Array("Zm9v!".utf8)) == nil)
        #expect(MailBase64.decode(Array("Z".utf8)) == nil)
        #expect(MailBase64.decode(Array("Zg==Zg".utf8)) == nil)
    }
}
