import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// Random bytes appended in random pieces, a poll after each: the follower must hand out
/// exactly the complete lines of a simple split, each with the offset just after its LF.
@Suite struct FollowLineTests {
    @Test(arguments: [8, 100, 4096])
    func piecewiseAppendsMatchASimpleSplit(cap: Int) throws {
        var random = SplitMix64(seed: UInt64(cap) &* 31)
        var data: [UInt8] = []
        while data.count < 600 * 1024 {
            let length = Int(random.next() % UInt64(cap * 3 + 2))
            for _ in 0..<length { data.append(UInt8(ascii: "a") + UInt8(random.next() % 26)) }
            if random.next() % 4 == 0 { data.append(0x0D) }
            data.append(0x0A)
        }
        data += Array("an unfinished line".utf8)

        let dir = try TemporaryDirectory()
        let path = try dir.write("mail.log", [])
        let appender = try #require(FileHandle(forWritingAtPath: path))
        let follower = FileFollower(path: path, start: .beginning, maxLineLength: cap)
        var lines: [[UInt8]] = []
        var offsets: [Int] = []
        func poll() throws {
            try follower.poll { line, position in
                lines.append(Array(line))
                offsets.append(position.offset)
            }
        }
        try poll()
        var written = 0
        while written < data.count {
            // Pieces from one byte to more than a read, so lines and reads split anywhere.
            let piece = min(data.count - written, 1 + Int(random.next() % 200_000))
            appender.write(Data(data[written..<(written + piece)]))
            written += piece
            try poll()
        }
        try appender.close()

        var expectedLines: [[UInt8]] = []
        var expectedOffsets: [Int] = []
        var start = 0
        for (index, byte) in data.enumerated() where byte == 0x0A {
            var line = Array(data[start..<index])
            if line.last == 0x0D { line.removeLast() }
            expectedLines.append(Array(line.prefix(cap)))
            expectedOffsets.append(index + 1)
            start = index + 1
        }
        #expect(lines == expectedLines)
        #expect(offsets == expectedOffsets)
        let cut = expectedLines.indices.filter { index in
            var line = Array(
                data[(index == 0 ? 0 : expectedOffsets[index - 1])..<(expectedOffsets[index] - 1)])
            if line.last == 0x0D { line.removeLast() }
            return line.count > cap
        }
        #expect(follower.statistics.truncatedLines == cut.count)
        #expect(follower.position?.offset == expectedOffsets.last)
    }
}
