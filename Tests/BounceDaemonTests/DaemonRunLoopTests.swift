import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// The waiting loop itself, on its own thread as the service runs it: with inotify and with
/// the timer fallback, lines appended while it sleeps are read, and a stop drains and saves.
@Suite struct DaemonRunLoopTests {
    @Test(arguments: [true, false])
    func followsAndDrainsOnStop(useInotify: Bool) throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 4)
        let options = DaemonOptions(
            configuration: harness.configuration([harness.fileSource("mail.log")], interval: 1),
            version: "test", useInotify: useInotify, fallbackIntervalMilliseconds: 50)
        let control = try LoopControl()
        let ended = DispatchSemaphore(value: 0)
        let thread = Thread {
            if let loop = try? DaemonLoop(options: options, control: control) { loop.run() }
            ended.signal()
        }
        thread.start()
        #expect(eventually { linesInTextfile(harness) == 4 })
        try harness.append("mail.log", 6)
        #expect(eventually { linesInTextfile(harness) == 10 })
        // Written just before the stop: the drain at the stop still reads them.
        try harness.append("mail.log", 3)
        control.requestStop()
        #expect(ended.wait(timeout: .now() + 20) == .success)
        #expect(linesInTextfile(harness) == 13)
        let store = try CheckpointStore(directory: harness.stateDirectory)
        let saved = try #require(try store.load())
        guard case .files(let positions) = saved.sources["mail.log"] else {
            Issue.record("no file position saved")
            return
        }
        let size = try FileManager.default.attributesOfItem(atPath: harness.log("mail.log"))[.size]
        #expect(positions[harness.log("mail.log")]?.offset == size as? Int)
    }

    private func linesInTextfile(_ harness: DaemonHarness) -> Int? {
        guard let text = try? String(contentsOfFile: harness.textfile, encoding: .utf8) else {
            return nil
        }
        return text.split(separator: "\n")
            .filter { $0.hasPrefix("bouncewatch_lines_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }
            .reduce(0, +)
    }

    private func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
