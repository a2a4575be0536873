/// A YAML node with the dotted key that leads to it, so every message can name both.
struct Field {
    let node: YAMLNode
    /// `metrics.interval`, `alerts[2].match.cause`; empty for the document itself.
    let key: String

    /// The node's line in the file (1-based).
    var line: Int? { node.mark.line }

    func child(_ name: String, _ node: YAMLNode) -> Field {
        Field(node: node, key: key.isEmpty ? name : "\(key).\(name)")
    }

    func element(_ index: Int, _ node: YAMLNode) -> Field {
        Field(node: node, key: "\(key)[\(index)]")
    }

    /// `~`, `null` or nothing at all, unquoted.
    var isNull: Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The scalar's text, or nil for a list, a mapping or null.
    var text: String? {
        guard let scalar = node.scalar, !isNull else { return nil }
        return scalar.string
    }

    /// What the node is, for "expected X, found Y" messages.
    var shape: String {
        switch node.content {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): isNull ? "nothing" : quoted(scalar.string)
        }
    }
}

/// A value as messages quote it: in double quotes, control characters escaped, long ones cut.
func quoted(_ value: String) -> String {
    var out = "\""
    var count = 0
    for scalar in value.unicodeScalars {
        count += 1
        if count > 60 {
            out += "..."
            break
        }
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + hex2(scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Two uppercase hex digits.
func hex2(_ value: UInt32) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(value >> 4) & 15], digits[Int(value) & 15]])
}
