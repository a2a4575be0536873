import BounceCore

/// The daemon's last rendered textfile, so that a write with nothing new costs no render.
///
/// An idle daemon writes the textfile at every interval, and rendering every series again was
/// most of what it cost. The text depends only on the metrics store (whose `revision` moves
/// with every change), the health figures and the version: when none moved, the last text is
/// exact; when only the checkpoint time moved, its one line is rewritten in place.
public struct DaemonTextfileCache {
    private var text: String?
    private var revision = 0
    private var health: DaemonHealth?
    private var version = ""

    public init() {}

    /// The textfile for the store at `revision` with `health` and `version`: the kept text
    /// when it is still exact, or else `render()`'s, which is then kept.
    public mutating func text(
        revision: Int, health: DaemonHealth, version: String, render: () -> String
    ) -> String {
        if let text, let kept = self.health, revision == self.revision, version == self.version {
            if kept == health { return text }
            var moved = kept
            moved.checkpointTime = health.checkpointTime
            if moved == health, kept.checkpointTime != nil, let time = health.checkpointTime,
                let patched = Self.replacingCheckpointTime(in: text, with: time)
            {
                keep(patched, revision, health, version)
                return patched
            }
        }
        let fresh = render()
        keep(fresh, revision, health, version)
        return fresh
    }

    private mutating func keep(
        _ text: String, _ revision: Int, _ health: DaemonHealth, _ version: String
    ) {
        self.text = text
        self.revision = revision
        self.health = health
        self.version = version
    }

    /// `text` with the value of its `bouncewatch_checkpoint_timestamp_seconds` sample set to
    /// `time`; nil when it has no such sample.
    static func replacingCheckpointTime(in text: String, with time: Int64) -> String? {
        let marker = Array(
            ("\n" + DaemonPrometheusRenderer.Family.checkpointTimestamp.rawValue + " ").utf8)
        let bytes = Array(text.utf8)
        // The family comes late in the file, after every delivery series: look from the end.
        var start = bytes.count - marker.count
        while start >= 0 {
            if bytes[start] == marker[0], bytes[start..<start + marker.count].elementsEqual(marker)
            {
                break
            }
            start -= 1
        }
        guard start >= 0 else { return nil }
        let valueStart = start + marker.count
        guard let valueEnd = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\n")) else {
            return nil
        }
        var result = bytes[..<valueStart]
        result.append(contentsOf: "\(time)".utf8)
        result.append(contentsOf: bytes[valueEnd...])
        return String(decoding: result, as: UTF8.self)
    }
}
