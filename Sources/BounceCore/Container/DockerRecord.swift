/// One line of a Docker `json-file` log, as the daemon writes it:
/// `{"log":"postfix/smtp[137]: ...\n","stream":"stdout","time":"2026-12-06T10:00:01.5Z"}`,
/// with an `"attrs":{...}` object between `stream` and `time` when labels or a tag are logged.
///
/// `log` is what the container wrote, JSON-escaped (Docker also escapes `<`, `>`, `&` as
/// `\u003c`, `\u003e`, `\u0026`, and writes invalid UTF-8 as `\ufffd`). A line longer than
/// Docker's 16 KiB buffer is written as several records whose `log` lacks the final `\n`; the
/// record with the newline ends it. `time` is RFC 3339 in UTC with up to nine fraction digits.
public struct DockerRecord: Sendable, Equatable {
    /// The container stream a record came from; each is joined apart.
    public enum Stream: Int, Sendable, CaseIterable {
        case stdout
        case stderr
        /// A stream Docker does not write (or none): read all the same.
        case other
    }

    public var stream: Stream
    /// Where the `time` text is in the record's line; nil when it has none (or one that is not
    /// an RFC 3339 stamp of at most `maximumTimeLength` bytes).
    public var time: Range<Int>?
    /// Whether `log` lacked its final newline: more of the same line follows.
    public var isPartial: Bool

    /// The longest `time` text used.
    public static let maximumTimeLength = 40

    /// Decodes one record, appending the unescaped `log` to `log` (the final newline
    /// included). On a failure `log` is left as it was.
    public static func decode(_ line: UnsafeBufferPointer<UInt8>, log: inout BoundedBytes)
        -> Result<DockerRecord, DockerRecordProblem>
    {
        var reader = DockerRecordReader(line: line)
        let mark = log.mark
        do throws(DockerRecordProblem) {
            return .success(try reader.record(log: &log))
        } catch {
            log.roll(back: mark)
            return .failure(error)
        }
    }
}

/// Why a line is not a Docker `json-file` record.
public enum DockerRecordProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// It does not start with `{` (after white space).
    case notAnObject
    /// It ends inside the object: a line cut short, or a write that was interrupted.
    case truncated
    /// Something other than JSON where a key, a `:`, a value or a `,` belongs.
    case malformed(offset: Int)
    /// A string with an escape that JSON does not have.
    case badEscape(offset: Int)
    /// The object has no `log` string.
    case missingLog
    /// A key appears twice.
    case duplicateKey(String)
    /// `attrs` or another value nests deeper than `DockerRecordReader.maximumDepth`.
    case tooDeep

    public var description: String {
        switch self {
        case .notAnObject: "not a Docker json-file record (it does not start with \"{\")"
        case .truncated: "Docker json-file record cut short (the line ends inside it)"
        case .malformed(let offset): "Docker json-file record is not JSON at byte \(offset)"
        case .badEscape(let offset):
            "Docker json-file record has an invalid escape at byte \(offset)"
        case .missingLog: "Docker json-file record without a \"log\" string"
        case .duplicateKey(let key): "Docker json-file record has \"\(key)\" twice"
        case .tooDeep: "Docker json-file record nests too deep"
        }
    }
}
