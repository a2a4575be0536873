/// The marks of a delivery attempt in a log line: Postfix's `status=`, Exim's ` ** ` (failed)
/// and ` == ` (deferred).
///
/// A line that carries one but does not parse is a delivery that went unread, which must show:
/// the parsers count it `unrecognized`, never `ignored`, and `scan` lists its shape. Only lines
/// that did not parse are searched, and of Postfix's only those of daemons that deliver (the
/// inbound daemons' notes are most of a busy log and never carry a status).
public enum DeliveryMarker {
    /// Whether `line` contains `status=`, ` ** ` or ` == `.
    public static func contains(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        containsStatus(line) || containsEximFlag(line)
    }

    /// Whether `line` contains Postfix's `status=`.
    ///
    /// Each `=` is looked for and the six bytes before it compared: the notes searched here
    /// (TLS and connection notes above all) hold few or no `=`, so this is one pass of single-
    /// byte word scans instead of a candidate test at every `s`.
    public static func containsStatus(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var from = 6
        // Up to the first `=`, thirty-two bytes a step in two vector compares (SSE2's
        // `pcmpeqb`, one `pmovmskb`), then sixteen: most of these lines hold none.
        if let base = line.baseAddress {
            let equals = SIMD16<UInt8>(repeating: UInt8(ascii: "="))
            while from &+ 32 <= line.count {
                let low = UnsafeRawPointer(base + from).loadUnaligned(as: SIMD16<UInt8>.self)
                let high = UnsafeRawPointer(base + (from &+ 16)).loadUnaligned(
                    as: SIMD16<UInt8>.self)
                if any((low .== equals) .| (high .== equals)) { break }
                from &+= 32
            }
            while from &+ 16 <= line.count {
                let bytes = UnsafeRawPointer(base + from).loadUnaligned(as: SIMD16<UInt8>.self)
                if any(bytes .== equals) { break }
                from &+= 16
            }
        }
        while let equals = ByteScan.find(UInt8(ascii: "="), in: line, from: from) {
            if ByteScan.hasPrefix(line, at: equals - 6, "status") { return true }
            from = equals + 1
        }
        return false
    }

    /// Whether `line` contains Exim's ` ** ` or ` == `.
    public static func containsEximFlag(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        spaced("**", in: line) || spaced("==", in: line)
    }

    /// Whether `line` holds the two bytes `pair` with a space on each side. The pair is looked
    /// for, not ` ** `: a literal that starts and ends with a space makes every space of the
    /// line a candidate, while `**` and `==` are rare.
    @inline(__always)
    private static func spaced(_ pair: StaticString, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        var from = 1
        while let hit = ByteScan.find(pair, in: line, from: from) {
            if line[hit - 1] == UInt8(ascii: " "), ByteScan.byte(line, hit + 2) == UInt8(ascii: " ")
            {
                return true
            }
            from = hit + 1
        }
        return false
    }

    /// The part of `line` whose shape says what kind of line it is: for a syslog line (it
    /// starts with a month name), the text after its `program[pid]: ` tag, so that the stamp
    /// and the host do not split one shape into many; the whole line otherwise (an Exim
    /// mainlog stamp is all digits, which the shape masks).
    public static func shapedPart(of line: UnsafeBufferPointer<UInt8>)
        -> UnsafeBufferPointer<UInt8>
    {
        let first = ByteScan.byte(line, 0)
        guard first &- UInt8(ascii: "A") < 26,
            let tag = ByteScan.find(": ", in: line, from: 0, to: Swift.min(line.count, tagWindow))
        else { return line }
        return UnsafeBufferPointer(rebasing: line[(tag + 2)...])
    }

    /// How far into a line the end of a syslog tag is looked for.
    static let tagWindow = 200
}
