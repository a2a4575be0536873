import BounceCore
import BounceSystem
import BounceTestSupport
import Foundation
import Testing

@testable import BounceNotify

/// libcurl is loaded with dlopen on the first send: without it a delivery fails with a clear
/// message and is counted and retried like any failed send.
@Suite("libcurl loaded at run time")
struct CurlLibraryTests {
    private static let missing = "libbouncewatch-no-such-curl.so.4"

    @Test func theStandardLibraryLoadsOnceAndMakesHandles() throws {
        let curl = try CurlLibrary.named(CurlLibrary.standardName)
        let handle = try #require(curl.easyInit())
        curl.easyCleanup(handle)
        #expect(try CurlLibrary.named(CurlLibrary.standardName) === curl)
    }

    @Test func aMissingLibcurlIsADeliveryErrorOfTheSMTPTransport() {
        let transport = SMTPTransport(
            host: "127.0.0.1", port: LoopbackPort.free(), tls: .none, caFile: nil, username: nil,
            password: nil, from: "bouncewatch@mx1.bouncewatch.test",
            to: ["ops@bouncewatch.test"], timeoutSeconds: 5, heloName: "mx1.bouncewatch.test",
            curlLibrary: Self.missing)
        let error = #expect(throws: DeliveryError.self) {
            try transport.send(SampleNotices.message())
        }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("libcurl is needed to send and cannot load \(Self.missing): "))
        #expect(message.contains("cannot open shared object file"))
        #expect(message.hasSuffix("(install the libcurl4 package)"))
    }

    @Test func aMissingLibcurlIsADeliveryErrorOfTheHTTPPoster() {
        let poster = HTTPPoster(
            url: "http://127.0.0.1:\(LoopbackPort.free())/api/v2/alerts", timeoutSeconds: 5,
            curlLibrary: Self.missing)
        let error = #expect(throws: DeliveryError.self) { try poster.post(json: Array("[]".utf8)) }
        #expect(error?.message.contains("cannot load \(Self.missing)") == true)
    }

    @Test func aLibraryWithoutCurlsFunctionsIsRefused() {
        let error = #expect(throws: DeliveryError.self) {
            _ = try CurlLibrary.named("libz.so.1")
        }
        #expect(error?.message.contains("curl_global_init") == true)
    }

    @Test func aNotifierWithoutLibcurlCountsAFailureAndKeepsTheAlert() throws {
        let scratch = try TemporaryDirectory()
        var notifier = SMTPNotifier(
            config: SMTPNotifierConfig(
                host: "127.0.0.1", port: LoopbackPort.free(), tls: .none,
                from: "bouncewatch@mx1.test", to: ["ops@bouncewatch.test"], timeoutSeconds: 5,
                name: "relay"),
            hostname: "mx1")
        notifier.curlLibrary = Self.missing
        let counter = NotificationCounter(notifiers: ["relay"])
        let logs = LogCollector()
        let worker = try NotifierWorker(
            notifier: notifier, stateDirectory: scratch.path("state"),
            timing: NotificationDispatcherTests.fastTiming, clock: { SampleNotices.startedAt },
            log: logs.log, counter: counter)
        try worker.start()
        worker.submit(SampleNotices.blacklisted())
        func count(_ result: NotificationResult) -> Int {
            counter.snapshot.first { $0.result == result }?.count ?? -1
        }
        #expect(eventually { count(.failed) >= 2 })
        worker.beginStop(deadline: Clocks.monotonicSeconds())
        #expect(worker.waitUntilFinished(deadline: Clocks.monotonicSeconds() + 5, grace: 1))
        #expect(count(.sent) == 0)
        #expect(logs.lines.contains { $0.contains("libcurl is needed to send") })
        #expect(scratch.names(in: "state/outbox/relay").count == 1)
    }
}
