/// The names a log rotator gives a file it moves aside: `mail.log.1`, `mail.log.0` (numbered)
/// and `mail.log-20261126` (logrotate's `dateext`), and the same names compressed with gzip
/// (`mail.log.2.gz`, logrotate's `compress`): once inflated, a compressed copy holds the bytes
/// an offset refers to. Other compressions are not among them.
public enum RotatedNames {
    /// The entries of `names` that are rotated names of `baseName`, newest first: numbered
    /// ones by ascending number, then dated ones by descending date.
    public static func candidates(of baseName: String, among names: [String]) -> [String] {
        var numbered: [(Int, String)] = []
        var dated: [String] = []
        for name in names {
            switch kind(of: name, base: baseName) {
            case .numbered(let number): numbered.append((number, name))
            case .dated: dated.append(name)
            case nil: break
            }
        }
        numbered.sort { $0.0 < $1.0 }
        dated.sort(by: >)
        return numbered.map(\.1) + dated
    }

    /// Whether two rotated names of `baseName` follow the same scheme (both numbered or both
    /// dated): a copy of the other scheme is a leftover, not part of the current chain.
    public static func sameScheme(_ first: String, _ second: String, of baseName: String)
        -> Bool
    {
        switch (kind(of: first, base: baseName), kind(of: second, base: baseName)) {
        case (.numbered, .numbered), (.dated, .dated): true
        default: false
        }
    }

    /// Whether `name` looks like a rotated or compressed copy of some log, so that a glob such
    /// as `mail*` does not follow `mail.log.1` as a log of its own.
    public static func looksRotated(_ name: String) -> Bool {
        let compressed = [".gz", ".bz2", ".xz", ".zst", ".lz4", ".Z"]
        if compressed.contains(where: { name.hasSuffix($0) }) { return true }
        guard let separator = name.utf8.lastIndex(where: { $0 == 0x2E || $0 == 0x2D }) else {
            return false
        }
        let suffix = name.utf8[name.utf8.index(after: separator)...]
        return !suffix.isEmpty && suffix.allSatisfy(isDigit)
    }

    private enum Kind {
        case numbered(Int)
        case dated
    }

    /// Whether `name` is a gzip-compressed copy (`.gz`), read through zlib.
    public static func isCompressed(_ name: String) -> Bool {
        name.hasSuffix(gzipSuffix)
    }

    private static let gzipSuffix = ".gz"

    private static func kind(of name: String, base: String) -> Kind? {
        if isCompressed(name) {
            return plainKind(of: String(name.utf8.dropLast(gzipSuffix.utf8.count))!, base: base)
        }
        return plainKind(of: name, base: base)
    }

    private static func plainKind(of name: String, base: String) -> Kind? {
        guard name.utf8.count > base.utf8.count + 1, name.hasPrefix(base) else { return nil }
        let rest = name.utf8.dropFirst(base.utf8.count)
        let separator = rest.first
        let suffix = rest.dropFirst()
        if separator == UInt8(ascii: "."), suffix.count <= 6, suffix.allSatisfy(isDigit) {
            return Int(Substring(suffix)).map(Kind.numbered)
        }
        // dateext: -YYYYMMDD, -YYYYMMDDHH, or with dashes (-YYYY-MM-DD); at least a full date.
        if separator == UInt8(ascii: "-"), suffix.count >= 8, isDigit(suffix.first ?? 0),
            isDigit(suffix.last ?? 0),
            suffix.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "-") })
        {
            return .dated
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
