/// Host or domain patterns of an alert `match`: `example.com` matches only itself,
/// `*.example.com` matches it and every sub-domain. Compared in ASCII lower case.
struct AlertNamePatterns: Sendable {
    private let exact: [String]
    /// `*.example.com` kept as `.example.com`, plus `example.com` itself in `exact`.
    private let suffixes: [String]

    init(_ patterns: [String]) {
        var exact: [String] = []
        var suffixes: [String] = []
        for pattern in patterns {
            let lowered = pattern.lowercased()
            if lowered.hasPrefix("*.") {
                suffixes.append(String(lowered.dropFirst()))
                exact.append(String(lowered.dropFirst(2)))
            } else {
                exact.append(lowered)
            }
        }
        self.exact = exact
        self.suffixes = suffixes
    }

    /// True when no pattern was given: the list then matches anything.
    var isEmpty: Bool { exact.isEmpty && suffixes.isEmpty }

    /// Whether `name` (already lower case) is one of the names or under one of the suffixes;
    /// an empty name matches nothing.
    func matches(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        if exact.contains(name) { return true }
        return suffixes.contains { name.hasSuffix($0) }
    }
}
