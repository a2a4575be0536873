import Foundation
import Testing

/// The shipped binary carries no Foundation: neither the executable nor anything it links
/// may pull in Foundation, FoundationEssentials or ICU (each costs megabytes and start-up
/// time). The debug build links the Swift libraries dynamically, so `ldd` names every one.
@Suite struct BinaryLibrariesTests {
    @Test func noFoundationOrICUIsLinked() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [BinaryRunner.executable.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(
            decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "ldd failed: \(output)")
        #expect(output.contains("libswiftCore"), "ldd listed no Swift library: \(output)")
        let unwanted = output.split(separator: "\n").filter {
            $0.contains("Foundation") || $0.contains("libicu") || $0.contains("_FoundationICU")
        }
        #expect(unwanted.isEmpty, "linked: \(unwanted.joined(separator: "; "))")
    }
}
