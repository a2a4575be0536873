import Testing

@testable import BounceCore

/// The tables the classifier and the provider table build at start-up without dictionaries:
/// they must give what the dictionaries gave.
@Suite struct StartupTablesTests {
    @Test func numberingGivesFirstSeenNumbersAndFindsThemAgain() {
        var numbering = StringNumbering()
        // More strings than the first table has slots, so that it grows while numbering.
        let words = (0..<300).map { "phrase \($0)" }
        for (index, word) in words.enumerated() {
            #expect(numbering.number(of: word) == index)
        }
        for (index, word) in words.enumerated().reversed() {
            #expect(numbering.number(of: word) == index, "\(word) keeps its number")
            #expect(numbering.number(ifPresent: word) == index)
        }
        #expect(numbering.count == words.count)
        #expect(numbering.strings == words)
        #expect(numbering.number(ifPresent: "phrase 300") == nil)
        #expect(numbering.number(ifPresent: "") == nil)
        #expect(numbering.number(of: "") == words.count)
    }

    @Test func numberingTellsStringsApartByTheirBytes() {
        var numbering = StringNumbering(capacity: 4)
        // "é" precomposed and as "e" with a combining accent: equal as Swift strings, different
        // bytes for the phrase matcher, so two phrases.
        let precomposed = "caf\u{E9}"
        let combining = "cafe\u{301}"
        #expect(precomposed == combining)
        #expect(numbering.number(of: precomposed) == 0)
        #expect(numbering.number(of: combining) == 1)
        #expect(numbering.number(of: "用户不存在") == 2)
        #expect(numbering.number(of: precomposed) == 0)
    }

    @Test func nameIndexKeepsTheLastValueOfARepeatedName() {
        let index = NameIndex([
            (name: "Example.COM", value: 1), (name: "mx.example.net.", value: 2),
            (name: "example.com", value: 3), (name: "", value: 4), (name: "..", value: 5),
            (name: "MX.example.net", value: 6), (name: "other.org", value: 7),
            (name: String(repeating: "a", count: NameIndex.nameLimit + 1), value: 8),
        ])
        #expect(index.count == 3)
        func exact(_ name: String) -> Int? {
            Array(name.utf8).withUnsafeBufferPointer { index.exact($0) }
        }
        func suffix(_ name: String) -> Int? {
            Array(name.utf8).withUnsafeBufferPointer { index.longestSuffix(of: $0) }
        }
        #expect(exact("example.com") == 3)
        #expect(exact("EXAMPLE.com.") == 3)
        #expect(exact("mx.example.net") == 6)
        #expect(exact("other.org") == 7)
        #expect(exact("example.net") == nil)
        #expect(suffix("a.b.mx.example.net") == 6)
        #expect(suffix("mail.example.com") == 3)
        #expect(suffix("xexample.com") == nil)
        #expect(exact(String(repeating: "a", count: NameIndex.nameLimit + 1)) == nil)
    }

    @Test func aRuleSampleIsComposedOnlyWhenRead() {
        let counter = SampleCounter()
        var rule = Rule(
            "test.sample", .policy, summary: "A rule whose sample counts its composition.",
            any: ["x"], sample: counter.compose())
        #expect(counter.calls == 0, "building a rule composes no sample")
        _ = Classifier(rules: [rule])
        #expect(counter.calls == 0, "compiling a classifier composes no sample")
        #expect(rule.sample == "sample 1")
        rule.sample = "set"
        #expect(rule.sample == "set")
    }
}

/// Counts how many times a sample was composed.
final class SampleCounter: @unchecked Sendable {
    private(set) var calls = 0

    func compose() -> String {
        calls += 1
        return "sample \(calls)"
    }
}
