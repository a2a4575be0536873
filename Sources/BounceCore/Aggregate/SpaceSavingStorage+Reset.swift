extension SpaceSavingStorage {
    /// Forgets every key, keeping the memory: a table of `scan`'s next piece reuses pages
    /// already touched instead of fresh ones (see `ScanAggregator.reset`).
    ///
    /// Entries are written when they are taken and read only below `used`, so only the slots
    /// and the recent-key cache, which are read before a key is taken, are zeroed. The cache
    /// must be: it names entries, and one past `used` would compare the lookup with a stale key.
    func reset() {
        used = 0
        replacements = 0
        recentHits = 0
        slots.update(repeating: 0, count: slotCount)
        recent.update(repeating: 0, count: Self.recentWays)
    }
}
