/// Whether a line holds Exim's delivery flags ` ** ` or ` == ` anywhere: the answer of
/// `DeliveryMarker.containsEximFlag`, in one pass instead of one per flag.
///
/// Both flags end with a space, and a space, `*` or `=` occurs nowhere else in them but at
/// their start and middle, so the four bytes looked at move on by four past any other byte
/// (Horspool's rule for a set of patterns): about one byte in three of a note is read.
enum EximFlagSearch {
    static func contains(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = line.count
        guard count >= 4, let base = line.baseAddress else { return false }
        let space = EximScan.space
        let star = UInt8(ascii: "*")
        let equals = UInt8(ascii: "=")
        var index = 0
        while index + 4 <= count {
            let last = base[index + 3]
            if last == space {
                let middle = base[index + 1]
                if base[index] == space, middle == base[index + 2],
                    middle == star || middle == equals
                {
                    return true
                }
                // The flags' only other space is their first byte.
                index += 3
            } else if last == star || last == equals {
                index += 1
            } else {
                index += 4
            }
        }
        return false
    }
}
