#if canImport(Glibc)
    import Glibc
#endif

/// The name alert mails and Alertmanager labels use for this machine.
public enum HostName {
    /// `configured` when set, else the kernel's host name, else `localhost`.
    public static func resolve(_ configured: String?) -> String {
        if let configured, !configured.isEmpty { return configured }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(
            decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
