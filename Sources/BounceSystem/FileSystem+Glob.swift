#if canImport(Glibc)
    import Glibc
#endif

extension FileSystem {
    /// The paths matching the `glob(3)` `pattern` now, sorted; empty when none match or the
    /// pattern cannot be expanded.
    public static func paths(matching pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths
    }
}
