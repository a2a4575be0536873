import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// The daemon loop on temp files, driven step by step: after every rotation scheme, the
/// counters equal the lines written, neither fewer nor more.
@Suite struct DaemonRotationTests {
    @Test func appendedLinesAreCountedOnce() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        let loop = try harness.loop(harness.configuration([harness.fileSource("mail.log")]))
        loop.poll()
        harness.expectTruth(loop)
        try harness.append("mail.log", 7)
        loop.poll()
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func renameAndCreateReadsLinesWrittenToTheOldFileAfterTheRename() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        let loop = try harness.loop(harness.configuration([harness.fileSource("mail.log")]))
        loop.poll()
        try harness.rename("mail.log", to: "mail.log.1")
        try harness.append("mail.log.1", 3)
        loop.poll()
        try harness.append("mail.log", 4)
        try harness.append("mail.log.1", 2)
        loop.poll()
        harness.expectTruth(loop)
        try harness.append("mail.log", 5)
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func copytruncateReadsTheUnreadRestFromTheCopy() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        let loop = try harness.loop(harness.configuration([harness.fileSource("mail.log")]))
        loop.poll()
        try harness.append("mail.log", 6)
        try harness.copyTruncate("mail.log", to: "mail.log.1")
        try harness.append("mail.log", 3)
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func deleteAndRecreateReadsTheDeletedFileToItsEnd() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        let loop = try harness.loop(harness.configuration([harness.fileSource("mail.log")]))
        loop.poll()
        try harness.append("mail.log", 2)
        try harness.remove("mail.log")
        try harness.append("mail.log", 3)
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func fileAppearingLateIsReadFromItsStart() throws {
        let harness = try DaemonHarness()
        let loop = try harness.loop(
            harness.configuration([harness.fileSource("mail.log", startAt: .end)]))
        loop.poll()
        harness.expectTruth(loop)
        try harness.append("mail.log", 5)
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func startAtEndSkipsWhatWasThereOnlyOnTheFirstStart() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 8, counted: false)
        let configuration = harness.configuration([harness.fileSource("mail.log", startAt: .end)])
        var loop: DaemonLoop! = try harness.loop(configuration)
        loop.poll()
        try harness.append("mail.log", 4)
        loop.poll()
        loop.flush()
        loop = nil
        loop = try harness.loop(configuration)
        try harness.append("mail.log", 3)
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func globGainsFilesAndKeepsThemAcrossARestart() throws {
        let harness = try DaemonHarness()
        try harness.append("a.log", 3)
        let glob = SourceConfig.file(
            FileSourceConfig(path: harness.log("*.log"), startAt: .beginning, name: "mail"))
        let configuration = harness.configuration([glob])
        var loop: DaemonLoop! = try harness.loop(configuration)
        loop.poll()
        try harness.append("b.log", 4)
        loop.poll()
        harness.expectTruth(loop)
        loop.flush()
        try harness.append("a.log", 2)
        try harness.append("b.log", 1)
        try harness.append("c.log", 5)
        loop = nil
        loop = try harness.loop(configuration)
        loop.poll()
        harness.expectTruth(loop)
    }
}
