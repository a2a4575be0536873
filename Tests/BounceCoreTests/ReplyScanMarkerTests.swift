import Testing

@testable import BounceCore

/// `ReplyScan` finds where the remote's words start (`said: `, `talk to me: `) in one pass over
/// the reply's colons; it must agree with a literal search for each marker.
@Suite struct ReplyScanMarkerTests {
    /// The literal searches the one-pass reading replaced.
    static func expectedStart(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        if let found = ByteScan.find("said: ", in: text, from: 0) { return found + 6 }
        if let found = ByteScan.find("talk to me: ", in: text, from: 0) { return found + 12 }
        return 0
    }

    static func expectedCode(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        for marker in [
            ByteScan.find("said: ", in: text, from: 0),
            ByteScan.find("talk to me: ", in: text, from: 0),
        ] {
            guard let found = marker else { continue }
            let start = ByteScan.find(UInt8(ascii: ":"), in: text, from: found) ?? found
            let code = ByteScan.fixedNumber(text, at: start + 2, count: 3) ?? 0
            if code >= 400 && code < 600 { return code }
        }
        return 0
    }

    static func texts() -> [String] {
        let pieces = [
            "said: 550 5.1.1 unknown", "said:550", "said: ", "said:", "sai: ", "xsaid: 421 x",
            "refused to talk to me: 554 5.7.1 blocked", "talk to me: 452 full", "talk to me:",
            "talk to me: 399 low", "to me: 550", ": ", ":", "::", "a: b", "said: 600 high",
            "said: 45", "host mx.example.net[192.0.2.1] said: 451 4.3.0 try later",
            "time 10:00:01: said: 550", "SAID: 550",
        ]
        var texts = pieces
        for first in pieces {
            for second in pieces {
                texts.append(first + " " + second)
                texts.append(first + second)
            }
        }
        return texts
    }

    /// The byte walk that `firstEnhancedCode` skips through eight bytes at a time.
    static func expectedEnhancedCode(_ text: UnsafeBufferPointer<UInt8>, limit: Int)
        -> EnhancedStatusCode?
    {
        let end = Swift.min(text.count, limit)
        var index = 0
        while index < end {
            let byte = text[index]
            if byte == UInt8(ascii: "4") || byte == UInt8(ascii: "5") {
                let before: UInt8 = index == 0 ? UInt8(ascii: " ") : text[index - 1]
                if before == UInt8(ascii: " ") || before == UInt8(ascii: "-")
                    || before == UInt8(ascii: "#") || before == UInt8(ascii: "(")
                {
                    var cursor = index
                    if let code = EnhancedStatusCode.scan(text, at: &cursor) { return code }
                }
            }
            index += 1
        }
        return nil
    }

    @Test func findsTheFirstEnhancedCodeAsAByteWalkDoes() {
        let pieces = [
            "550 5.1.1 unknown", "550-5.7.26 blocked", "#4.2.2", "(5.7.1)", "x5.1.1", "5.1",
            "198.51.100.45 is listed", "45.5.1.1", "4.4.4.4", "5.7.1234", "5.7.1.2", "2.0.0 ok",
            "554 ", "-4.7.0 later", "44.5", "55555", "", " ",
        ]
        var found = 0
        var checked = 0
        for first in pieces {
            for second in pieces {
                for joint in ["", " ", "-", "x"] {
                    let bytes = Array((first + joint + second).utf8)
                    bytes.withUnsafeBufferPointer { buffer in
                        for limit in [0, 3, 9, 17, 512] {
                            let code = ReplyScan.firstEnhancedCode(in: buffer, limit: limit)
                            #expect(
                                code == Self.expectedEnhancedCode(buffer, limit: limit),
                                "\(first + joint + second) within \(limit)")
                            if code != nil { found += 1 }
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(found > 1000)
        #expect(found < checked)
    }

    @Test func findsTheMarkersAsALiteralSearchDoes() {
        var found = 0
        for text in Self.texts() {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let start = ReplyScan.remoteWordsStart(in: buffer)
                #expect(start == Self.expectedStart(buffer), "\(text)")
                #expect(
                    ReplyScan.quotedReplyCode(in: buffer) == Self.expectedCode(buffer), "\(text)")
                if start > 0 { found += 1 }
            }
        }
        // Both outcomes occur.
        #expect(found > 100)
        #expect(found < Self.texts().count)
    }
}
