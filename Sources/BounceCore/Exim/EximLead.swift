/// The two kinds of mainlog line that carry no event and make up a third of a busy log: a
/// message's arrival (`<= `) and its last line (`Completed`), recognised from the text after
/// the message id with a word compare or two.
enum EximLead {
    /// `Completed` as a little-endian word: its first eight bytes.
    private static let completedHead: UInt64 = 0x6574_656C_706D_6F43
    /// `<= ` in the low three bytes of a word.
    private static let arrival: UInt64 = 0x20_3D3C

    /// `.arrival` or `.removed` (with its branch) when the text at `index`, after a message
    /// id, is an arrival or `Completed`; nil for any other text, which the caller reads in full.
    @inline(__always)
    static func decided(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, branch: inout EximBranch
    ) -> MessageNote? {
        let count = line.count
        guard index >= 0, index &+ 8 <= count, let base = line.baseAddress else {
            return slowDecided(line, at: index, branch: &branch)
        }
        let head = ByteScan.word(base, index)
        if head & 0xFF_FFFF == arrival {
            branch = .arrival
            return .arrival
        }
        if head == completedHead, index &+ 9 == count, base[index &+ 8] == UInt8(ascii: "d") {
            branch = .messageNote
            return .removed
        }
        return nil
    }

    /// `decided(_:at:branch:)` for a text of fewer than eight bytes: byte by byte.
    private static func slowDecided(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, branch: inout EximBranch
    ) -> MessageNote? {
        if ByteScan.hasPrefix(line, at: index, "<= ") {
            branch = .arrival
            return .arrival
        }
        return nil
    }
}
