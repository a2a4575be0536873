import BounceCore
import Testing

@testable import BounceIngest

/// The pure parts: the position's text form, rotated names, and where the unread rest is.
@Suite struct FollowDecisionTests {
    static let identity = FileIdentity(
        device: 2049, inode: 1_234_567, fingerprint: FileFingerprint(of: Array("Nov 26 ".utf8)))

    @Test func aPositionSurvivesItsTextForm() throws {
        let positions = [
            FilePosition(identity: Self.identity, offset: 987_654_321),
            FilePosition(
                identity: FileIdentity(
                    device: .max, inode: 0, fingerprint: FileFingerprint(hash: 0x0F, length: 256)),
                offset: 0),
            FilePosition(
                identity: FileIdentity(device: 0, inode: .max, fingerprint: .empty),
                offset: Int.max),
        ]
        for position in positions {
            let text = position.encoded
            #expect(text.hasPrefix("file-position/1 "))
            #expect(try FilePosition(decoding: text) == position)
        }
        #expect(
            FilePosition(identity: Self.identity, offset: 12).encoded
                == "file-position/1 2049 1234567 \(hex(Self.identity.fingerprint.hash)) 7 12")
    }

    @Test(arguments: [
        ("", FilePositionDecodingError.notAPosition),
        ("garbage", .notAPosition),
        ("journal-cursor s=1", .notAPosition),
        ("file-position/2 1 2 0000000000000000 0 0", .unsupportedVersion("2")),
        ("file-position/1 1 2 0000000000000000 0", .wrongFieldCount(4)),
        ("file-position/1 1 2 0000000000000000 0 0 0", .wrongFieldCount(6)),
        ("file-position/1  2 0000000000000000 0 0", .invalidField(name: "device", value: "")),
        ("file-position/1 1 -2 0000000000000000 0 0", .invalidField(name: "inode", value: "-2")),
        (
            "file-position/1 1 2 000000000000000g 0 0",
            .invalidField(name: "fingerprint", value: "000000000000000g")
        ),
        (
            "file-position/1 1 2 00000000000000000 0 0",
            .invalidField(name: "fingerprint", value: "00000000000000000")
        ),
        (
            "file-position/1 1 2 00000000000000AB 0 0",
            .invalidField(name: "fingerprint", value: "00000000000000AB")
        ),
        (
            "file-position/1 1 2 0000000000000000 257 0",
            .invalidField(name: "fingerprint length", value: "257")
        ),
        ("file-position/1 1 2 0000000000000000 0 +5", .invalidField(name: "offset", value: "+5")),
        (
            "file-position/1 1 2 0000000000000000 0 9223372036854775808",
            .invalidField(name: "offset", value: "9223372036854775808")
        ),
        (
            "file-position/1 1 2 0000000000000000 0 99999999999999999999",
            .invalidField(name: "offset", value: "99999999999999999999")
        ),
        ("file-position/1 1 2 0000000000000000 0 5\n", .invalidField(name: "offset", value: "5\n")),
    ])
    func garbageIsRefusedWithTheReason(text: String, error: FilePositionDecodingError) {
        #expect(throws: error) { try FilePosition(decoding: text) }
        #expect(!error.description.isEmpty)
    }

    @Test func rotatedNamesAreFoundNewestFirstWithGzipOnesAndOtherCompressionsLeftOut() {
        let names = [
            "mail.log", "mail.log.2", "mail.log.1", "mail.log.0", "mail.log.3.gz",
            "mail.log-20261125", "mail.log-20261126", "mail.log-2026-11-24", "mail.log.1.xz",
            "mail.logger", "mail.log.", "mail.log.old", "mail.log-1", "mail.err.1", "xmail.log.1",
            "mail.log-20261123.gz", "mail.log.gz", "mail.log.x.gz",
        ]
        #expect(
            RotatedNames.candidates(of: "mail.log", among: names) == [
                "mail.log.0", "mail.log.1", "mail.log.2", "mail.log.3.gz", "mail.log-20261126",
                "mail.log-20261125", "mail.log-20261123.gz", "mail.log-2026-11-24",
            ])
        #expect(RotatedNames.sameScheme("mail.log.1", "mail.log.2.gz", of: "mail.log"))
        #expect(RotatedNames.isCompressed("mail.log.2.gz"))
        #expect(!RotatedNames.isCompressed("mail.log.2"))
    }

    @Test(arguments: [
        ("mail.log", false), ("mail.log.1", true), ("mail.log-20261126", true),
        ("mail.log.2.gz", true), ("exim_mainlog", false), ("mail-2.log", false),
        ("mainlog.zst", true),
    ])
    func globsLeaveRotatedNamesOut(name: String, rotated: Bool) {
        #expect(RotatedNames.looksRotated(name) == rotated)
    }

    static func seen(
        inode: UInt64 = 1_234_567, size: Int, sameStart: Bool = true
    ) -> FileObservation {
        FileObservation(
            device: 2049, inode: inode, size: size,
            prefix: sameStart ? identity.fingerprint : FileFingerprint(of: Array("Dec 01 ".utf8)))
    }

    @Test func planningAfterAStop() {
        let saved = FilePosition(identity: Self.identity, offset: 500)
        typealias Plan = RotationPlanner.Plan
        let cases: [(FileObservation?, [FileObservation], Plan)] = [
            // Untouched, grown: go on.
            (Self.seen(size: 900), [], Plan(tail: nil, next: .continueAt(500), lostTrack: false)),
            // Renamed to .1, a new file at the path.
            (
                Self.seen(inode: 9, size: 10, sameStart: false),
                [Self.seen(inode: 8, size: 50, sameStart: false), Self.seen(size: 700)],
                Plan(tail: 1, next: .fromBeginning, lostTrack: false)
            ),
            // copytruncate: our inode, shorter; the copy has our first bytes.
            (
                Self.seen(size: 100, sameStart: false), [Self.seen(inode: 77, size: 650)],
                Plan(tail: 0, next: .fromBeginning, lostTrack: false)
            ),
            // Renamed and nothing new yet.
            (nil, [Self.seen(size: 500)], Plan(tail: 0, next: .waitForFile, lostTrack: false)),
            // Our inode rewritten with other content, no copy anywhere.
            (
                Self.seen(size: 5000, sameStart: false), [],
                Plan(tail: nil, next: .fromBeginning, lostTrack: true)
            ),
            // A copy shorter than what was read is not ours.
            (
                nil, [Self.seen(inode: 3, size: 499)],
                Plan(tail: nil, next: .waitForFile, lostTrack: true)
            ),
        ]
        for (atPath, rotated, expected) in cases {
            #expect(
                RotationPlanner.plan(saved: saved, atPath: atPath, rotated: rotated) == expected)
        }
    }

    @Test func newerCopiesAreReadOldestFirstAndStaleOnesLeftOut() {
        func copy(_ inode: UInt64, modified: Int64) -> FileObservation {
            FileObservation(device: 1, inode: inode, size: 10, prefix: nil, modified: modified)
        }
        // Newest first: .0, .1, .2 (ours), .3
        let copies = [
            copy(10, modified: 300), copy(11, modified: 200), copy(12, modified: 100),
            copy(13, modified: 50),
        ]
        #expect(RotationPlanner.newerCopies(than: 2, among: copies, atPath: nil) == [1, 0])
        #expect(RotationPlanner.newerCopies(than: 2, among: copies, atPath: copies[0]) == [1])
        #expect(RotationPlanner.newerCopies(than: 0, among: copies, atPath: nil) == [])
        #expect(RotationPlanner.newerCopies(than: 3, among: copies, atPath: nil) == [2, 1, 0])
        let stale = [copy(10, modified: 300), copy(11, modified: 20), copy(12, modified: 100)]
        #expect(RotationPlanner.newerCopies(than: 2, among: stale, atPath: nil) == [0])
        #expect(RotatedNames.sameScheme("m.log.1", "m.log.2", of: "m.log"))
        #expect(RotatedNames.sameScheme("m.log-20261125", "m.log-20261126", of: "m.log"))
        #expect(!RotatedNames.sameScheme("m.log.1", "m.log-20261126", of: "m.log"))
    }

    @Test func anEmptyFingerprintFindsOnlyTheSameInode() {
        let empty = FilePosition(
            identity: FileIdentity(device: 2049, inode: 42, fingerprint: .empty), offset: 0)
        let other = FileObservation(device: 2049, inode: 43, size: 10, prefix: .empty)
        let same = FileObservation(device: 2049, inode: 42, size: 10, prefix: .empty)
        #expect(RotationPlanner.findTail(of: empty, among: [other]) == nil)
        #expect(RotationPlanner.findTail(of: empty, among: [other, same]) == 1)
    }

    @Test func theStreamingHashAgreesWithTheWholeHash() {
        let bytes = Array("Nov 26 10:00:00 mx postfix/smtp[1]: 4F1C: to=<a@b>".utf8)
        var hasher = FingerprintHasher()
        bytes[..<10].withUnsafeBytes { hasher.combine($0) }
        #expect(hasher.fingerprint == FileFingerprint(of: Array(bytes[..<10])))
        bytes[10...].withUnsafeBytes { hasher.combine($0) }
        #expect(hasher.fingerprint == FileFingerprint(of: bytes))
        #expect(hasher.fingerprint.length == bytes.count)
        #expect(FileFingerprint(of: Array("a".utf8)) != FileFingerprint(of: Array("b".utf8)))
        // FNV-1a 64 of "a", from the algorithm's published test vectors.
        #expect(FileFingerprint(of: Array("a".utf8)).hash == 0xAF63_DC4C_8601_EC8C)
    }

    @Test func inotifyRecordsAreSplitWithTheirNames() {
        var bytes: [UInt8] = []
        func record(_ watch: Int32, _ mask: UInt32, _ cookie: UInt32, _ name: String, pad: Int) {
            withUnsafeBytes(of: watch.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: mask.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: cookie.littleEndian) { bytes += $0 }
            let field = Array(name.utf8) + Array(repeating: 0, count: pad)
            withUnsafeBytes(of: UInt32(field.count).littleEndian) { bytes += $0 }
            bytes += field
        }
        record(1, 0x100, 0, "mail.log", pad: 8)
        record(2, 0x2, 0, "", pad: 0)
        record(1, 0x40, 77, "mail.log.1", pad: 6)
        let events = bytes.withUnsafeBytes { InotifyEvent.parse($0) }
        #expect(
            events == [
                InotifyEvent(watch: 1, mask: 0x100, cookie: 0, name: "mail.log"),
                InotifyEvent(watch: 2, mask: 0x2, cookie: 0, name: ""),
                InotifyEvent(watch: 1, mask: 0x40, cookie: 77, name: "mail.log.1"),
            ])
        // A record cut short ends the parse instead of reading past the buffer.
        let cut = bytes.dropLast(3).withUnsafeBytes { InotifyEvent.parse($0) }
        #expect(cut.count == 2)
    }
}

private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
