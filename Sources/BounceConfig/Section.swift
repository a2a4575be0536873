/// A YAML mapping whose keys were checked against the ones a part of the file may have.
struct Section {
    let field: Field
    private let values: [String: Field]

    init(field: Field, values: [String: Field]) {
        self.field = field
        self.values = values
    }

    /// The value under `name`, or nil when the file leaves the key out.
    subscript(name: String) -> Field? { values[name] }

    /// True when the file gives `name`, even as null.
    func has(_ name: String) -> Bool { values[name] != nil }

    /// Reads `field` as a mapping with only `known` keys; reports anything else.
    static func read(_ field: Field, known: [String], log: ProblemLog) -> Section? {
        guard case .mapping(let pairs) = field.node.content else {
            log.add(field, "expected a mapping of keys to values, found \(field.shape)")
            return nil
        }
        var values: [String: Field] = [:]
        for pair in pairs {
            let keyNode = pair.key
            let keyField = Field(node: keyNode, key: field.key)
            guard let scalar = keyNode.scalar else {
                log.add(keyField, "a key must be a plain name, found \(keyField.shape)")
                continue
            }
            let name = scalar.string
            let child = field.child(name, pair.value)
            if known.contains(name) {
                values[name] = child
            } else if name == "<<" {
                log.add(
                    line: keyNode.mark.line, key: child.key,
                    "merge keys are not supported; write the keys out")
            } else {
                log.add(
                    line: keyNode.mark.line, key: child.key,
                    "unknown key\(KeySuggestion.hint(for: name, among: known))")
            }
        }
        return Section(field: field, values: values)
    }
}
