import CYaml

/// Reads one YAML document into `YAMLNode`s with libyaml's event parser.
///
/// libyaml scans and parses (indentation, quoting, escapes, flow and block styles); this turns
/// its events into a tree, resolves aliases, and refuses what a configuration never needs and
/// a hostile file could use: a second document, a key given twice, deep nesting, and aliases
/// that multiply the document's size (`YAMLExpansion`).
struct YAMLReader {
    /// Lists and mappings nested deeper than this are refused; the configuration's deepest
    /// value is four levels down.
    static let deepest = 64

    /// A list or mapping whose end event has not come yet.
    private struct Open {
        let isMapping: Bool
        let mark: YAMLNode.Mark
        let anchor: String?
        /// The items; a mapping's keys and values alternate.
        var nodes: [YAMLNode] = []
    }

    private var open: [Open] = []
    private var anchors: [String: YAMLNode] = [:]
    private var expansion = YAMLExpansion()
    private var root: YAMLNode?

    /// The document in `text`; nil when it holds none (empty, or only comments).
    static func document(in text: String) throws(YAMLProblem) -> YAMLNode? {
        let bytes = Array(text.utf8)
        // libyaml refuses an input without an address, which an empty array may not have.
        guard !bytes.isEmpty else { return nil }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLProblem(line: nil, message: "not valid YAML: out of memory")
        }
        defer { yaml_parser_delete(parser) }
        var reader = YAMLReader()
        let outcome: Result<YAMLNode?, YAMLProblem> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            do throws(YAMLProblem) {
                return .success(try reader.read(parser, bytes: buffer))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private mutating func read(
        _ parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>
    ) throws(YAMLProblem) -> YAMLNode? {
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }
        var documents = 0
        while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                throw YAMLSyntax.problem(parser.pointee, bytes: bytes)
            }
            defer { yaml_event_delete(event) }
            let mark = YAMLNode.Mark(
                line: event.pointee.start_mark.line + 1,
                column: event.pointee.start_mark.column + 1)
            let data = event.pointee.data
            switch event.pointee.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLProblem(
                        line: mark.line,
                        message: "only one YAML document is allowed; this --- starts a second one")
                }
            case YAML_SCALAR_EVENT:
                let scalar = data.scalar
                let node = YAMLNode(
                    .scalar(
                        YAMLNode.Scalar(
                            string: String(
                                decoding: UnsafeBufferPointer(
                                    start: scalar.value, count: scalar.length),
                                as: UTF8.self),
                            style: Self.style(scalar.style),
                            tag: Self.text(scalar.tag))),
                    mark: mark)
                register(node, anchor: Self.text(scalar.anchor))
                add(node)
            case YAML_ALIAS_EVENT:
                let name = Self.text(data.alias.anchor) ?? ""
                guard let node = anchors[name] else {
                    throw YAMLProblem(
                        line: mark.line, message: "not valid YAML: found undefined alias")
                }
                try expansion.add(aliasOf: node, line: mark.line)
                add(node)
            case YAML_SEQUENCE_START_EVENT:
                try begin(
                    Open(
                        isMapping: false, mark: mark, anchor: Self.text(data.sequence_start.anchor))
                )
            case YAML_MAPPING_START_EVENT:
                try begin(
                    Open(isMapping: true, mark: mark, anchor: Self.text(data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try end()
            default:
                // The stream's start and a document's end carry nothing to keep.
                continue
            }
        }
    }

    private mutating func begin(_ collection: Open) throws(YAMLProblem) {
        guard open.count < Self.deepest else {
            throw YAMLProblem(
                line: collection.mark.line,
                message: "lists and mappings are nested more than \(Self.deepest) levels deep")
        }
        open.append(collection)
    }

    private mutating func end() throws(YAMLProblem) {
        guard let collection = open.popLast() else { return }
        let node: YAMLNode
        if collection.isMapping {
            let pairs = stride(from: 0, to: collection.nodes.count - 1, by: 2).map {
                YAMLNode.Pair(key: collection.nodes[$0], value: collection.nodes[$0 + 1])
            }
            try Self.checkUniqueKeys(pairs)
            node = YAMLNode(.mapping(pairs), mark: collection.mark)
        } else {
            node = YAMLNode(.sequence(collection.nodes), mark: collection.mark)
        }
        register(node, anchor: collection.anchor)
        add(node)
    }

    private mutating func add(_ node: YAMLNode) {
        if open.isEmpty {
            root = node
        } else {
            open[open.count - 1].nodes.append(node)
        }
    }

    /// Anchors count once their node is complete, so an alias inside its own anchor's node is
    /// undefined rather than a loop; a later anchor of the same name replaces the earlier one.
    private mutating func register(_ node: YAMLNode, anchor: String?) {
        if let anchor { anchors[anchor] = node }
    }

    /// Refuses a mapping that gives a key twice, naming every such key in file order and the
    /// line where the first of them is first given.
    private static func checkUniqueKeys(_ pairs: [YAMLNode.Pair]) throws(YAMLProblem) {
        var seen: Set<String> = []
        var repeated: [String] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.string else { continue }
            if !seen.insert(name).inserted, !repeated.contains(name) {
                repeated.append(name)
            }
        }
        guard let earliest = repeated.first else { return }
        let line = pairs.first { $0.key.scalar?.string == earliest }?.key.mark.line
        let names = repeated.map { quoted($0) }.joined(separator: ", ")
        throw YAMLProblem(line: line, message: "\(names) given more than once in the same mapping")
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// A NUL-terminated string from an event (a tag or an anchor), nil when absent.
    private static func text(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
