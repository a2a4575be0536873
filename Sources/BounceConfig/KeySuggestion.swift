/// "Did you mean" for misspelt keys and identifiers.
enum KeySuggestion {
    /// `; did you mean "interval"?` for a close known name, else the list of known names.
    static func hint(for name: String, among known: [String]) -> String {
        if let close = closest(to: name, among: known) {
            return "; did you mean \"\(close)\"?"
        }
        return " (expected one of: \(known.joined(separator: ", ")))"
    }

    /// The known name within a small edit distance of `name`, if exactly one is closest.
    static func closest(to name: String, among known: [String]) -> String? {
        let lowered = Array(name.lowercased().utf8)
        // A third of the word may be wrong, at least one letter, at most three.
        let allowed = min(3, max(1, lowered.count / 3))
        var best: (name: String, distance: Int)?
        var tie = false
        for candidate in known {
            let distance = editDistance(lowered, Array(candidate.utf8))
            guard distance <= allowed else { continue }
            if let current = best, current.distance == distance {
                tie = true
            } else if best == nil || distance < best!.distance {
                best = (candidate, distance)
                tie = false
            }
        }
        return tie ? nil : best?.name
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ left: [UInt8], _ right: [UInt8]) -> Int {
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        let width = right.count + 1
        var rows = [[Int]](repeating: [Int](repeating: 0, count: width), count: left.count + 1)
        for column in 0..<width { rows[0][column] = column }
        for row in 1...left.count {
            rows[row][0] = row
            for column in 1...right.count {
                let cost = left[row - 1] == right[column - 1] ? 0 : 1
                var value = min(
                    rows[row - 1][column] + 1, rows[row][column - 1] + 1,
                    rows[row - 1][column - 1] + cost)
                if row > 1, column > 1, left[row - 1] == right[column - 2],
                    left[row - 2] == right[column - 1]
                {
                    value = min(value, rows[row - 2][column - 2] + 1)
                }
                rows[row][column] = value
            }
        }
        return rows[left.count][right.count]
    }
}
