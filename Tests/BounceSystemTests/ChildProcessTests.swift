import BounceSystem
import BounceTestSupport
import Foundation
import Testing

@Suite struct ChildProcessTests {
    @Test func exitStatusOutputAndInputAreReported() throws {
        let outcome = try ChildProcess.run(
            "/bin/sh", arguments: ["-c", "cat; echo done >&2; exit 3"], input: Array("hi\n".utf8),
            deadline: Clocks.monotonicSeconds() + 10, outputLimit: 100, isCancelled: { false })
        #expect(outcome.exitStatus == 3)
        #expect(outcome.signal == nil)
        #expect(outcome.output == Array("hi\ndone\n".utf8))
        #expect(outcome.written == 3)
    }

    @Test func aSignalIsReportedAndOutputIsBounded() throws {
        let outcome = try ChildProcess.run(
            "/bin/sh", arguments: ["-c", "printf 0123456789; kill -TERM $$"], input: [],
            deadline: Clocks.monotonicSeconds() + 10, outputLimit: 4, isCancelled: { false })
        #expect(outcome.exitStatus == nil)
        #expect(outcome.signal == 15)
        #expect(outcome.output == Array("0123".utf8))
    }

    /// A cancelled run kills the program at once instead of waiting for the deadline.
    @Test func cancellationKillsTheProgram() throws {
        let started = Clocks.monotonicSeconds()
        let outcome = try ChildProcess.run(
            "/bin/sleep", arguments: ["30"], input: [], deadline: started + 30, outputLimit: 10,
            isCancelled: { Clocks.monotonicSeconds() - started > 0.2 })
        #expect(outcome.status == nil)
        #expect(Clocks.monotonicSeconds() - started < 5)
    }

    @Test func aMissingProgramIsASpawnFailure() {
        let error = #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess.run(
                "/nonexistent/program", arguments: [], input: [],
                deadline: Clocks.monotonicSeconds() + 1, outputLimit: 10, isCancelled: { false })
        }
        guard case .spawn(let reason) = error else {
            Issue.record("expected a spawn failure, got \(String(describing: error))")
            return
        }
        #expect(reason == "No such file or directory")
    }

    /// A program still open for writing (ETXTBSY) is waited for briefly, not given up at once:
    /// another thread's fork can hold a freshly written script's descriptor until its exec.
    @Test func aProgramBusyForWritingIsWaitedFor() throws {
        let scratch = try TemporaryDirectory()
        let script = try scratch.write("busy", "#!/bin/sh\nexit 7\n", mode: 0o700)
        let writer = open(script, O_WRONLY)
        #expect(writer >= 0)
        let closer = Thread {
            usleep(150_000)
            close(writer)
        }
        closer.start()
        let outcome = try ChildProcess.run(
            script, arguments: [], input: [], deadline: Clocks.monotonicSeconds() + 10,
            outputLimit: 10, isCancelled: { false })
        #expect(outcome.exitStatus == 7)
    }
}
