import Testing

@testable import BounceCore

/// The mainlog prefix's quick readings give the answers of the general ones: the message id
/// read from words against `EximScan.messageIDEnd`, and the arrival and `Completed` decisions
/// against their byte-wise definitions, over ids with every byte changed, every cut and
/// every start.
@Suite struct EximLeadTests {
    /// Bytes that an id must not hold, and some it may.
    private static let replacements: [UInt8] =
        Array(" -_:[]@/`{ aZ09\u{7F}".utf8) + [0, 0x80, 0xFF]

    /// Ids of both shapes with a few tails, then every byte of them replaced in turn.
    private static func texts() -> [[UInt8]] {
        let ids = ["1xWMuA-00012i-Ai", "1tQ3Ks-00000000Bc9-2Fq0"]
        let tails = [" <= a@b", "  x", " ", "", "x", " Completed", " => a", "-"]
        var texts: [[UInt8]] = []
        for id in ids {
            for tail in tails {
                let bytes = Array((id + tail).utf8)
                texts.append(bytes)
                for index in 0..<id.utf8.count {
                    for byte in replacements {
                        var changed = bytes
                        changed[index] = byte
                        texts.append(changed)
                    }
                }
            }
        }
        return texts
    }

    /// `quickIDEnd` finds the id `messageIDEnd` finds whenever one space and a byte that is
    /// not a space follow it, and nothing otherwise.
    @Test func quickIDAgreesWithTheGeneralReading() {
        var found = 0
        var checked = 0
        for bytes in Self.texts() {
            for cut in 0...bytes.count {
                let line = Array(bytes[0..<cut])
                line.withUnsafeBufferPointer { line in
                    for start in 0...2 {
                        var expected = EximScan.messageIDEnd(line, at: start)
                        if let end = expected,
                            !(end + 1 < line.count && line[end] == 0x20 && line[end + 1] != 0x20)
                        {
                            expected = nil
                        }
                        let quick = EximScan.quickIDEnd(line, at: start)
                        #expect(quick == expected, "\(Array(line)) at \(start)")
                        if expected != nil { found += 1 }
                        checked += 1
                    }
                }
            }
        }
        #expect(found > 50)
        #expect(checked > 10000)
    }

    /// The arrival and `Completed` decisions, byte by byte.
    private static func reference(_ line: UnsafeBufferPointer<UInt8>, at index: Int)
        -> EximBranch?
    {
        if ByteScan.hasPrefix(line, at: index, "<= ") { return .arrival }
        if index + 9 == line.count, ByteScan.hasPrefix(line, at: index, "Completed") {
            return .messageNote
        }
        return nil
    }

    /// `EximLead.decided` answers as the definition on near misses, every cut, every start.
    @Test func leadAgreesWithTheDefinition() {
        let texts = [
            "<= a@b H=x", "<=", "<= ", "<=x", "Completed", "Completed ", "Complete", "CompletedX",
            "completed", "<= Completed", "xCompleted", "=> a@b", "<=  ", "Completed\u{0}",
        ]
        var decided = 0
        for text in texts {
            let bytes = Array(text.utf8)
            for cut in 0...bytes.count {
                let line = Array(bytes[0..<cut])
                line.withUnsafeBufferPointer { line in
                    for index in 0...line.count {
                        var branch = EximBranch.garbled
                        let outcome = EximLead.decided(line, at: index, branch: &branch)
                        let expected = Self.reference(line, at: index)
                        #expect((outcome == nil) == (expected == nil), "\(Array(line)) \(index)")
                        if let expected {
                            #expect(outcome == (expected == .arrival ? .arrival : .removed))
                            #expect(branch == expected, "\(Array(line)) \(index)")
                            decided += 1
                        }
                    }
                }
            }
        }
        #expect(decided > 10)
    }
}
