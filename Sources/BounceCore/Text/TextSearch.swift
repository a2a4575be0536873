/// Substring search by `Character`, as `contains(_:)` and `replacing(_:with:)` of the standard
/// library's `_StringProcessing` module do it (canonically equivalent text matches).
///
/// Why not those: calling either links `_StringProcessing` into the program, and with it the
/// regular-expression parser and the Unicode scalar-name tables, about 1.6 MB of the shipped
/// binary (docs/benchmarks.md, "Binary size") that nothing else uses. None of the callers is on
/// the line path.
extension String {
    /// Whether `needle` occurs in the string; an empty `needle` occurs in every string.
    public func containsText(_ needle: String) -> Bool {
        firstRange(ofText: needle, from: startIndex) != nil
    }

    /// The string with every occurrence of `needle`, left to right and not overlapping, replaced
    /// by `replacement`; unchanged when `needle` is empty.
    public func replacingText(_ needle: String, with replacement: String) -> String {
        guard !needle.isEmpty else { return self }
        var result = ""
        var rest = startIndex
        while let found = firstRange(ofText: needle, from: rest) {
            result += self[rest..<found.lowerBound]
            result += replacement
            rest = found.upperBound
        }
        result += self[rest...]
        return result
    }

    /// The first occurrence of `needle` at or after `start`, compared `Character` by `Character`.
    private func firstRange(ofText needle: String, from start: Index) -> Range<Index>? {
        guard let first = needle.first else { return start..<start }
        var candidate = start
        while candidate < endIndex {
            if self[candidate] == first {
                var position = candidate
                var matched = true
                for character in needle {
                    guard position < endIndex, self[position] == character else {
                        matched = false
                        break
                    }
                    formIndex(after: &position)
                }
                if matched { return candidate..<position }
            }
            formIndex(after: &candidate)
        }
        return nil
    }
}
