import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceIngest

/// 200,000 lines written in bursts while the log is rotated in every way, while running and
/// while stopped; the concatenation of what was delivered must be exactly what was written.
@Suite struct FollowStressTests {
    enum Step: CaseIterable {
        case burst, poll, halfLine, rename, renameToDate, copytruncate, deleteRecreate
        case restart, renameWhileStopped, copytruncateWhileStopped
        case twoRenames, twoRenamesWhileStopped
    }

    @Test(arguments: [20_261_126, 3] as [UInt64])
    func twoHundredThousandLinesThroughEveryKindOfRotation(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning))
        // A file empty when a run stops has no fingerprint, so a copytruncate while stopped
        // could not be told from plain appends: the log has a first line before anything.
        try writer.write(["Nov 26 09:59:59 mx postfix/master[1]: daemon started"])
        try log.poll()  // the daemon's first poll comes at once
        var random = SplitMix64(seed: seed)
        var next = 0
        var seen: [Step: Int] = [:]
        var history: [(step: Step, firstLine: Int, delivered: Int)] = []

        func lines(_ count: Int) -> [String] {
            defer { next += count }
            return (next..<(next + count)).map { number in
                let filler = String(repeating: "x", count: Int(number % 97))
                return "Nov 26 10:00:00 mx postfix/smtp[\(number)]: id\(number): \(filler)"
            }
        }
        func some(_ limit: UInt64) -> Int { Int(random.next() % limit) }
        // After any rotation the writer reopens and writes to the new file before the
        // follower looks, as a busy MTA does; then the follower is on the new file again.
        func writeOldReopenWriteNew() throws {
            try writer.write(lines(some(50)))
            if some(2) == 0 { try log.poll() }
            try writer.write(lines(some(50)))
            try writer.reopen()
            try writer.write(lines(1 + some(200)))
        }

        // logrotate's numbered scheme: .1 becomes .2, the log becomes .1.
        func shiftAndRename() throws {
            if FileManager.default.fileExists(atPath: path + ".1") {
                try Rotate.rename(path + ".1", to: path + ".2")
            }
            try Rotate.rename(path, to: path + ".1")
        }

        while next < 200_000 {
            let step = Step.allCases[some(UInt64(Step.allCases.count))]
            seen[step, default: 0] += 1
            history.append((step, next, log.lines.count))
            switch step {
            case .burst:
                try writer.write(lines(1 + some(3000)))
            case .poll:
                try log.poll()
            case .halfLine:
                let line = lines(1)[0]
                try writer.writeRaw(String(line.prefix(20)))
                try log.poll()
                try writer.writeRaw(line.dropFirst(20) + "\n")
                writer.record([line])
            case .rename, .renameToDate:
                let target = step == .rename ? ".1" : "-2026112\(some(10))"
                try Rotate.rename(path, to: path + target)
                try writeOldReopenWriteNew()
                try log.poll()
            case .copytruncate:
                try Rotate.copyTruncate(path, to: path + ".1")
                try writer.write(lines(1 + some(200)))
                try log.poll()
            case .deleteRecreate:
                try Rotate.unlink(path)
                try writeOldReopenWriteNew()
                try log.poll()
            case .restart:
                // Lines written while stopped; a delete while stopped would lose them for
                // good, so the new run starts before the next rotation.
                log.restart(path: path)
                try writer.write(lines(some(100)))
                try log.poll()
            case .renameWhileStopped:
                log.restart(path: path)
                try Rotate.rename(path, to: path + ".1")
                try writeOldReopenWriteNew()
                try log.poll()
            case .twoRenames, .twoRenamesWhileStopped:
                // Two rotations before the follower looks again (or while it was stopped).
                if step == .twoRenamesWhileStopped { log.restart(path: path) }
                try shiftAndRename()
                try writer.write(lines(some(50)))
                try writer.reopen()
                try writer.write(lines(1 + some(200)))
                try shiftAndRename()
                try writer.write(lines(some(50)))
                try writer.reopen()
                try writer.write(lines(1 + some(200)))
                try log.poll()
            case .copytruncateWhileStopped:
                log.restart(path: path)
                try writer.write(lines(some(100)))
                try Rotate.copyTruncate(path, to: path + ".1")
                try writer.write(lines(1 + some(100)))
                try log.poll()
            }
        }
        try log.poll()
        #expect(writer.written.count >= 200_000)
        #expect(log.lines.count == writer.written.count)
        // On a mismatch, name the steps around the first wrong line instead of dumping all.
        let common = min(log.lines.count, writer.written.count)
        let firstWrong =
            (0..<common).first { log.lines[$0] != writer.written[$0] }
            ?? (log.lines.count == writer.written.count ? nil : common)
        if let firstWrong {
            let index = history.lastIndex { $0.firstLine <= firstWrong } ?? 0
            let steps = history[max(0, index - 4)...min(history.count - 1, index + 12)]
            Issue.record(
                """
                first wrong line: #\(firstWrong), delivered \(log.lines.count) of \
                \(writer.written.count); steps: \(steps.map { "\($0.step)@\($0.firstLine)/\($0.delivered)" })
                """)
        }
        #expect(Set(seen.keys) == Set(Step.allCases))
        #expect(log.follower.statistics.lostTracks == 0)
    }
}

/// The waker: the inotify descriptor becomes readable when the followed file grows.
@Suite struct FollowWakerTests {
    @Test func theInotifyDescriptorBecomesReadableAfterAnAppend() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("mail.log")
        let writer = try SyslogLikeWriter(path: path)
        let waker = FollowWaker()
        let descriptor = try #require(waker.descriptor)
        let log = FollowRecorder(FileFollower(path: path, start: .beginning, waker: waker))
        try log.poll()
        _ = waker.drainEvents()
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&entry, 1, 0) == 0)  // idle: nothing to read
        try writer.write(mailLines("a", 0..<1))
        entry.revents = 0
        #expect(poll(&entry, 1, 5000) == 1)  // bounded wait
        let events = waker.drainEvents()
        #expect(events.contains { $0.mask & UInt32(IN_MODIFY) != 0 })
        #expect(try log.poll() == mailLines("a", 0..<1))
        // A rename is seen on the directory, with the entry's name.
        try Rotate.rename(path, to: path + ".1")
        let renamed = waker.wait(timeout: 5000)
        #expect(renamed.contains { $0.mask & UInt32(IN_MOVED_FROM) != 0 && $0.name == "mail.log" })
    }

    @Test func withoutInotifyTheWakerWaitsForTheFallbackInterval() {
        let waker = FollowWaker(useInotify: false, fallbackInterval: 1)
        #expect(waker.descriptor == nil)
        #expect(!waker.usesInotify)
        #expect(waker.wait(timeout: 0).isEmpty)
        #expect(waker.watchFile("/") == nil)
    }
}

/// A glob: several files, rotated copies left out, files that appear later read whole.
@Suite struct FollowGlobTests {
    @Test func aGlobFollowsMatchingFilesAndGainsNewOnes() throws {
        let dir = try TemporaryDirectory()
        let main = try SyslogLikeWriter(path: dir.path("mail.log"))
        let errors = try SyslogLikeWriter(path: dir.path("mail.err"))
        try main.write(mailLines("old", 0..<2))
        _ = try dir.write("mail.log.1", Array("rotated\n".utf8))
        _ = try dir.write("mail.log.2.gz", [0x1F, 0x8B])
        let glob = GlobFollower(pattern: dir.path("mail*"), start: .end)
        var got: [String: [String]] = [:]
        func poll() {
            let failures = glob.poll { path, line, _ in
                got[path, default: []].append(String(decoding: line, as: UTF8.self))
            }
            #expect(failures.isEmpty)
        }
        poll()
        #expect(glob.paths == [dir.path("mail.err"), dir.path("mail.log")])
        #expect(got.isEmpty)
        try main.write(mailLines("m", 0..<3))
        try errors.write(mailLines("e", 0..<1))
        let late = try SyslogLikeWriter(path: dir.path("mail.warn"))
        try late.write(mailLines("w", 0..<2))
        poll()
        #expect(got[dir.path("mail.log")] == mailLines("m", 0..<3))
        #expect(got[dir.path("mail.err")] == mailLines("e", 0..<1))
        #expect(got[dir.path("mail.warn")] == mailLines("w", 0..<2))
        #expect(glob.statistics.lines == 6)

        // A restart from the saved positions goes on where each file stood.
        let positions = glob.positions
        #expect(positions.count == 3)
        try main.write(mailLines("m", 3..<4))
        let resumed = GlobFollower(pattern: dir.path("mail*"), start: .end, saved: positions)
        var after: [String] = []
        #expect(
            resumed.poll { _, line, _ in after.append(String(decoding: line, as: UTF8.self)) }
                .isEmpty)
        #expect(after == mailLines("m", 3..<4))
    }
}
