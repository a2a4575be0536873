#if canImport(Glibc)
    import Glibc
#endif

/// A shared library loaded while the program runs (`dlopen`), for a dependency that only some
/// commands need: linking it would make every start-up pay for its relocations.
///
/// The library is never unloaded: the functions looked up in it stay valid for the life of the
/// process, whatever thread calls them.
public final class DynamicLibrary: Sendable {
    /// The name it was loaded by: `libcurl.so.4`.
    public let name: String
    // A `dlopen` handle is an address that is only read; it is not tied to a thread.
    nonisolated(unsafe) private let handle: UnsafeMutableRawPointer

    /// Loads `name` as the dynamic linker would (its cache, `LD_LIBRARY_PATH`), resolving all
    /// its symbols now, so a broken library fails here and not in the middle of a call.
    public init(named name: String) throws(DynamicLibraryError) {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            throw DynamicLibraryError(library: name, reason: Self.lastError())
        }
        self.name = name
        self.handle = handle
    }

    /// The address of the function or variable `symbol`.
    public func address(of symbol: String) throws(DynamicLibraryError) -> UnsafeMutableRawPointer {
        _ = dlerror()
        guard let address = dlsym(handle, symbol) else {
            throw DynamicLibraryError(
                library: name, reason: Self.lastError() ?? "\(symbol) is a null symbol")
        }
        return address
    }

    /// The dynamic linker's last error, one per thread.
    private static func lastError() -> String? {
        guard let text = dlerror() else { return nil }
        return String(cString: text)
    }
}

/// A shared library that could not be loaded, or lacks a symbol.
public struct DynamicLibraryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name the library was asked for.
    public var library: String
    /// What the dynamic linker said: `libcurl.so.4: cannot open shared object file: ...`.
    public var reason: String

    public init(library: String, reason: String?) {
        self.library = library
        self.reason = reason ?? "unknown reason"
    }

    public var description: String { "cannot load \(library): \(reason)" }
}
