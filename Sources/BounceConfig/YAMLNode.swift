/// One node of the configuration's YAML document, as `YAMLReader` built it from libyaml's
/// events.
///
/// An alias is already resolved: it is the node its anchor names, so that node's line is
/// where the value is written, and an aliased value is checked like any other.
struct YAMLNode: Sendable {
    enum Content: Sendable {
        case scalar(Scalar)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    /// A scalar's text and how it was written: `"yes"` (double-quoted) is text, `yes` (plain)
    /// may be read as a boolean, and only a plain empty, `~` or `null` is nothing.
    struct Scalar: Sendable {
        enum Style: Sendable {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        let string: String
        let style: Style
        /// The explicit tag (`!!str` is `tag:yaml.org,2002:str`); nil when none is written.
        let tag: String?
    }

    struct Pair: Sendable {
        let key: YAMLNode
        let value: YAMLNode
    }

    /// Where the node starts in the file, both 1-based.
    struct Mark: Sendable, Equatable {
        let line: Int
        let column: Int
    }

    /// How large a node is with every alias in it written out.
    struct Size: Sendable, Equatable {
        /// Scalars, lists and mappings, the node itself included.
        var nodes: Int
        /// Bytes of scalar text (keys included).
        var bytes: Int
    }

    let content: Content
    let mark: Mark
    let size: Size

    init(_ content: Content, mark: Mark) {
        self.content = content
        self.mark = mark
        switch content {
        case .scalar(let scalar):
            size = Size(nodes: 1, bytes: scalar.string.utf8.count)
        case .sequence(let items):
            size = items.reduce(into: Size(nodes: 1, bytes: 0)) { $0.add($1.size) }
        case .mapping(let pairs):
            size = pairs.reduce(into: Size(nodes: 1, bytes: 0)) {
                $0.add($1.key.size)
                $0.add($1.value.size)
            }
        }
    }

    /// The text when the node is a scalar.
    var scalar: Scalar? {
        guard case .scalar(let scalar) = content else { return nil }
        return scalar
    }

    /// The value under the scalar key `name` when the node is a mapping.
    subscript(name: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.last { $0.key.scalar?.string == name }?.value
    }
}

extension YAMLNode.Size {
    /// Adds without overflowing; the reader's caps stop far below `Int.max` anyway.
    mutating func add(_ other: Self) {
        nodes = nodes.addingReportingOverflow(other.nodes).overflow ? .max : nodes + other.nodes
        bytes = bytes.addingReportingOverflow(other.bytes).overflow ? .max : bytes + other.bytes
    }
}
