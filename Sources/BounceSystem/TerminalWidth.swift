#if canImport(Glibc)
    import Glibc
#endif

/// How wide help text may be: `COLUMNS` when set, else the terminal on standard output, else
/// 80 columns, as the command line's help has always been laid out.
public enum TerminalWidth {
    public static func current() -> Int {
        if let text = ProcessEnvironment.value("COLUMNS"), let columns = Int(text), columns > 0 {
            return columns
        }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }
}
