/// A hash of a file's first bytes, with how many bytes it covers.
///
/// Device and inode alone do not identify a log: an inode is reused once a file is deleted,
/// and `copytruncate` rewrites a file in place. The first bytes of a log (a timestamp, a
/// host, a queue ID) tell one file's content from another's.
public struct FileFingerprint: Hashable, Sendable {
    /// How many leading bytes a fingerprint covers at most.
    public static let maximumLength = 256

    /// FNV-1a 64 of the covered bytes.
    public let hash: UInt64
    /// How many leading bytes the hash covers (0 through `maximumLength`).
    public let length: Int

    /// A fingerprint with a known hash, as decoded from a saved position.
    public init(hash: UInt64, length: Int) {
        self.hash = hash
        self.length = length
    }

    /// The fingerprint of `bytes` (the caller passes at most `maximumLength` of them).
    public init(of bytes: UnsafeRawBufferPointer) {
        var hasher = FingerprintHasher()
        hasher.combine(bytes)
        self = hasher.fingerprint
    }

    /// The fingerprint of an array of bytes.
    public init(of bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { FileFingerprint(of: $0) }
    }

    /// The fingerprint of a file that was empty when it was looked at; it matches any content.
    public static let empty = FileFingerprint(of: [])
}

/// Streaming FNV-1a 64, so a longer fingerprint can be checked against a shorter one while
/// it is computed: the state after the first `n` bytes is the fingerprint of those `n` bytes.
public struct FingerprintHasher: Sendable {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325
    private var count = 0

    public init() {}

    /// Adds `bytes` to the hash.
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        count += bytes.count
    }

    /// The fingerprint of everything combined so far.
    public var fingerprint: FileFingerprint { FileFingerprint(hash: state, length: count) }
}
