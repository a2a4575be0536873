import Foundation
import Testing

@testable import BounceCore

@Test func writesNestedDocumentThatFoundationReadsBack() throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.field("text", "quote \" back \\ nl \n tab \t nul \u{0} del \u{7F} ls \u{2028} é")
    writer.field("count", 42)
    writer.field("missing", nil as String?)
    writer.key("list")
    writer.beginArray()
    writer.value(1)
    writer.value(true)
    writer.beginObject()
    writer.endObject()
    writer.endArray()
    writer.endObject()
    let text = writer.string
    #expect(!text.contains("\n"))
    #expect(text.contains("\\u2028"))
    let object = try #require(
        JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
    #expect(
        object["text"] as? String
            == "quote \" back \\ nl \n tab \t nul \u{0} del \u{7F} ls \u{2028} é")
    #expect(object["count"] as? Int == 42)
    #expect(object["missing"] is NSNull)
    #expect((object["list"] as? [Any])?.count == 3)
}

@Test func repairsInvalidUTF8() throws {
    var writer = JSONWriter()
    let raw: [UInt8] = [0x61, 0xFF, 0xE2, 0x80, 0x62]
    raw.withUnsafeBufferPointer { writer.value(bytes: $0) }
    let decoded = try #require(
        JSONSerialization.jsonObject(with: Data(writer.bytes), options: .fragmentsAllowed)
            as? String)
    #expect(decoded.hasPrefix("a"))
    #expect(decoded.hasSuffix("b"))
}
