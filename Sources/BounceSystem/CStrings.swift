#if canImport(Glibc)
    import Glibc
#endif

/// C strings handed to and taken from C libraries (libsystemd) that allocate with `malloc`.
public enum CStrings {
    /// The text of `pointer`, a string the caller owns, which is freed.
    public static func take(_ pointer: UnsafeMutablePointer<CChar>) -> String {
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Calls `body` with a NULL-terminated array of copies of `strings`, freed afterwards.
    public static func withNullTerminated<Result>(
        _ strings: [String], _ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result
    ) -> Result {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var array: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        array.append(nil)
        return array.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
}
