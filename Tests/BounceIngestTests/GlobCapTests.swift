import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// A glob follows at most `maxFiles` files, and says so. (The process-wide descriptor budget
/// is tested on the binary, under `ulimit -n`: RunFaultTests.)
@Suite struct GlobCapTests {
    @Test func aPatternOverItsCapFollowsTheFirstFilesAndSaysSo() throws {
        let dir = try TemporaryDirectory()
        for index in 0..<5 {
            _ = try dir.write("m\(index).log", Array("line \(index)\n".utf8))
        }
        let glob = GlobFollower(pattern: dir.path("*.log"), start: .beginning, maxFiles: 3)
        var lines: [String] = []
        #expect(
            glob.poll { _, line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
                .isEmpty)
        #expect(lines == ["line 0", "line 1", "line 2"])
        let notices = glob.takeNotices().map(\.notice)
        #expect(notices == [.tooManyFiles(pattern: dir.path("*.log"), matching: 5, cap: 3)])
        // Said once, not at every poll.
        _ = glob.poll { _, _, _ in }
        #expect(glob.takeNotices().isEmpty)
    }
}
