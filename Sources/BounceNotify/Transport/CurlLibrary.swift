import BounceSystem
import CCurl

/// The libcurl functions the SMTP and HTTP transports call, looked up in `libcurl.so.4` the
/// first time a transfer starts.
///
/// libcurl is loaded, not linked: it brings some thirty libraries (TLS, LDAP, SSH, ...) whose
/// relocations every start of every command would pay, while only `run` and `test-alert` ever
/// send. Without libcurl, each SMTP or Alertmanager delivery fails with a message that says so
/// and is counted and retried like any failed send; nothing else is affected.
///
/// Immutable function addresses in a library that is never unloaded, so any thread may call
/// them: hence `@unchecked Sendable`.
final class CurlLibrary: @unchecked Sendable {
    /// The library's name on Debian (package libcurl4) and most other distributions.
    static let standardName = "libcurl.so.4"

    let globalInit: bw_curl_global_init_function
    let easyInit: bw_curl_easy_init_function
    let easyPerform: bw_curl_easy_perform_function
    let easyCleanup: bw_curl_easy_cleanup_function
    let easyStrerror: bw_curl_easy_strerror_function
    let slistAppend: bw_curl_slist_append_function
    let slistFreeAll: bw_curl_slist_free_all_function
    /// Variadic: called through the `bw_curl_setopt_*` and `bw_curl_getinfo_*` wrappers.
    let setopt: UnsafeMutableRawPointer
    let getinfo: UnsafeMutableRawPointer

    private init(_ library: DynamicLibrary) throws(DynamicLibraryError) {
        globalInit = unsafeBitCast(
            try library.address(of: "curl_global_init"), to: bw_curl_global_init_function.self)
        easyInit = unsafeBitCast(
            try library.address(of: "curl_easy_init"), to: bw_curl_easy_init_function.self)
        easyPerform = unsafeBitCast(
            try library.address(of: "curl_easy_perform"), to: bw_curl_easy_perform_function.self)
        easyCleanup = unsafeBitCast(
            try library.address(of: "curl_easy_cleanup"), to: bw_curl_easy_cleanup_function.self)
        easyStrerror = unsafeBitCast(
            try library.address(of: "curl_easy_strerror"),
            to: bw_curl_easy_strerror_function.self)
        slistAppend = unsafeBitCast(
            try library.address(of: "curl_slist_append"), to: bw_curl_slist_append_function.self)
        slistFreeAll = unsafeBitCast(
            try library.address(of: "curl_slist_free_all"),
            to: bw_curl_slist_free_all_function.self)
        setopt = try library.address(of: "curl_easy_setopt")
        getinfo = try library.address(of: "curl_easy_getinfo")
    }

    /// The standard library, loaded and initialised once, on first use, whatever the thread
    /// (`curl_global_init` must run once before any handle exists). A failure is kept: every
    /// later delivery reports it again without retrying the load.
    private static let standard = Result { () throws(DeliveryError) in
        try load(named: standardName)
    }

    /// The library called `name`: the shared standard one, or (for tests) another, loaded anew.
    static func named(_ name: String) throws(DeliveryError) -> CurlLibrary {
        name == standardName ? try standard.get() : try load(named: name)
    }

    private static func load(named name: String) throws(DeliveryError) -> CurlLibrary {
        let curl: CurlLibrary
        do {
            curl = try CurlLibrary(DynamicLibrary(named: name))
        } catch {
            throw DeliveryError(
                "libcurl is needed to send and \(error) (install the libcurl4 package)")
        }
        guard curl.globalInit(bw_curl_global_default_flags()) == CURLE_OK else {
            throw DeliveryError("libcurl could not be initialised (curl_global_init failed)")
        }
        return curl
    }

    /// libcurl's words for `code`.
    func describe(_ code: CURLcode) -> String {
        easyStrerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)"
    }
}
