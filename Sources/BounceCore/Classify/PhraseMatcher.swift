/// Finds every phrase of a fixed list in a text in one pass: an Aho–Corasick automaton over
/// case-folded bytes (`CaseFold`: ASCII, Latin and Cyrillic letters), compiled once into a dense
/// table. Phrases in any script are matched on their UTF-8 bytes.
///
/// Words inside a URL (from `://` to the next space, quote or angle bracket) are not evidence:
/// NetEase links a `help_spam_...` page from every reply. A phrase found inside a URL only counts
/// when it is one of the `urlPhrases` given at compile time (a code a provider carries in its
/// help link, a block list's own site).
///
/// The text is scanned as if it had a space before and after it, so a phrase may carry a leading
/// or trailing space to ask for a word boundary at either end of the text too.
///
/// Multi-line SMTP replies reach the log joined: Postfix writes `... does not 550-5.1.1 exist`,
/// Exim writes `... does not\n550-5.1.1 exist` with a literal backslash-n. So that a phrase
/// still matches across such a joint, Exim's `\n` counts as a space and a continuation marker
/// after a space (`550-`, `550-5.1.1 `, or `550 5.1.1 `) is skipped.
public struct PhraseMatcher: Sendable {
    /// The phrases, lower-cased, in id order.
    public let phrases: [String]
    /// Byte → alphabet class; bytes that occur in no phrase share class 0.
    private let classOf: [UInt8]
    private let width: Int
    /// `transitions[state * width + class]`: the next state, failure links already folded in,
    /// with `outputFlag` set when phrases end there, so that the scan makes one table read per
    /// byte.
    private let transitions: [UInt16]
    private static let outputFlag: UInt16 = 0x8000
    /// States are numbered below the output flag of a 16-bit transition.
    public static let maximumStates = Int(outputFlag)
    /// Phrase ids that end at each state (its own and those reached through failure links),
    /// as a slice `outputStart[state]..<outputStart[state + 1]` of `outputs`.
    private let outputStart: [Int32]
    private let outputs: [UInt16]
    /// For each phrase id, whether it counts when found inside a URL.
    private let countsInURL: [Bool]

    /// Compiles the automaton. Phrases are case-folded (`CaseFold`); empty phrases never match.
    /// `urlPhrases` (ids into `phrases`) also count inside URLs; by default a phrase counts there
    /// when it carries URL punctuation itself (`.`, `/`, `#`, `=`, `?`, `&`).
    public init(phrases: [String], urlPhrases: Set<Int>? = nil) {
        precondition(phrases.count <= BitSet2048.capacity, "too many phrases for BitSet2048")
        let lowered = phrases.map(CaseFold.fold)
        self.phrases = lowered
        self.countsInURL = lowered.enumerated().map { id, phrase in
            urlPhrases?.contains(id) ?? Self.looksLikeURLPart(phrase)
        }

        var classes = [UInt8](repeating: 0, count: 256)
        var nextClass = 1
        for phrase in lowered {
            for byte in phrase.utf8 where classes[Int(byte)] == 0 {
                classes[Int(byte)] = UInt8(nextClass)
                nextClass += 1
            }
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            classes[Int(upper)] = classes[Int(upper | 0x20)]
        }
        let width = nextClass
        self.classOf = classes
        self.width = width

        // The trie, with -1 for "no edge".
        var edges: [Int32] = Array(repeating: -1, count: width)
        var ends: [[UInt16]] = [[]]
        for (id, phrase) in lowered.enumerated() where !phrase.isEmpty {
            var state = 0
            for byte in phrase.utf8 {
                let symbol = Int(classes[Int(byte)])
                if edges[state * width + symbol] < 0 {
                    edges[state * width + symbol] = Int32(ends.count)
                    ends.append([])
                    edges.append(contentsOf: repeatElement(-1, count: width))
                }
                state = Int(edges[state * width + symbol])
            }
            ends[state].append(UInt16(id))
        }

        // Breadth-first: complete the transition function and merge outputs along failure links.
        var failure = [Int](repeating: 0, count: ends.count)
        var queue: [Int] = []
        for symbol in 0..<width {
            let child = edges[symbol]
            if child < 0 {
                edges[symbol] = 0
            } else {
                queue.append(Int(child))
            }
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
        precondition(ends.count < Int(Self.outputFlag), "too many matcher states")
        self.transitions = edges.map { target in
            UInt16(target) | (ends[Int(target)].isEmpty ? 0 : Self.outputFlag)
        }

        var starts: [Int32] = [0]
        var flat: [UInt16] = []
        for found in ends {
            flat.append(contentsOf: found)
            starts.append(Int32(flat.count))
        }
        self.outputStart = starts
        self.outputs = flat
    }

    /// Whether a phrase is written to match a piece of a URL or a host name.
    public static func looksLikeURLPart(_ phrase: String) -> Bool {
        phrase.utf8.contains { byte in
            byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "#")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "?")
                || byte == UInt8(ascii: "&")
        }
    }

    /// Whether phrase `id` counts when found inside a URL.
    func countsInURL(_ id: Int) -> Bool { countsInURL[id] }

    /// The number of automaton states (for tests and sizing).
    public var stateCount: Int { outputStart.count - 1 }

    /// The ids of the phrases found anywhere in `text`, except inside URLs (see the type).
    public func matches(in text: UnsafeBufferPointer<UInt8>) -> BitSet2048 {
        var found = BitSet2048()
        classOf.withUnsafeBufferPointer { classOf in
            transitions.withUnsafeBufferPointer { delta in
                outputStart.withUnsafeBufferPointer { starts in
                    outputs.withUnsafeBufferPointer { outputs in
                        countsInURL.withUnsafeBufferPointer { countsInURL in
                            let space = Int(classOf[Int(UInt8(ascii: " "))])
                            let flag = Self.outputFlag
                            var state = 0
                            // `end`: the index after the last byte read. Whether it lies in a URL
                            // is only asked when a phrase ends there, which is rare, so the scan
                            // itself pays nothing for URLs.
                            @inline(__always) func step(_ symbol: Int, end: Int) {
                                let next = delta[state &* width &+ symbol]
                                state = Int(next & ~flag)
                                guard next & flag != 0 else { return }
                                let inURL = Self.isInsideURL(text, before: end)
                                var index = Int(starts[state])
                                let last = Int(starts[state + 1])
                                while index < last {
                                    let id = Int(outputs[index])
                                    if !inURL || countsInURL[id] { found.insert(id) }
                                    index += 1
                                }
                            }
                            step(space, end: 0)
                            var index = Self.continuationEnd(text, at: 0)
                            while index < text.count {
                                var byte = text[index]
                                index += 1
                                if byte < 0x80 {
                                    if byte == 0x5C, index < text.count, text[index] == 0x6E {
                                        byte = 0x20
                                        index += 1
                                    }
                                    step(Int(classOf[Int(byte)]), end: index)
                                    if byte == 0x20 {
                                        index = Self.continuationEnd(text, at: index)
                                    }
                                } else if CaseFold.isFoldLead(byte), index < text.count,
                                    text[index] & 0xC0 == 0x80
                                {
                                    let pair = CaseFold.fold(byte, text[index])
                                    index += 1
                                    step(Int(classOf[Int(pair.0)]), end: index)
                                    step(Int(classOf[Int(pair.1)]), end: index)
                                } else {
                                    step(Int(classOf[Int(byte)]), end: index)
                                }
                            }
                            step(space, end: 0)
                        }
                    }
                }
            }
        }
        return found
    }

    /// Whether the byte before `end` lies inside a URL: the run of bytes before it, back to the
    /// last byte that ends a URL (or Exim's `\n`), contains `://`. The byte that ends a URL
    /// belongs to it, so a phrase ending at the space after a link is in the link.
    static func isInsideURL(_ text: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
        var cursor = end - 2
        while cursor >= 2 {
            let byte = text[cursor]
            if endsURL(byte) { return false }
            if byte == 0x6E, text[cursor - 1] == 0x5C { return false }
            if byte == 0x2F, text[cursor - 1] == 0x2F, text[cursor - 2] == 0x3A { return true }
            cursor -= 1
        }
        return false
    }

    /// The bytes that end a URL in a reply: white space, quotes, angle brackets.
    @inline(__always)
    static func endsURL(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x22 || byte == 0x27 || byte == 0x3C
            || byte == 0x3E
    }

    /// The index after a reply continuation marker at `index`: `NNN-`, `NNN-c.s.d ` or
    /// `NNN c.s.d `; `index` itself when there is none.
    @inline(__always)
    static func continuationEnd(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard index + 4 <= text.count, text[index] &- UInt8(ascii: "2") < 4,
            ByteScan.isDigit(text[index + 1]), ByteScan.isDigit(text[index + 2])
        else { return index }
        let separator = text[index + 3]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: " ") else {
            return index
        }
        var cursor = index + 4
        if EnhancedStatusCode.scan(text, at: &cursor) != nil, cursor < text.count,
            text[cursor] == UInt8(ascii: " ")
        {
            return cursor + 1
        }
        return separator == UInt8(ascii: "-") ? index + 4 : index
    }
}
