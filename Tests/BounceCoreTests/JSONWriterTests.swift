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

/// JSON read on a terminal (`classify`, `scan --format json | less`) must not let a remote reply
/// reorder or hide text: bidi controls, zero-width characters and C1 controls are escaped, other
/// non-ASCII text is written as it is, and the value reads back unchanged.
@Test func escapesInvisibleFormatAndC1Characters() throws {
    let hostile =
        "a\u{202E}b\u{202C}c\u{2066}d\u{2069}e\u{200E}\u{200F}\u{200B}\u{FEFF}\u{9B}31m\u{85}"
    let ordinary = "é ü ß 日本 \u{00A0}\u{2019}\u{20AC}\u{FFFD}"
    var writer = JSONWriter()
    writer.value(hostile + ordinary)
    let text = writer.string
    for escape in [
        "\\u202e", "\\u202c", "\\u2066", "\\u2069", "\\u200e", "\\u200f", "\\u200b", "\\ufeff",
        "\\u009b", "\\u0085",
    ] {
        #expect(text.contains(escape), "missing \(escape) in \(text)")
    }
    #expect(text.hasSuffix(ordinary + "\""))
    let decoded = try #require(
        JSONSerialization.jsonObject(with: Data(writer.bytes), options: .fragmentsAllowed)
            as? String)
    #expect(decoded == hostile + ordinary)
}
