#if canImport(Glibc)
    import Glibc
#endif

/// A failed system call: what was tried, and the `errno` it left.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    /// What was tried, with the path it was tried on: `cannot create /var/lib/x/.tmp`.
    public let what: String
    /// The `errno` value.
    public let code: Int32

    public init(_ what: String, code: Int32) {
        self.what = what
        self.code = code
    }

    /// `what` with the current `errno`.
    public static func last(_ what: String) -> SystemError {
        SystemError(what, code: errno)
    }

    /// What the system says of `code`: `No such file or directory`.
    public var reason: String { Self.message(for: code) }

    public var description: String { "\(what): \(reason)" }
}
