import Testing

@testable import BounceCore

/// `containsText` and `replacingText`: what `contains(_:)` and `replacing(_:with:)` of the
/// standard library's `_StringProcessing` answer, without linking that module.
@Suite struct TextSearchTests {
    @Test func findsTextAnywhereAndOnlyWhole() {
        #expect("550 5.1.1 <a@example.net>: unknown".containsText("a@example.net"))
        #expect("=?utf-8?q?x?=".containsText("=?"))
        #expect("ends with =?".containsText("=?"))
        #expect(!"ends with =".containsText("=?"))
        #expect(!"a@example.ne".containsText("a@example.net"))
        #expect(!"".containsText("x"))
        #expect("anything".containsText(""))
        #expect("".containsText(""))
    }

    /// A partial match that fails must not hide the real one starting inside it.
    @Test func restartsAfterAPartialMatch() {
        #expect("aab".containsText("ab"))
        #expect("abababc".containsText("ababc"))
        #expect("xx".replacingText("x", with: "y") == "yy")
    }

    /// Characters are compared, as the standard library compares strings: canonically equivalent
    /// text matches, and a needle never matches part of a character.
    @Test func comparesCharacters() {
        #expect("caf\u{E9} du coin".containsText("cafe\u{301}"))
        #expect(!"cafe\u{301}".containsText("cafe"))
        #expect("cafe\u{301}!".replacingText("caf\u{E9}", with: "bar") == "bar!")
    }

    @Test func replacesEveryOccurrenceLeftToRightWithoutOverlap() {
        let reason = "<full-1@example.net>: mailbox of full-1@example.net is full"
        #expect(
            reason.replacingText("full-1@example.net", with: "q@example.net")
                == "<q@example.net>: mailbox of q@example.net is full")
        #expect("aaaa".replacingText("aa", with: "b") == "bb")
        #expect("aaa".replacingText("aa", with: "b") == "ba")
        #expect("no match".replacingText("zz", with: "y") == "no match")
        #expect("keep".replacingText("", with: "y") == "keep")
        #expect("ab".replacingText("ab", with: "") == "")
    }
}
