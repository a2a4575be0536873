import Foundation
import Testing

/// The shipped binary carries no Foundation: neither the executable nor anything it links
/// may pull in Foundation, FoundationEssentials or ICU (each costs megabytes and start-up
/// time). The debug build links the Swift libraries dynamically, so `ldd` names every one.
@Suite struct BinaryLibrariesTests {
    /// The lines of `ldd bouncewatch`.
    private func linkedLibraries() throws -> [Substring] {
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
        return output.split(separator: "\n")
    }

    @Test func noFoundationOrICUIsLinked() throws {
        let libraries = try linkedLibraries()
        #expect(
            libraries.contains { $0.contains("libswiftCore") },
            "ldd listed no Swift library: \(libraries)")
        let unwanted = libraries.filter {
            $0.contains("Foundation") || $0.contains("libicu") || $0.contains("_FoundationICU")
        }
        #expect(unwanted.isEmpty, "linked: \(unwanted.joined(separator: "; "))")
    }

    /// libcurl and the thirty-odd libraries it brings are loaded only when a notifier sends.
    @Test func libcurlIsNotLinked() throws {
        let libraries = try linkedLibraries()
        #expect(libraries.contains { $0.contains("libc.so") }, "ldd listed no libc: \(libraries)")
        let curl = libraries.filter { $0.contains("libcurl") }
        #expect(curl.isEmpty, "linked: \(curl.joined(separator: "; "))")
    }
}
