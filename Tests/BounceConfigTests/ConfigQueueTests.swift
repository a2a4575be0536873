import BounceConfig
import BounceCore
import Testing

/// `queue:`: reading the MTA's live queue.
@Suite struct ConfigQueueTests {
    @Test func absentReadsNoQueue() throws {
        #expect(try load("").queue == nil)
        #expect(try load("queue: false").queue == nil)
        #expect(!ConfigRenderer.render(try load("")).contains("queue:"))
    }

    @Test func aloneReadsItWithTheDefaults() throws {
        #expect(try load("queue:").queue == QueueConfig())
        #expect(try load("queue: true").queue == QueueConfig())
        #expect(QueueConfig().intervalSeconds == 60)
        #expect(QueueConfig().topDestinations == 10)
    }

    @Test func readsEveryKeyAndRoundTrips() throws {
        let config = try load(
            """
            queue:
              mta: exim
              directory: /srv/exim/spool
              interval: 2m
              top_destinations: 20
            """)
        #expect(
            config.queue
                == QueueConfig(
                    mta: .exim, directory: "/srv/exim/spool", intervalSeconds: 120,
                    topDestinations: 20))
        let text = ConfigRenderer.render(config)
        #expect(text.contains("queue:\n  mta: exim\n"))
        let reloaded = try ConfigLoader.load(
            yaml: text, origin: "rendered.yml", fileExists: { _ in true })
        #expect(reloaded.queue == config.queue)
        #expect(try load("queue:\n  mta: auto").queue?.mta == nil)
    }

    @Test(arguments: [
        ("queue:\n  mta: sendmail", "MTA"),
        ("queue:\n  directory: spool", "not an absolute path"),
        ("queue:\n  interval: 1s", "out of range"),
        ("queue:\n  top_destinations: 0", "1"),
        ("queue:\n  dirctory: /x", "unknown key"),
        ("queue: [postfix]", "expected a mapping"),
    ])
    func rejects(_ yaml: String, _ message: String) {
        let found = problems(yaml)
        #expect(found.contains { $0.message.contains(message) }, "\(found)")
        #expect(found.allSatisfy { $0.key.hasPrefix("queue") }, "\(found)")
    }
}
