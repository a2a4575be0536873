import Testing

@testable import BounceCore

/// The matcher's table is built the cheap way (rows copied from the failure state's row); it
/// must be exactly the table of the textbook construction, kept here as the reference.
@Suite struct PhraseMatcherBuildTests {
    /// The textbook Aho–Corasick fill over a dense trie: for every state and every class, the
    /// edge if there is one, else the failure state's transition; phrase ids merged along
    /// failure links.
    static func reference(_ matcher: PhraseMatcher) -> (transitions: [UInt16], ends: [Set<UInt16>])
    {
        let width = matcher.width
        let flag: UInt16 = 0x8000
        var edges: [Int32] = Array(repeating: -1, count: width)
        var ends: [[UInt16]] = [[]]
        for (id, phrase) in matcher.phrases.enumerated() where !phrase.isEmpty {
            var state = 0
            for byte in phrase.utf8 {
                let symbol = Int(matcher.classOf[Int(byte)])
                if edges[state * width + symbol] < 0 {
                    edges[state * width + symbol] = Int32(ends.count)
                    ends.append([])
                    edges.append(contentsOf: repeatElement(-1, count: width))
                }
                state = Int(edges[state * width + symbol])
            }
            ends[state].append(UInt16(id))
        }
        var failure = [Int](repeating: 0, count: ends.count)
        var queue: [Int] = []
        for symbol in 0..<width {
            let child = edges[symbol]
            if child < 0 { edges[symbol] = 0 } else { queue.append(Int(child)) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ends[state].append(contentsOf: ends[failure[state]])
            for symbol in 0..<width {
                let child = edges[state * width + symbol]
                let fallback = edges[failure[state] * width + symbol]
                if child < 0 {
                    edges[state * width + symbol] = fallback
                } else {
                    failure[Int(child)] = Int(fallback)
                    queue.append(Int(child))
                }
            }
        }
        let transitions = edges.map { UInt16($0) | (ends[Int($0)].isEmpty ? 0 : flag) }
        return (transitions, ends.map(Set.init))
    }

    static func check(_ matcher: PhraseMatcher) {
        let expected = reference(matcher)
        #expect(matcher.stateCount == expected.ends.count)
        #expect(matcher.transitions == expected.transitions)
        for state in 0..<matcher.stateCount {
            let slice = matcher.outputs[
                Int(matcher.outputStart[state])..<Int(matcher.outputStart[state + 1])]
            #expect(Set(slice) == expected.ends[state], "phrases ending at state \(state)")
            #expect(slice.count == expected.ends[state].count, "no id twice at state \(state)")
        }
    }

    @Test func theStandardRulesGiveTheTextbookTable() {
        Self.check(Classifier.standard.matcher)
    }

    @Test func sharedPrefixesSuffixesAndEmptyPhrasesGiveTheTextbookTable() {
        Self.check(
            PhraseMatcher(phrases: [
                "he", "she", "his", "hers", "", "s", "ssss", "e", "hershey", "Ü ber", "über",
                "пользователь", "用户不存在", "户", " a ", "a",
            ]))
        Self.check(PhraseMatcher(phrases: []))
        Self.check(PhraseMatcher(phrases: ["", ""]))
    }

    @Test func theProviderSignaturesGiveTheTextbookTable() {
        let providers = Provider.standard.flatMap(\.signatures)
        Self.check(PhraseMatcher(phrases: Array(Set(providers.map(CaseFold.fold))).sorted()))
    }
}
