extension Array where Element: BitwiseCopyable {
    /// An array of `count` plain values left as the allocator gives them, for the memories
    /// (`CachingClassifier`, `RecentNames`, `RuleDecisions`) that read a way's words only after
    /// writing them, as a separate, zeroed field says: a scan makes them per piece or per worker,
    /// and zeroing them cost more than a piece ever uses.
    static func unwritten(count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
