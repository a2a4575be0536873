import BounceCore
import Testing

@testable import BounceOutput

/// The kept textfile is used only while it is exactly what a render would give.
@Suite struct DaemonTextfileCacheTests {
    private static func render(_ store: MetricsStore, _ health: DaemonHealth) -> String {
        DaemonPrometheusRenderer.render(store.snapshot(), health: health, version: "1.0")
    }

    /// The hostile store and health: unchanged, a moved checkpoint time, every other health
    /// change and a new count each give the full render's bytes; only the first two skip it.
    @Test func keptTextIsTheFullRender() {
        var store = DaemonSamples.hostileStore()
        var health = DaemonSamples.hostileHealth
        var cache = DaemonTextfileCache()
        var renders = 0
        func text() -> String {
            cache.text(revision: store.revision, health: health, version: "1.0") {
                renders += 1
                return Self.render(store, health)
            }
        }
        #expect(text() == Self.render(store, health))
        #expect(text() == Self.render(store, health))
        health.checkpointTime = 1_764_000_115
        #expect(text() == Self.render(store, health))
        #expect(renders == 1)
        health.sources[1].up = true
        #expect(text() == Self.render(store, health))
        health.alertsFiring["blacklisted"] = 0
        #expect(text() == Self.render(store, health))
        #expect(renders == 3)
        DaemonSamples.add(&store, status: .sent, domain: Array("new.example".utf8))
        #expect(text() == Self.render(store, health))
        #expect(renders == 4)
        store.rebalance()
        #expect(text() == Self.render(store, health))
        #expect(renders == 5)
        #expect(text() == Self.render(store, health))
        #expect(renders == 5)
    }

    /// A textfile written before any checkpoint has no sample to patch: the first checkpoint
    /// time renders in full.
    @Test func theFirstCheckpointTimeRenders() {
        let store = DaemonSamples.hostileStore()
        var health = DaemonSamples.hostileHealth
        health.checkpointTime = nil
        var cache = DaemonTextfileCache()
        var renders = 0
        let render = {
            renders += 1
            return Self.render(store, health)
        }
        _ = cache.text(revision: store.revision, health: health, version: "1.0", render: render)
        health.checkpointTime = 1_764_000_200
        let text = cache.text(revision: store.revision, health: health, version: "1.0") {
            renders += 1
            return Self.render(store, health)
        }
        #expect(text == Self.render(store, health))
        #expect(renders == 2)
    }

    /// Only the checkpoint family's own sample line moves, not a longer name that starts the
    /// same way.
    @Test func onlyTheCheckpointSampleIsPatched() {
        let text =
            "# HELP bouncewatch_checkpoint_timestamp_seconds Unix time.\n"
            + "# TYPE bouncewatch_checkpoint_timestamp_seconds gauge\n"
            + "bouncewatch_checkpoint_timestamp_seconds 100\n"
            + "bouncewatch_checkpoint_timestamp_seconds_x 100\n"
        let patched = DaemonTextfileCache.replacingCheckpointTime(in: text, with: 12345)
        #expect(
            patched
                == "# HELP bouncewatch_checkpoint_timestamp_seconds Unix time.\n"
                + "# TYPE bouncewatch_checkpoint_timestamp_seconds gauge\n"
                + "bouncewatch_checkpoint_timestamp_seconds 12345\n"
                + "bouncewatch_checkpoint_timestamp_seconds_x 100\n")
        #expect(DaemonTextfileCache.replacingCheckpointTime(in: "a 1\n", with: 5) == nil)
    }
}
