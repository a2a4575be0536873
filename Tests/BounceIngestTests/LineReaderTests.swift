import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// Reads every line of `path` and returns them with their numbers, plus the error, if any.
private func readAll(_ reader: LineReader) -> (
    lines: [[UInt8]], numbers: [Int], error: IngestError?
) {
    var lines: [[UInt8]] = []
    var numbers: [Int] = []
    do {
        try reader.forEachLine { line, number in
            lines.append(Array(line))
            numbers.append(number)
        }
        return (lines, numbers, nil)
    } catch {
        return (lines, numbers, error)
    }
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// What a correct reader must produce: split on LF, drop one CR before it, no line after a
/// final LF, cut each line to `cap`.
private func expectedLines(_ data: [UInt8], cap: Int) -> [[UInt8]] {
    var parts = data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if data.last == 0x0A || data.isEmpty { parts.removeLast() }
    return parts.map { part in
        var line = part
        if line.last == 0x0D { line.removeLast() }
        return Array(line.prefix(cap))
    }
}

@Suite struct LineReaderPlainTests {
    @Test func numbersLinesFromOneAndKeepsEmptyLines() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("mail.log", bytes("first\n\nthird\n"))
        let result = readAll(try LineReader(path: path))
        #expect(result.error == nil)
        #expect(result.lines == [bytes("first"), [], bytes("third")])
        #expect(result.numbers == [1, 2, 3])
    }

    @Test func stripsOneCarriageReturnBeforeTheLineFeed() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("crlf.log", bytes("one\r\ntwo\r\r\nthree\rx\n"))
        let result = readAll(try LineReader(path: path))
        #expect(result.lines == [bytes("one"), bytes("two\r"), bytes("three\rx")])
    }

    @Test func deliversALastLineWithoutLineFeed() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("tail.log", bytes("one\ntwo"))
        let reader = try LineReader(path: path)
        let result = readAll(reader)
        #expect(result.lines == [bytes("one"), bytes("two")])
        #expect(reader.lineCount == 2)
        #expect(reader.isCompressed == false)
    }

    @Test func anEmptyFileHasNoLines() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("empty.log", [])
        let result = readAll(try LineReader(path: path))
        #expect(result.lines.isEmpty)
        #expect(result.error == nil)
    }

    @Test func passesNulBytesAndInvalidUTF8Through() throws {
        let dir = try TemporaryDirectory()
        let hostile: [UInt8] = [0x61, 0x00, 0x62, 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x00]
        let path = try dir.write("hostile.log", hostile + [0x0A] + bytes("next\n"))
        let result = readAll(try LineReader(path: path))
        #expect(result.lines == [hostile, bytes("next")])
    }

    @Test func cutsATenMegabyteLineAndCountsIt() throws {
        let dir = try TemporaryDirectory()
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024)
        let path = try dir.write("long.log", bytes("before\n") + long + bytes("\nafter\n"))
        let reader = try LineReader(path: path)
        let result = readAll(reader)
        #expect(result.error == nil)
        #expect(result.lines.count == 3)
        #expect(result.lines.first == bytes("before"))
        #expect(
            result.lines.dropFirst().first == Array(long.prefix(LineReader.defaultMaxLineLength)))
        #expect(result.lines.last == bytes("after"))
        #expect(result.numbers == [1, 2, 3])
        #expect(reader.truncatedLines == 1)
    }

    @Test func cutsALongLastLineWithoutLineFeed() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(
            "long-tail.log", bytes("ok\n") + Array(repeating: 0x41, count: 300))
        let reader = try LineReader(path: path, maxLineLength: 100)
        let result = readAll(reader)
        #expect(result.lines == [bytes("ok"), Array(repeating: 0x41, count: 100)])
        #expect(reader.truncatedLines == 1)
    }

    @Test func aLineOfExactlyTheCapIsNotTruncated() throws {
        let dir = try TemporaryDirectory()
        let line = [UInt8](repeating: 0x42, count: 64)
        let path = try dir.write("exact.log", line + [0x0D, 0x0A] + line + [0x0A] + line)
        let reader = try LineReader(path: path, maxLineLength: 64)
        let result = readAll(reader)
        #expect(result.lines == [line, line, line])
        #expect(reader.truncatedLines == 0)
    }

    /// Random lines of every length around the cap and the read size, with CRs, through the
    /// buffer's compaction and refill paths.
    @Test(arguments: [16, 1000, 64 * 1024])
    func matchesASimpleSplitOnRandomInput(cap: Int) throws {
        var generator = SplitMix64(seed: UInt64(cap))
        var data: [UInt8] = []
        while data.count < 3 * 1024 * 1024 {
            let length = Int(generator.next() % UInt64(cap * 2 + 3))
            for _ in 0..<length { data.append(UInt8(ascii: "a") + UInt8(generator.next() % 26)) }
            if generator.next() % 5 == 0 { data.append(0x0D) }
            data.append(0x0A)
        }
        data.append(contentsOf: bytes("no newline at the end"))
        let expected = expectedLines(data, cap: cap)
        let dir = try TemporaryDirectory()
        let plain = readAll(try LineReader(path: try dir.write("r.log", data), maxLineLength: cap))
        #expect(plain.error == nil)
        #expect(plain.lines == expected)
        #expect(plain.numbers == Array(1...expected.count))
        let packed = try dir.write("r.log.1", Gzip.compress(data))
        let unpacked = readAll(try LineReader(path: packed, maxLineLength: cap))
        #expect(unpacked.error == nil)
        #expect(unpacked.lines == expected)
    }

    @Test func readsStandardInputFromADescriptor() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("stdin.log", bytes("a\nb\n"))
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let reader = LineReader(descriptor: descriptor, name: "-")
        #expect(reader.path == "-")
        #expect(readAll(reader).lines == [bytes("a"), bytes("b")])
        #expect(reader.modificationTime != nil)
    }
}

/// A small deterministic generator, so random inputs are the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
