import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// How a large plain file is cut for `scan --jobs`: at line starts, into `size / pieceBytes`
/// pieces that shrink towards the end, so workers taking them in order finish together.
@Suite struct LineReaderPiecesTests {
    /// Lines of varied lengths, numbered, as a log's are.
    private static func log(lines: Int) -> String {
        (0..<lines).map { "line \($0) " + String(repeating: "x", count: $0 % 97) }
            .joined(separator: "\n") + "\n"
    }

    @Test func piecesStartAtLinesCoverTheFileAndShrink() throws {
        let directory = try TemporaryDirectory()
        let text = Self.log(lines: 5000)
        let path = try directory.write("mail.log", text)
        let size = text.utf8.count
        let pieceBytes = 4096
        let pieces = try #require(LineReader.pieces(of: path, pieceBytes: pieceBytes))
        #expect(pieces.count == size / pieceBytes)
        #expect(pieces.first?.lowerBound == 0)
        #expect(pieces.last?.upperBound == Int.max)
        let bytes = Array(text.utf8)
        for (piece, next) in zip(pieces, pieces.dropFirst()) {
            #expect(piece.upperBound == next.lowerBound)
            #expect(bytes[next.lowerBound - 1] == UInt8(ascii: "\n"))
        }
        // From about 1.5 times the mean size down to about half of it.
        let mean = Double(size) / Double(pieces.count)
        let first = Double(pieces[0].count)
        let last = Double(size - pieces[pieces.count - 1].lowerBound)
        #expect(first > 1.4 * mean && first < 1.6 * mean, "first \(first), mean \(mean)")
        #expect(last > 0.4 * mean && last < 0.65 * mean, "last \(last), mean \(mean)")
        let sizes = pieces.dropLast().map(\.count)
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 >= $1 - 200 })
    }

    @Test func boundariesWeighThreeToOneAndNeverOverflow() {
        // Two pieces: three quarters, then one quarter.
        #expect(LineReader.rampedBoundary(1, of: 2, size: 1000) == 750)
        // A file of a terabyte in pieces of 8 MiB: still increasing, still inside the file.
        let size = 1 << 40
        let count = size / (8 << 20)
        var previous = 0
        for index in stride(from: 1, to: count, by: 997) {
            let boundary = LineReader.rampedBoundary(index, of: count, size: size)
            #expect(boundary > previous && boundary < size)
            previous = boundary
        }
    }

    @Test func aSmallFileIsNotCut() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("small.log", Self.log(lines: 50))
        #expect(LineReader.pieces(of: path, pieceBytes: 1 << 20) == nil)
    }
}
