/// Header fields built from fixed text plus sanitised values: no CR or LF or other control
/// character ever reaches a header, every physical line is ASCII and short, and non-ASCII text
/// becomes RFC 2047 encoded-words.
enum MailHeader {
    /// Physical lines are folded to stay within this where the content allows (RFC 5322 2.1.1).
    static let foldWidth = 78

    /// Text fit for a header value: control, format and separator characters become spaces,
    /// runs of white space collapse, and the result has at most `limit` characters (a `...`
    /// marks a cut).
    static func clean(_ text: String, limit: Int) -> String {
        var scalars: [Unicode.Scalar] = []
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if UntrustedText.isInvisible(scalar) || scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace { scalars.append(" ") }
            pendingSpace = false
            scalars.append(scalar)
        }
        if scalars.count > limit {
            scalars = Array(scalars.prefix(max(limit - 3, 0))) + [".", ".", "."]
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    /// `Name: value` for free text: plain and folded at spaces when it is printable ASCII,
    /// otherwise as UTF-8 encoded-words. Text containing `=?` is encoded too, so an
    /// encoded-word that came from the log is shown, never decoded.
    static func unstructured(_ name: String, _ value: String) -> [String] {
        let text = clean(value, limit: 900)
        let isPlain =
            text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
            && !text.containsText("=?")
        if isPlain { return fold(name: name, words: text.split(separator: " ").map(String.init)) }
        return fold(name: name, words: encodedWords(text))
    }

    /// `To: a@example.net, b@example.net`, folded between addresses.
    static func addressList(_ name: String, _ addresses: [String]) -> [String] {
        let cleaned = addresses.map(address).filter { !$0.isEmpty }
        let words = cleaned.enumerated().map { index, item in
            index == cleaned.count - 1 ? item : item + ","
        }
        return fold(name: name, words: words.isEmpty ? ["undisclosed-recipients:;"] : words)
    }

    /// An address from the configuration: printable ASCII and spaces only (a display name
    /// such as `Ops <ops@example.net>` survives), at most 254 characters.
    static func address(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }
        var result = ""
        result.unicodeScalars.append(contentsOf: kept.prefix(254))
        return result.split(separator: " ").joined(separator: " ")
    }

    /// The characters of a dot-atom (RFC 5322 3.2.3) plus `@` and `.`, for ids.
    static func atom(_ text: String, limit: Int = 200) -> String {
        let allowed = Set("!#$%&'*+-/=?^_`{|}~.@".unicodeScalars)
        let kept = text.unicodeScalars.filter {
            ($0.value < 0x80 && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
                || allowed.contains($0)
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: kept.prefix(limit))
        return result
    }

    /// A host name for ids: letters, digits, `-` and `.`; `localhost` when nothing is left.
    static func hostName(_ text: String) -> String {
        let kept = text.unicodeScalars.filter {
            ($0.value < 0x80 && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "."
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: kept.prefix(200))
        return result.isEmpty ? "localhost" : result
    }

    /// `=?utf-8?B?...?=` words of at most 75 characters, each holding whole characters.
    static func encodedWords(_ text: String) -> [String] {
        // 42 bytes make 56 base64 characters; with `=?utf-8?B?` and `?=` that is 68, so even
        // `Subject: ` and a word stay within 78.
        let budget = 42
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > budget {
                words.append("=?utf-8?B?\(MailBase64.encode(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append("=?utf-8?B?\(MailBase64.encode(chunk))?=")
        }
        return words
    }

    /// Puts `Name:` and the words on lines of at most `foldWidth` where possible, folding
    /// with a leading space (right after the colon too, if the first word needs it); a single
    /// word longer than that stays whole (all words here are shorter than 998).
    static func fold(name: String, words: [String]) -> [String] {
        var lines: [String] = []
        var current = "\(name):"
        for word in words {
            if current.utf8.count + 1 + word.utf8.count > foldWidth {
                lines.append(current)
                current = ""
            }
            current += " " + word
        }
        lines.append(current)
        return lines
    }
}
