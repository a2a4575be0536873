/// The groups of one rule, kept in one array and found through an open-addressing index of
/// their precomputed hashes (`AlertGroupHash`).
///
/// A lookup reads the index (hash and position side by side) and touches a group only when
/// its whole 64-bit hash matches, so an event builds no key and hashes nothing but its own
/// values once. Removing groups compacts the array and rebuilds the index; that happens at an
/// evaluation (once a second at most) or when a full rule makes room for a batch of new groups.
struct AlertGroups: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64
        /// Position in `values`; -1 for a free slot.
        var position: Int32
    }

    /// The groups, in no particular order.
    private(set) var values: [AlertGroup] = []
    private var slots: [Slot] = Array(repeating: Slot(hash: 0, position: -1), count: 8)

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// The position of the group whose hash is `hash` and whose labels `isSame` accepts, if
    /// any. Only the labels are handed over: a whole group would be copied, arrays and all.
    @inline(__always)
    func position(hash: UInt64, where isSame: ([String]) -> Bool) -> Int? {
        let mask = slots.count - 1
        var slot = Self.start(hash, mask)
        while true {
            let entry = slots[slot]
            if entry.position < 0 { return nil }
            if entry.hash == hash, isSame(values[Int(entry.position)].labels) {
                return Int(entry.position)
            }
            slot = (slot + 1) & mask
        }
    }

    /// The group with these labels, if any.
    subscript(labels: [String]) -> AlertGroup? {
        position(hash: AlertGroupHash.of(labels: labels)) { $0 == labels }
            .map { values[$0] }
    }

    /// Changes the group at `position` in place.
    @inline(__always)
    mutating func update<Result>(
        at position: Int, _ change: (inout AlertGroup) -> Result
    ) -> Result {
        change(&values[position])
    }

    /// Adds a group whose labels no group has yet; returns its position.
    @discardableResult
    mutating func append(_ group: AlertGroup) -> Int {
        if (values.count + 1) * 2 > slots.count { rebuild(capacity: slots.count * 2) }
        values.append(group)
        index(group.hash, at: values.count - 1)
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

    /// Removes the groups for which `shouldRemove` holds.
    mutating func removeAll(where shouldRemove: (AlertGroup) -> Bool) {
        let before = values.count
        values.removeAll(where: shouldRemove)
        if values.count != before { rebuild(capacity: slots.count) }
    }

    /// Removes the groups at `positions`.
    mutating func remove(at positions: [Int]) {
        guard !positions.isEmpty else { return }
        var doomed = [Bool](repeating: false, count: values.count)
        for position in positions { doomed[position] = true }
        var kept = 0
        for position in values.indices where !doomed[position] {
            if kept != position { values.swapAt(kept, position) }
            kept += 1
        }
        values.removeLast(values.count - kept)
        rebuild(capacity: slots.count)
    }

    /// Changes every group in place, in no particular order.
    mutating func updateAll(_ change: (inout AlertGroup) -> Void) {
        for position in values.indices { change(&values[position]) }
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
