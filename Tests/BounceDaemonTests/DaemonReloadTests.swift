import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// Applying a new configuration keeps what the running sources have read and counted.
@Suite struct DaemonReloadTests {
    @Test func addedSourceStartsAndKeptSourcesContinue() throws {
        let harness = try DaemonHarness()
        try harness.append("a.log", 6)
        let loop = try harness.loop(harness.configuration([harness.fileSource("a.log")]))
        loop.poll()
        try harness.append("b.log", 4)
        try harness.append("a.log", 2)
        let deferred = loop.apply(
            harness.configuration([harness.fileSource("a.log"), harness.fileSource("b.log")]))
        #expect(deferred.isEmpty)
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func changedSourceContinuesFromItsPosition() throws {
        let harness = try DaemonHarness()
        try harness.append("a.log", 6)
        let loop = try harness.loop(harness.configuration([harness.fileSource("a.log")]))
        loop.poll()
        try harness.append("a.log", 3)
        let changed = SourceConfig.file(
            FileSourceConfig(path: harness.log("a.log"), format: .postfix, name: "a.log"))
        loop.apply(harness.configuration([changed]))
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func removedSourceKeepsItsCountersAndStopsReading() throws {
        let harness = try DaemonHarness()
        try harness.append("a.log", 6)
        try harness.append("b.log", 2)
        let loop = try harness.loop(
            harness.configuration([harness.fileSource("a.log"), harness.fileSource("b.log")]))
        loop.poll()
        loop.apply(harness.configuration([harness.fileSource("b.log")]))
        try harness.append("a.log", 5, counted: false)
        loop.poll()
        harness.expectTruth(loop)
        #expect(loop.checkpoint(at: 0).sources.keys.sorted() == ["b.log"])
    }

    @Test func stateDirectoryChangeWaitsForARestart() throws {
        let harness = try DaemonHarness()
        let loop = try harness.loop(harness.configuration([]))
        var moved = harness.configuration([])
        moved.stateDirectory = harness.path("elsewhere")
        let deferred = loop.apply(moved)
        #expect(deferred.count == 1)
        #expect(loop.configuration.stateDirectory == harness.stateDirectory)
    }

    @Test func textfileIsReplacedWholeWithMode0644() throws {
        let harness = try DaemonHarness()
        try harness.append("a.log", 3)
        let loop = try harness.loop(harness.configuration([harness.fileSource("a.log")]))
        loop.poll()
        loop.flush()
        let text = try String(contentsOfFile: harness.textfile, encoding: .utf8)
        #expect(text == loop.renderTextfile())
        #expect(text.contains("bouncewatch_source_up{source=\"a.log\"} 1"))
        let mode = try FileManager.default.attributesOfItem(atPath: harness.textfile)[
            .posixPermissions]
        #expect(mode as? Int == 0o644)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.path(""))
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
