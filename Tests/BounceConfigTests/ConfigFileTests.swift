import BounceConfig
import BounceCore
import BounceTestSupport
import Foundation
import Testing

/// `ConfigLoader.load(path:)`: the file itself, before any YAML.
@Suite struct ConfigFileTests {
    @Test func aMissingFileNamesItselfAndTheReason() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("absent.yml")
        #expect {
            _ = try ConfigLoader.load(path: path)
        } throws: { error in
            (error as? ConfigError)?.description
                == "\(path): cannot read the configuration: No such file or directory"
        }
    }

    @Test func binaryOrHugeFilesAreRefused() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "latin1.yml", Array("# café\nhostname: caf".utf8) + [0xE9, 0x0A])
        try directory.write("huge.yml", String(repeating: "# padding\n", count: 110_000))
        try FileManager.default.createDirectory(
            atPath: directory.path("a-directory.yml"), withIntermediateDirectories: false)
        // The line, when there is one: where the first byte that is not UTF-8 is.
        for (name, line, message) in [
            ("a-directory.yml", "", "is not a regular file"),
            ("latin1.yml", ":2", "is not UTF-8 text"),
            ("huge.yml", "", "is larger than 1 MiB; not a configuration file"),
        ] {
            let path = directory.path(name)
            #expect {
                _ = try ConfigLoader.load(path: path)
            } throws: { error in
                (error as? ConfigError)?.description == "\(path)\(line): \(message)"
            }
        }
    }

    @Test func errorsNameTheFileAsGiven() throws {
        let directory = try TemporaryDirectory()
        try directory.write("bad.yml", "metrics:\n  interval: 15x\n")
        let path = directory.path("bad.yml")
        #expect {
            _ = try ConfigLoader.load(path: path)
        } throws: { error in
            (error as? ConfigError)?.description
                == "\(path):2: metrics.interval: \"15x\" is not a duration (use 30s, 15m, 4h or 1d)"
        }
    }
}
