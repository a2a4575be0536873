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
    let classOf: [UInt8]
    let width: Int
    /// `transitions[state * width + class]`: the next state, failure links already folded in,
    /// with `outputFlag` set when phrases end there, so that the scan makes one table read per
    /// byte.
    let transitions: [UInt16]
    private static let outputFlag: UInt16 = 0x8000
    /// States are numbered below the output flag of a 16-bit transition.
    public static let maximumStates = Int(outputFlag)
    /// Phrase ids that end at each state (its own and those reached through failure links),
    /// as a slice `outputStart[state]..<outputStart[state + 1]` of `outputs`.
    let outputStart: [Int32]
    let outputs: [UInt16]
    /// For each phrase id, whether it counts when found inside a URL.
    private let countsInURL: [Bool]

    /// Compiles the automaton. Phrases are case-folded (`CaseFold`); empty phrases never match.
    /// `urlPhrases` (ids into `phrases`) also count inside URLs; by default a phrase counts there
    /// when it carries URL punctuation itself (`.`, `/`, `#`, `=`, `?`, `&`).
    public init(phrases: [String], urlPhrases: Set<Int>? = nil) {
        let lowered = phrases.map(CaseFold.fold)
        self.init(
            folded: lowered,
            countsInURL: lowered.enumerated().map { id, phrase in
                urlPhrases?.contains(id) ?? Self.looksLikeURLPart(phrase)
            })
    }

    /// Compiles phrases that are case-folded already, with whether each counts inside a URL.
    init(folded lowered: [String], countsInURL: [Bool]) {
        precondition(lowered.count <= BitSet2048.capacity, "too many phrases for BitSet2048")
        precondition(countsInURL.count == lowered.count, "one URL flag per phrase")
        self.phrases = lowered
        self.countsInURL = countsInURL

        var classes = [UInt8](repeating: 0, count: 256)
        var nextClass = 1
        func assign<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes where classes[Int(byte)] == 0 {
                classes[Int(byte)] = UInt8(nextClass)
                nextClass += 1
            }
        }
        for phrase in lowered {
            if phrase.utf8.withContiguousStorageIfAvailable(assign) == nil { assign(phrase.utf8) }
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            classes[Int(upper)] = classes[Int(upper | 0x20)]
        }
        let width = nextClass
        self.classOf = classes
        self.width = width

        let automaton = Self.compile(lowered, classes: classes, width: width)
        self.transitions = automaton.transitions
        self.outputStart = automaton.outputStart
        self.outputs = automaton.outputs
    }

    /// The dense automaton of `phrases` (already folded) over the alphabet `classes`.
    ///
    /// Built for a cheap start: `bouncewatch classify` on one line pays for this once, and the
    /// table has some 10,000 states of about 130 classes. The trie is kept sparse (children
    /// as linked lists), and each state's row of the dense table is a copy of its failure
    /// state's row (complete already: breadth-first order) with its own children written over
    /// it; the textbook fill, which asks for every state and class whether there is an edge,
    /// cost about ten times as much. The table is allocated without zeroing (every row is
    /// written once, by one `memcpy`), and the phrase ids ending at each state are counted
    /// first and then written straight into their final places.
    static func compile(_ phrases: [String], classes: [UInt8], width: Int) -> (
        transitions: [UInt16], outputStart: [Int32], outputs: [UInt16]
    ) {
        // The trie: state 0 is the root; `rootChild` finds the root's children in one step.
        let capacity = phrases.reduce(1) { $0 + $1.utf8.count }
        var rootChild = [Int32](repeating: -1, count: width)
        var firstChild: [Int32] = [-1]
        var nextSibling: [Int32] = [-1]
        var symbolOf: [UInt8] = [0]
        var firstEnd: [Int32] = [-1]
        firstChild.reserveCapacity(capacity)
        nextSibling.reserveCapacity(capacity)
        symbolOf.reserveCapacity(capacity)
        firstEnd.reserveCapacity(capacity)
        var nextEnd = [Int32](repeating: -1, count: phrases.count)
        for (id, phrase) in phrases.enumerated() where !phrase.isEmpty {
            var state = 0
            for byte in phrase.utf8 {
                let symbol = Int(classes[Int(byte)])
                var child: Int32 = state == 0 ? rootChild[symbol] : -1
                if state != 0 {
                    var sibling = firstChild[state]
                    while sibling >= 0 {
                        if Int(symbolOf[Int(sibling)]) == symbol {
                            child = sibling
                            break
                        }
                        sibling = nextSibling[Int(sibling)]
                    }
                }
                if child < 0 {
                    child = Int32(firstChild.count)
                    firstChild.append(-1)
                    symbolOf.append(UInt8(symbol))
                    firstEnd.append(-1)
                    nextSibling.append(firstChild[state])
                    firstChild[state] = child
                    if state == 0 { rootChild[symbol] = child }
                }
                state = Int(child)
            }
            nextEnd[id] = firstEnd[state]
            firstEnd[state] = Int32(id)
        }
        let stateCount = firstChild.count
        precondition(stateCount < Int(outputFlag), "too many matcher states")

        // Breadth-first: rows, failure links and how many phrase ids end at each state (its
        // own, and those of its failure state, counted before it).
        var failure = [Int32](repeating: 0, count: stateCount)
        var outputCount = [Int32](repeating: 0, count: stateCount)
        var order: [Int32] = [0]
        order.reserveCapacity(stateCount)
        let transitions = [UInt16](unsafeUninitializedCapacity: stateCount * width) {
            table, initialized in
            let base = table.baseAddress!
            let rowBytes = width * MemoryLayout<UInt16>.stride
            // The root's row is all zeros (every class leads back to it) but for its children.
            base.initialize(repeating: 0, count: width)
            var head = 0
            while head < order.count {
                let state = Int(order[head])
                head += 1
                let row = state &* width
                let fallbackRow = Int(failure[state]) &* width
                if state != 0 {
                    UnsafeMutableRawPointer(base + row).copyMemory(
                        from: base + fallbackRow, byteCount: rowBytes)
                }
                var child = firstChild[state]
                while child >= 0 {
                    let index = Int(child)
                    let symbol = Int(symbolOf[index])
                    let fallback = state == 0 ? 0 : Int(base[fallbackRow &+ symbol] & ~outputFlag)
                    failure[index] = Int32(fallback)
                    var own: Int32 = 0
                    var end = firstEnd[index]
                    while end >= 0 {
                        own += 1
                        end = nextEnd[Int(end)]
                    }
                    outputCount[index] = own + outputCount[fallback]
                    base[row &+ symbol] = UInt16(index) | (outputCount[index] > 0 ? outputFlag : 0)
                    order.append(child)
                    child = nextSibling[index]
                }
            }
            initialized = stateCount * width
        }

        // The phrase ids of each state, in state order: its own, then those of its failure
        // state, which breadth-first order has already written.
        var outputStart = [Int32](repeating: 0, count: stateCount + 1)
        var total: Int32 = 0
        for state in 0..<stateCount {
            outputStart[state] = total
            total += outputCount[state]
        }
        outputStart[stateCount] = total
        let outputs = [UInt16](unsafeUninitializedCapacity: Int(total)) { outputs, initialized in
            for state in order.lazy.map(Int.init) where outputCount[state] > 0 {
                var slot = Int(outputStart[state])
                var end = firstEnd[state]
                while end >= 0 {
                    outputs[slot] = UInt16(end)
                    slot += 1
                    end = nextEnd[Int(end)]
                }
                let inherited = Int(failure[state])
                var from = Int(outputStart[inherited])
                let last = from + Int(outputCount[inherited])
                while from < last {
                    outputs[slot] = outputs[from]
                    slot += 1
                    from += 1
                }
            }
            initialized = Int(total)
        }
        return (transitions, outputStart, outputs)
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
