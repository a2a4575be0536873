import Foundation
import Testing

/// Finds `../shared/corpus` beside the checkout.
///
/// The corpus holds copyleft files that are read at test time, never copied into the repository.
/// A clone elsewhere has no `../shared`: tests that need it print that they are skipped; under CI
/// (`CI` set) its absence is a failure.
enum SharedCorpus {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["BOUNCEWATCH_SHARED"] {
            return URL(fileURLWithPath: override).appendingPathComponent("corpus")
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    /// The URL of `relative` inside the corpus, or nil (after saying why) when there is no corpus.
    static func file(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL?
    {
        let url = directory.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record(
                "shared corpus file \(url.path) is missing under CI", sourceLocation: sourceLocation
            )
        } else {
            print(
                "SKIPPED: shared corpus file \(url.path) not found (no ../shared beside the clone)")
        }
        return nil
    }

    /// Every corpus file, or an empty list (after saying why) when there is no corpus.
    static func allFiles(sourceLocation: SourceLocation = #_sourceLocation) -> [URL] {
        guard file("SOURCES.md", sourceLocation: sourceLocation) != nil,
            let walker = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { $0.pathExtension != "md" && !$0.hasDirectoryPath }
            .sorted { $0.path < $1.path }
    }

    /// The lines of a corpus file as raw bytes, split on LF.
    static func lines(of url: URL) -> [[UInt8]] {
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("cannot read \(url.path)")
            return []
        }
        return data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            .filter { !$0.isEmpty }
    }
}
