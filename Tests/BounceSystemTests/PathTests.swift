import BounceSystem
import Foundation
import Testing

@Suite struct PathTests {
    @Test(arguments: [
        ("a", ".", "a"), ("/a", "/", "a"), ("/var/lib/x", "/var/lib", "x"), ("a/b", "a", "b"),
        ("dir/", "dir", ""), ("/", "/", ""),
    ])
    func splitsAPath(path: String, directory: String, name: String) {
        #expect(Path.directory(of: path) == directory)
        #expect(Path.name(of: path) == name)
    }

    @Test func joinsWithOneSlash() {
        #expect(Path.join("/var/lib/bouncewatch", "lock") == "/var/lib/bouncewatch/lock")
        #expect(Path.join("/var/lib/bouncewatch/", "lock") == "/var/lib/bouncewatch/lock")
        #expect(Path.join(".", "a") == "./a")
    }

    @Test func makesARelativePathAbsolute() {
        let here = FileManager.default.currentDirectoryPath
        #expect(Path.absolute("/var/log/journal") == "/var/log/journal")
        #expect(Path.absolute("journal") == Path.join(here, "journal"))
        #expect(Path.absolute("./journal") == Path.join(here, "journal"))
    }
}
