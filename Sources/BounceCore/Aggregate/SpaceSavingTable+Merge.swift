extension SpaceSavingTable {
    /// Adds every key of `other` (a table of the same key limit) with its count and error, in
    /// `other`'s entry order, and returns where each of `other`'s entries went and whether that
    /// entry was (re)assigned. While the two together hold at most `capacity` keys, the result
    /// is exactly the table one pass over both inputs gives; past that it keeps Space-Saving's
    /// bounds and says so through `replacements`.
    ///
    /// `pending` more counts of `other`'s entry `pendingEntry` are added as if `other` had
    /// counted them (`HostTally`'s run not yet counted), without copying `other` to count them.
    mutating func merge(
        _ other: SpaceSavingTable, pending: Int = 0, toEntry pendingEntry: Int = -1
    ) -> [(entry: Int, isNew: Bool)] {
        precondition(other.keyLimit <= keyLimit)
        // `other`'s keys are stored lower-cased and cut to a limit no longer than this table's,
        // so with the same seed (tables of the same capacity) its stored hashes are the ones
        // this table would compute.
        return other.seed == seed
            ? mergeStored(other, pending: pending, toEntry: pendingEntry)
            : mergeByKey(other, pending: pending, toEntry: pendingEntry)
    }

    /// `merge` that counts each of `other`'s keys as a key from the log: lower-cased and
    /// hashed again. For tables whose seeds differ.
    mutating func mergeByKey(
        _ other: SpaceSavingTable, pending: Int = 0, toEntry pendingEntry: Int = -1
    ) -> [(entry: Int, isNew: Bool)] {
        precondition(other.keyLimit <= keyLimit)
        let otherStorage = other.storage
        var placed: [(entry: Int, isNew: Bool)] = []
        placed.reserveCapacity(otherStorage.used)
        for entry in 0..<otherStorage.used {
            let key = UnsafeBufferPointer(
                start: otherStorage.keyBytes + entry * otherStorage.keyLimit,
                count: otherStorage.keyLengths[entry])
            let extra = entry == pendingEntry ? pending : 0
            placed.append(
                increment(
                    key, count: otherStorage.counts[entry] + extra,
                    error: otherStorage.errors[entry]))
        }
        storage.replacements += otherStorage.replacements
        return placed
    }

    /// `merge` for a table of the same seed: each of `other`'s keys is looked up with the hash
    /// `other` stored and its bytes as stored (already lower-cased and cut), with no
    /// lower-casing and no hashing. Step for step what `mergeByKey` does otherwise (the
    /// recent-key cache, the probe, the replaced entry, the heap's moves), so the two leave the
    /// same table.
    mutating func mergeStored(
        _ other: SpaceSavingTable, pending: Int = 0, toEntry pendingEntry: Int = -1
    ) -> [(entry: Int, isNew: Bool)] {
        precondition(other.keyLimit <= keyLimit && other.seed == seed)
        let otherStorage = other.storage
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let table = storage
        var placed: [(entry: Int, isNew: Bool)] = []
        placed.reserveCapacity(otherStorage.used)
        for otherEntry in 0..<otherStorage.used {
            let key = UnsafePointer(otherStorage.keyBytes + otherEntry * otherStorage.keyLimit)
            let length = otherStorage.keyLengths[otherEntry]
            let place = take(key, length: length, hash: otherStorage.hashes[otherEntry])
            // As `increment(_:count:error:)` adds what one increment did not.
            let extra = otherEntry == pendingEntry ? pending : 0
            table.counts[place.entry] += otherStorage.counts[otherEntry] + extra - 1
            table.errors[place.entry] += otherStorage.errors[otherEntry]
            siftDown(table.heapPosition[place.entry])
            placed.append(place)
        }
        table.replacements += otherStorage.replacements
        return placed
    }

    /// Counts once a key already lower-cased and cut to `keyLimit`, whose hash under this
    /// table's seed is `hash`: `increment(_:)` without lower-casing and hashing. The storage
    /// must be uniquely referenced.
    private func take(_ key: UnsafePointer<UInt8>, length: Int, hash: UInt64)
        -> (entry: Int, isNew: Bool)
    {
        let table = storage
        let way = Self.recentWay(key, count: length)
        let cached = Int(truncatingIfNeeded: table.recent[way]) - 1
        if cached >= 0, storedKey(cached, equals: key, count: length) {
            table.recentHits += 1
            table.counts[cached] += 1
            siftDown(table.heapPosition[cached])
            return (cached, false)
        }
        let mask = table.slotCount - 1
        let tag = Self.tag(hash: hash, length: length)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = table.slots[slot]
            if value == 0 { break }
            if value & Self.tagMask == tag {
                let entry = Self.entry(of: value)
                if storedKey(entry, equals: key, count: length) {
                    table.recent[way] = Int32(truncatingIfNeeded: entry + 1)
                    table.counts[entry] += 1
                    siftDown(table.heapPosition[entry])
                    return (entry, false)
                }
            }
            slot = (slot + 1) & mask
        }
        let entry: Int
        if table.used < table.capacity {
            entry = table.used
            table.heap[entry] = entry
            table.heapPosition[entry] = entry
            table.used += 1
            table.counts[entry] = 1
            table.errors[entry] = 0
        } else {
            entry = table.heap[0]
            removeFromSlots(entry)
            table.replacements += 1
            table.errors[entry] = table.counts[entry]
            table.counts[entry] += 1
            // The slot found above may have moved during removal: probe again.
            slot = Int(truncatingIfNeeded: hash) & mask
            while table.slots[slot] != 0 { slot = (slot + 1) & mask }
        }
        (table.keyBytes + entry * table.keyLimit).update(from: key, count: length)
        table.keyLengths[entry] = length
        table.hashes[entry] = hash
        table.slots[slot] = tag | UInt64(entry + 1)
        table.recent[way] = Int32(truncatingIfNeeded: entry + 1)
        siftDown(table.heapPosition[entry])
        siftUp(table.heapPosition[entry])
        return (entry, true)
    }
}
