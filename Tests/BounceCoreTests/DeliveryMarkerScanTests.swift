import Testing

@testable import BounceCore

/// Exim's ` ** ` and ` == ` are found by looking for the pair and checking the spaces around
/// it: the answer is the plain search's for every arrangement of spaces and flag bytes.
@Suite struct DeliveryMarkerScanTests {
    /// Every string of up to six bytes over ` `, `*`, `=` and `x`, alone and inside text.
    static func candidates() -> [String] {
        let alphabet: [Character] = [" ", "*", "=", "x"]
        var result: [String] = [""]
        var frontier: [String] = [""]
        for _ in 0..<6 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
            result += frontier
        }
        return result
            + result.prefix(400).map { "2026-11-26 10:14:03 1xWibd-0006fV-1Y" + $0 + " R=x" }
    }

    @Test func eximFlagsMatchThePlainSearch() {
        for text in Self.candidates() {
            let expected = text.contains(" ** ") || text.contains(" == ")
            Array(text.utf8).withUnsafeBufferPointer { line in
                #expect(DeliveryMarker.containsEximFlag(line) == expected, "\(text)")
                #expect(
                    DeliveryMarker.contains(line) == (expected || text.contains("status=")),
                    "\(text)")
            }
        }
    }
}
