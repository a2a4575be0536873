/// The groups of one rule, kept in one array and found through an open-addressing index of
/// their precomputed hashes (`AlertGroupHash`).
///
/// A lookup reads the index (hash and position side by side) and touches a group only when
/// its whole 64-bit hash matches, so an event builds no key and hashes nothing but its own
/// values once. Removing a group costs the same whatever the rule holds: the last group takes
/// its place in the array and its index slot is emptied by shifting the slots after it back
/// (linear probing needs no tombstones), so a full rule that lets 256 groups go neither moves
/// the others nor rebuilds the index.
///
/// Positions therefore change when a group is removed. What used to follow from the order of
/// the array, which of equally light groups goes first, follows from `serial`: the order in
/// which groups were added.
struct AlertGroups: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64
        /// Position in `values`; -1 for a free slot.
        var position: Int32
    }

    /// The groups, in no particular order.
    private(set) var values: [AlertGroup] = []
    /// Per position, when the group was added: a number that only grows.
    private var serials: [Int] = []
    private var nextSerial = 0
    private var slots: [Slot] = Array(repeating: Slot(hash: 0, position: -1), count: 8)

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// The position of the group whose hash is `hash` and whose labels `isSame` accepts, if
    /// any. Only the labels are handed over: a whole group would be copied, arrays and all.
    func position(hash: UInt64, where isSame: ([String]) -> Bool) -> Int? {
        var slot = firstSlot(for: hash)
        while let position = nextPosition(of: hash, slot: &slot) {
            if isSame(values[position].labels) { return position }
        }
        return nil
    }

    /// Where a walk through the index for `hash` starts (`nextPosition`).
    @inline(__always)
    func firstSlot(for hash: UInt64) -> Int {
        Self.start(hash, slots.count - 1)
    }

    /// The position of the next group from `slot` on whose hash is `hash`, moving `slot` past
    /// it; nil when the walk reaches a free slot. The caller confirms each by its labels.
    @inline(__always)
    func nextPosition(of hash: UInt64, slot: inout Int) -> Int? {
        let mask = slots.count - 1
        while true {
            let entry = slots[slot]
            if entry.position < 0 { return nil }
            slot = (slot + 1) & mask
            if entry.hash == hash { return Int(entry.position) }
        }
    }

    /// The group with these labels, if any.
    subscript(labels: [String]) -> AlertGroup? {
        position(hash: AlertGroupHash.of(labels: labels)) { $0 == labels }
            .map { values[$0] }
    }

    /// When the group at `position` was added, relative to the others: smaller is earlier.
    func serial(at position: Int) -> Int { serials[position] }

    /// Changes the group at `position` in place.
    @inline(__always)
    mutating func update<Result>(
        at position: Int, _ change: (inout AlertGroup) -> Result
    ) -> Result {
        change(&values[position])
    }

    /// Adds a group whose labels no group has yet; returns its position.
    @discardableResult
    mutating func append(_ group: consuming AlertGroup) -> Int {
        if (values.count + 1) * 2 > slots.count { rebuild(capacity: slots.count * 2) }
        let hash = group.hash
        values.append(group)
        serials.append(nextSerial)
        nextSerial += 1
        index(hash, at: values.count - 1)
        return values.count - 1
    }

    /// Adds `group`, replacing one with the same labels.
    mutating func set(_ group: AlertGroup) {
        if let position = position(hash: group.hash, where: { $0 == group.labels }) {
            values[position] = group
        } else {
            append(group)
        }
    }

    /// Removes the groups at `positions`, which are distinct and in increasing order. The
    /// groups after the last position kept keep theirs; others may move.
    mutating func remove(at positions: [Int]) {
        // From the highest down, so the last group, which fills each hole, is never one still
        // to be removed.
        for position in positions.reversed() { remove(at: position) }
    }

    private mutating func remove(at position: Int) {
        free(slot: slot(of: position))
        let last = values.count - 1
        if position != last {
            slots[slot(of: last)].position = Int32(position)
            // The last group moves into the hole: one move, where a swap copied both.
            values[position] = values.removeLast()
            serials[position] = serials.removeLast()
        } else {
            values.removeLast()
            serials.removeLast()
        }
    }

    /// The index slot that holds `position`.
    private func slot(of position: Int) -> Int {
        let mask = slots.count - 1
        var slot = Self.start(values[position].hash, mask)
        while slots[slot].position != Int32(position) { slot = (slot + 1) & mask }
        return slot
    }

    /// Empties `slot`, moving back each later slot of the same run that may sit there, so every
    /// entry stays reachable from its start without a tombstone.
    private mutating func free(slot: Int) {
        let mask = slots.count - 1
        var hole = slot
        var next = (slot + 1) & mask
        while slots[next].position >= 0 {
            // The entry at `next` may fill the hole unless its start lies after the hole (in the
            // cyclic run from the hole to `next`).
            let start = Self.start(slots[next].hash, mask)
            if (next - start) & mask >= (next - hole) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = Slot(hash: 0, position: -1)
    }

    private mutating func rebuild(capacity: Int) {
        var size = 8
        while size < max(capacity, values.count * 2) { size *= 2 }
        slots = Array(repeating: Slot(hash: 0, position: -1), count: size)
        for position in values.indices { index(values[position].hash, at: position) }
    }

    private mutating func index(_ hash: UInt64, at position: Int) {
        let mask = slots.count - 1
        var slot = Self.start(hash, mask)
        while slots[slot].position >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(hash: hash, position: Int32(position))
    }

    /// The first slot to probe: the hash's high bits, which the multiplications mix best.
    @inline(__always)
    private static func start(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9e37_79b9_7f4a_7c15) >> 32) & mask
    }
}
