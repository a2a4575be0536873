/// Where reading of one log file stands: the file, and the byte offset of its next unread
/// line. Every byte before `offset` was handed out as part of a complete line.
///
/// Plain data: the checkpoint stores it through `encoded` and reads it back with
/// `init(decoding:)`, a one-line text form with a version, so old checkpoints stay readable.
public struct FilePosition: Hashable, Sendable {
    /// The file the offset belongs to.
    public let identity: FileIdentity
    /// The byte offset of the next unread line.
    public let offset: Int

    public init(identity: FileIdentity, offset: Int) {
        self.identity = identity
        self.offset = offset
    }

    /// The tag that starts the current text form; the number after the slash is its version.
    public static let formatTag = "file-position/1"

    /// The text form: `file-position/1 DEVICE INODE HASH LENGTH OFFSET`, decimal numbers and a
    /// 16-digit lower-case hexadecimal fingerprint hash, separated by single spaces.
    public var encoded: String {
        let hex = String(identity.fingerprint.hash, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return "\(Self.formatTag) \(identity.device) \(identity.inode) \(padded)"
            + " \(identity.fingerprint.length) \(offset)"
    }

    /// Reads the text form written by `encoded`, refusing anything else with a reason.
    public init(decoding text: String) throws(FilePositionDecodingError) {
        let fields = text.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard let tag = fields.first, let tagText = String(tag) else {
            throw .notAPosition
        }
        guard tagText.hasPrefix("file-position/") else { throw .notAPosition }
        guard tagText == Self.formatTag else {
            throw .unsupportedVersion(String(tagText.dropFirst("file-position/".count)))
        }
        guard fields.count == 6 else { throw .wrongFieldCount(fields.count - 1) }
        let device = try Self.decimal(fields[1], name: "device")
        let inode = try Self.decimal(fields[2], name: "inode")
        let hash = try Self.hexadecimal(fields[3])
        let length = try Self.decimal(fields[4], name: "fingerprint length")
        let offset = try Self.decimal(fields[5], name: "offset")
        guard length <= UInt64(FileFingerprint.maximumLength) else {
            throw .invalidField(name: "fingerprint length", value: String(length))
        }
        guard offset <= UInt64(Int.max) else {
            throw .invalidField(name: "offset", value: String(offset))
        }
        self.init(
            identity: FileIdentity(
                device: device, inode: inode,
                fingerprint: FileFingerprint(hash: hash, length: Int(length))),
            offset: Int(offset))
    }

    private static func decimal(_ field: Substring.UTF8View, name: String)
        throws(FilePositionDecodingError) -> UInt64
    {
        // UInt64(String) accepts a leading "+"; a checkpoint never has one.
        guard !field.isEmpty, field.count <= 20,
            field.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = UInt64(Substring(field))
        else {
            throw .invalidField(name: name, value: String(Substring(field)))
        }
        return value
    }

    private static func hexadecimal(_ field: Substring.UTF8View)
        throws(FilePositionDecodingError) -> UInt64
    {
        let isLowerHex: (UInt8) -> Bool = {
            ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
        }
        guard field.count == 16, field.allSatisfy(isLowerHex),
            let value = UInt64(Substring(field), radix: 16)
        else {
            throw .invalidField(name: "fingerprint", value: String(Substring(field)))
        }
        return value
    }
}

/// Why a saved file position could not be read back.
public enum FilePositionDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not start with `file-position/`.
    case notAPosition
    /// A position written by a version this build does not know.
    case unsupportedVersion(String)
    /// Not the five fields after the tag.
    case wrongFieldCount(Int)
    /// A field is not a number of the expected form or range.
    case invalidField(name: String, value: String)

    public var description: String {
        switch self {
        case .notAPosition:
            "not a file position (expected it to start with \"file-position/\")"
        case .unsupportedVersion(let version):
            "file position format version \"\(version.prefix(20))\" is not supported"
                + " (this build reads version 1)"
        case .wrongFieldCount(let count):
            "file position has \(count) fields after its tag, expected 5"
        case .invalidField(let name, let value):
            "file position field \(name) is invalid: \"\(value.prefix(40))\""
        }
    }
}
