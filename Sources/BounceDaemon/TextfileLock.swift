import BounceSystem

/// The lock on `.NAME.lock` beside the textfile, held while the daemon writes it.
///
/// Two daemons whose configurations name the same textfile would overwrite each other's
/// metrics every interval. node_exporter's textfile collector reads only `*.prom` files, so
/// the lock file beside it is never taken for metrics.
enum TextfileLock {
    /// The lock file's path for `textfile`.
    static func path(for textfile: String) -> String {
        Path.join(Path.directory(of: textfile), "." + Path.name(of: textfile) + ".lock")
    }

    /// Takes the lock for `textfile`; nil when its directory does not exist (the textfile
    /// cannot be written either, which is reported when a write fails). Throws `textfileBusy`
    /// when another process holds it.
    static func take(textfile: String) throws(DaemonError) -> FileLock? {
        do {
            return try FileLock(path: path(for: textfile))
        } catch {
            switch error {
            case .busy: throw .textfileBusy(path: textfile)
            case .system(let failure) where failure.isNoSuchFile: return nil
            case .system(let failure): throw .failed(failure)
            }
        }
    }
}
