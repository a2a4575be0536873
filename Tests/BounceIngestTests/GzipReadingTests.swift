import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func collect(_ reader: LineReader) -> (lines: [String], error: IngestError?) {
    var lines: [String] = []
    do {
        try reader.forEachLine { line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
        return (lines, nil)
    } catch {
        return (lines, error)
    }
}

/// Numbered lines long enough that a cut in the compressed data falls after several of them.
private func numberedLog(_ count: Int) -> [UInt8] {
    var text = ""
    for index in 1...count {
        text += "Nov 26 10:00:\(index % 60) mx1 postfix/smtp[\(index)]: line \(index) of the log\n"
    }
    return bytes(text)
}

@Suite struct GzipReadingTests {
    @Test func gunzipsByContentNotByName() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("mail.log.1", Gzip.compress(bytes("one\ntwo\n")))
        let reader = try LineReader(path: path)
        let result = collect(reader)
        #expect(result.error == nil)
        #expect(result.lines == ["one", "two"])
        #expect(reader.isCompressed)
    }

    @Test func readsEveryMemberOfAMultiMemberFile() throws {
        let dir = try TemporaryDirectory()
        let data =
            Gzip.compress(bytes("one\ntw")) + Gzip.compress(bytes("o\nthree\n"))
            + Gzip.compress([]) + Gzip.compress(bytes("four"))
        let result = collect(try LineReader(path: try dir.write("multi.gz", data)))
        #expect(result.error == nil)
        #expect(result.lines == ["one", "two", "three", "four"])
    }

    @Test func ignoresZeroPaddingAfterTheLastMember() throws {
        let dir = try TemporaryDirectory()
        let data = Gzip.compress(bytes("one\n")) + [UInt8](repeating: 0, count: 512)
        let result = collect(try LineReader(path: try dir.write("padded.gz", data)))
        #expect(result.error == nil)
        #expect(result.lines == ["one"])
    }

    @Test func aTruncatedFileDeliversTheLinesBeforeTheCutThenFails() throws {
        let dir = try TemporaryDirectory()
        let original = numberedLog(20000)
        let packed = Gzip.compress(original)
        let cut = Array(packed.prefix(packed.count / 2))
        let path = try dir.write("cut.gz", cut)
        let result = collect(try LineReader(path: path))
        #expect(result.error == .truncatedGzip(path: path, offset: cut.count))
        let expected = String(decoding: original, as: UTF8.self).split(separator: "\n")
        // Whole lines only, each exactly as written, in order, and a fair share of them.
        #expect(result.lines.count > 1000)
        #expect(result.lines.count < expected.count)
        let same = result.lines.elementsEqual(expected.prefix(result.lines.count).map(String.init))
        #expect(same)
        #expect(result.error?.description.contains("truncated after compressed byte") == true)
    }

    @Test func aFileCutInsideTheHeaderFails() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("header.gz", Array(Gzip.compress(bytes("x\n")).prefix(5)))
        let result = collect(try LineReader(path: path))
        #expect(result.lines.isEmpty)
        #expect(result.error == .truncatedGzip(path: path, offset: 5))
    }

    @Test func damagedDataIsReportedWithItsOffset() throws {
        let dir = try TemporaryDirectory()
        let original = numberedLog(20000)
        var packed = Gzip.compress(original)
        let damageAt = packed.count / 2
        for index in damageAt..<damageAt + 64 { packed[index] = 0xFF }
        let path = try dir.write("damaged.gz", packed)
        let result = collect(try LineReader(path: path))
        guard case .corruptGzip(let errorPath, let offset, let reason)? = result.error else {
            Issue.record("expected corruptGzip, got \(String(describing: result.error))")
            return
        }
        #expect(errorPath == path)
        // zlib reports where it noticed, which is at or after the damage.
        #expect(offset >= damageAt && offset <= packed.count)
        #expect(!reason.isEmpty)
        // Deflate notices damage only some way after it (at worst at the CRC), so the lines
        // decoded just before the error may be garbage; the early ones must be intact.
        let expected = String(decoding: original, as: UTF8.self).split(separator: "\n")
        #expect(result.lines.count > 1000)
        let intact = result.lines.prefix(1000).elementsEqual(expected.prefix(1000).map(String.init))
        #expect(intact)
    }

    @Test func aBadChecksumIsCorruption() throws {
        let dir = try TemporaryDirectory()
        var packed = Gzip.compress(bytes("one\ntwo\n"))
        packed[packed.count - 6] ^= 0xFF  // inside the CRC-32 of the trailer
        let path = try dir.write("crc.gz", packed)
        let result = collect(try LineReader(path: path))
        #expect(result.lines == ["one", "two"])
        guard case .corruptGzip? = result.error else {
            Issue.record("expected corruptGzip, got \(String(describing: result.error))")
            return
        }
    }
}
