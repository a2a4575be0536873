/// Builds block-style YAML line by line, two spaces per level, comments aligned after values.
struct YAMLLines {
    private(set) var text = ""

    mutating func blank() { text += "\n" }

    mutating func comment(_ line: String, depth: Int = 0) {
        text += indent(depth) + "# " + line + "\n"
    }

    /// `key: value`; an empty value opens a nested mapping.
    mutating func key(_ key: String, _ value: String, depth: Int = 0, note: String? = nil) {
        emit(indent(depth) + key + ":" + (value.isEmpty ? "" : " " + value), note: note)
    }

    /// `key:` for a list, or `key: []` when it is empty.
    mutating func list(_ key: String, empty: Bool) {
        emit(key + (empty ? ": []" : ":"), note: nil)
    }

    /// The first key of a list item of mappings: `  - key: value`.
    mutating func item(_ key: String, _ value: String, note: String? = nil) {
        emit("  - " + key + ": " + value, note: note)
    }

    private mutating func emit(_ line: String, note: String?) {
        guard let note else {
            text += line + "\n"
            return
        }
        let column = max(line.count + 2, 28)
        text += line + String(repeating: " ", count: column - line.count) + "# " + note + "\n"
    }

    private func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }
}
