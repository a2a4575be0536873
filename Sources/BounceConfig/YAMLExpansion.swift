/// Caps what aliases may add to a document, counted as if each alias were written out.
///
/// An alias costs a few bytes of the file but stands for its anchor's whole node: a 60 KB
/// scalar aliased 35,000 times is 2 GB of text for the reader to check, and nested anchors
/// grow the count exponentially. A configuration reuses a few small values, so the caps sit
/// far above any real file and far below anything slow.
struct YAMLExpansion {
    /// Values (scalars, lists, mappings) all aliases together may stand for.
    static let largestNodes = 100_000
    /// Bytes of scalar text all aliases together may stand for.
    static let largestBytes = 1 << 20

    private(set) var added = YAMLNode.Size(nodes: 0, bytes: 0)

    /// Counts an alias to `node` on `line`; throws when it takes the total over a cap.
    mutating func add(aliasOf node: YAMLNode, line: Int) throws(YAMLProblem) {
        added.add(node.size)
        if added.bytes > Self.largestBytes {
            throw YAMLProblem(
                line: line,
                message: "aliases repeat more than \(Self.largestBytes >> 20) MiB of text in all "
                    + "(this one brings it to \(added.bytes) bytes); write the values out or "
                    + "use fewer aliases")
        }
        if added.nodes > Self.largestNodes {
            throw YAMLProblem(
                line: line,
                message: "aliases repeat more than \(Self.largestNodes) values in all (this one "
                    + "brings it to \(added.nodes)); write the values out or use fewer aliases")
        }
    }
}
