/// The digest as an HTML document for the HTML part of the digest mail.
///
/// Tables and inline `style` attributes only: no `<style>` block, no script, no image, no link
/// to anything outside the message, which is what Gmail, Outlook and Thunderbird all render the
/// same way. Charts are table cells with a coloured bar whose width is the figure. Every text
/// from the log goes through `HTMLText.escape`.
public enum DigestHTMLRenderer {
    static let font = "font-family:Arial,Helvetica,sans-serif;"
    static let cell = "padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:left;"
    static let number = "padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:right;"
    static let heading = "font-size:17px;margin:22px 0 6px 0;color:#1a3d6d;"
    static let barWidth = 160

    public static func render(_ digest: Digest) -> String {
        let host = HTMLText.escape(
            digest.hostname.isEmpty ? "localhost" : digest.hostname, limit: 64)
        var out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>bouncewatch digest: \(host)</title></head>\n"
        out += "<body style=\"margin:0;padding:12px;\(font)color:#222;background:#ffffff;\">\n"
        out += "<h1 style=\"font-size:21px;margin:0 0 4px 0;\">bouncewatch digest: \(host)</h1>\n"
        out += "<p style=\"margin:0;color:#555;\">Period: \(HTMLText.escape(digest.periodText))"
        out += "<br>Compared with the period just before, of the same length.</p>\n"
        out += totals(digest)
        out += causes(digest)
        out += rates("Providers", digest.providers)
        out += rates("Destinations", digest.destinations)
        out += queue(digest)
        out += blocklists(digest.current.blocklists)
        out += clients(
            "Inbound rejects", digest.current.rejects.total, digest.previous.rejects.total,
            digest.current.rejects.topClients)
        out += clients(
            "SASL failures", digest.current.authFailures.total,
            digest.previous.authFailures.total, digest.current.authFailures.topClients)
        out += shapes(digest.current.unclassifiedShapes)
        out += advice(digest)
        out += "</body></html>\n"
        return out
    }

    private static func section(_ title: String) -> String {
        "<h2 style=\"\(heading)\">\(title)</h2>\n"
    }

    private static func table(_ header: [(String, Bool)], _ rows: [String]) -> String {
        var out = "<table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;"
        out += "\(font)font-size:14px;\">\n<tr>"
        for (title, isNumber) in header {
            out += "<th style=\"\(isNumber ? number : cell)background:#f2f5f9;\">\(title)</th>"
        }
        out += "</tr>\n"
        for row in rows { out += "<tr>\(row)</tr>\n" }
        return out + "</table>\n"
    }

    private static func td(_ text: String) -> String { "<td style=\"\(cell)\">\(text)</td>" }
    private static func num(_ text: String) -> String { "<td style=\"\(number)\">\(text)</td>" }

    /// A bar `fraction` of `barWidth` long (at least 1 px when the figure is not zero).
    private static func bar(_ value: Int, of maximum: Int, colour: String) -> String {
        let width = maximum > 0 ? max(value > 0 ? 1 : 0, value * barWidth / maximum) : 0
        return "<td style=\"\(cell)width:\(barWidth)px;\"><div style=\"background:\(colour);"
            + "height:10px;width:\(width)px;font-size:0;line-height:0;\"></div></td>"
    }

    private static func change(_ text: String) -> String {
        let colour =
            text.hasPrefix(DigestChange.up)
            ? "#b03a2e" : text.hasPrefix(DigestChange.down) ? "#1e8449" : "#555"
        return
            "<td style=\"\(cell)white-space:nowrap;color:\(colour);\">\(HTMLText.escape(text))</td>"
    }

    private static func totals(_ digest: Digest) -> String {
        var rows = digest.totals.map { row in
            td(row.label) + num(String(row.now)) + num(String(row.before)) + change(row.change)
        }
        let rate = digest.failureRate
        rows.append(
            td("failure rate") + num(rate.now.text) + num(rate.before.text)
                + change(rate.now.change(from: rate.before)))
        return section("Totals")
            + table([("", false), ("now", true), ("before", true), ("change", false)], rows)
    }

    private static func causes(_ digest: Digest) -> String {
        let rows = digest.causes
        guard !rows.isEmpty else { return section("Causes") + "<p>none</p>\n" }
        let largest = rows.map(\.now).max() ?? 0
        let lines = rows.map { row in
            let sample =
                row.sampleReply.map {
                    "<br><span style=\"color:#555;font-size:12px;font-family:monospace;\">"
                        + HTMLText.escape($0) + "</span>"
                } ?? ""
            return td("<b>\(row.cause.identifier)</b>\(sample)") + num(String(row.now))
                + num(String(row.before)) + change(row.change)
                + bar(row.now, of: largest, colour: "#2e6fb7")
        }
        return section("Causes")
            + table(
                [
                    ("cause", false), ("now", true), ("before", true), ("change", false),
                    ("", false),
                ],
                lines)
    }

    private static func rates(_ title: String, _ rows: [DigestRateRow]) -> String {
        guard !rows.isEmpty else { return section(title) + "<p>none</p>\n" }
        let lines = rows.map { row in
            td(HTMLText.escape(row.name, limit: 120)) + num(String(row.counts.total))
                + num(String(row.counts.failures)) + num(row.rate.text)
                + num(row.previousRate?.text ?? "-")
                + bar(row.rate.tenths ?? 0, of: 1000, colour: "#c0392b")
                + td(row.mainCause?.identifier ?? "")
        }
        return section(title)
            + table(
                [
                    ("", false), ("attempts", true), ("failed", true), ("rate", true),
                    ("before", true), ("", false), ("main cause", false),
                ], lines)
    }

    private static func blocklists(_ lists: [BlocklistSummary]) -> String {
        guard !lists.isEmpty else { return section("Block lists that named us") + "<p>none</p>\n" }
        let lines = lists.prefix(Digest.rowLimit).map { list in
            let name = HTMLText.escape(list.name, limit: 80)
            let shown = HTMLText.escape(BlocklistDisplayName.of(list.name), limit: 80)
            let ips = list.listedIPs.map { HTMLText.escape($0, limit: 64) }.joined(separator: ", ")
            // The delisting page is shown as text, not as a link: it comes from the log.
            let url = list.delistURL.map { HTMLText.escape($0, limit: 200) } ?? ""
            return td(shown == name ? name : "\(shown)<br>\(name)") + num(String(list.hits))
                + td(ips) + td(url)
        }
        return section("Block lists that named us")
            + table(
                [
                    ("list", false), ("hits", true), ("listed IPs", false),
                    ("delisting page", false),
                ],
                Array(lines))
    }

    private static func clients(_ title: String, _ now: Int, _ before: Int, _ top: [NamedCount])
        -> String
    {
        var out = section(title)
        out += "<p style=\"margin:0 0 6px 0;\">\(now) (before: \(before), "
        out += HTMLText.escape(DigestChange.text(now: now, before: before)) + ")</p>\n"
        guard !top.isEmpty else { return out }
        let largest = top.map(\.count).max() ?? 0
        let lines = top.prefix(Digest.shortListLimit).map { client in
            td(HTMLText.escape(client.name, limit: 64)) + num(String(client.count))
                + bar(client.count, of: largest, colour: "#7d3c98")
        }
        return out + table([("top clients", false), ("count", true), ("", false)], Array(lines))
    }

    private static func shapes(_ report: ShapeReport) -> String {
        guard !report.shapes.isEmpty else {
            return section("Unclassified replies") + "<p>none</p>\n"
        }
        var out = section("Unclassified replies")
        out += "<p style=\"margin:0 0 6px 0;\">\(report.total) replies no rule explained; the "
        out += "most frequent shapes:</p>\n"
        let lines = report.shapes.prefix(Digest.shortListLimit).map { shape in
            num(String(shape.count))
                + td(
                    "<span style=\"font-family:monospace;font-size:12px;\">"
                        + HTMLText.escape(shape.shape) + "</span>")
        }
        return out + table([("count", true), ("shape", false)], Array(lines))
    }

    private static func advice(_ digest: Digest) -> String {
        let items = digest.advice
        guard !items.isEmpty else {
            return section("What to do") + "<p>No cause grew against the period before.</p>\n"
        }
        var out = section("What to do") + "<ul style=\"margin:0;padding-left:20px;\">\n"
        let rows = Dictionary(digest.causes.map { ($0.cause.rawValue, $0) }) { first, _ in first }
        for item in items {
            let change = HTMLText.escape(rows[item.cause.rawValue]?.change ?? "")
            out += "<li><b>\(item.cause.identifier)</b> (\(change)): "
            out += "\(HTMLText.escape(item.line))</li>\n"
        }
        return out + "</ul>\n"
    }

    private static func queue(_ digest: Digest) -> String {
        guard let queue = digest.queue else { return "" }
        var out = section("Queue")
        guard let mta = queue.mta else { return out + "<p>not read yet</p>\n" }
        guard queue.up, let readAt = queue.readAt else {
            return out
                + "<p>The \(mta.identifier) queue could not be read at the last attempt.</p>\n"
        }
        let when = MailDate.readable(readAt, utcOffsetSeconds: digest.utcOffsetSeconds)
        out += "<p style=\"margin:0 0 6px 0;\">The \(mta.identifier) queue, read "
        out += HTMLText.escape(when) + ".</p>\n"
        let rows = queue.queues.map { row in
            td(row.name.identifier) + num(String(row.messages)) + num(String(row.recipients))
                + num(HTMLText.escape(DigestQueue.age(row.oldestAgeSeconds)))
        }
        out += table(
            [("queue", false), ("messages", true), ("recipients", true), ("oldest", true)], rows)
        for (title, counts) in [
            ("deferred cause", queue.deferredByCause),
            ("deferred destination", queue.deferredDestinations),
        ] where !counts.isEmpty {
            let largest = counts.map(\.count).max() ?? 0
            let lines = counts.map { row in
                td(HTMLText.escape(row.name, limit: 120)) + num(String(row.count))
                    + bar(row.count, of: largest, colour: "#d68910")
            }
            out += "<p style=\"margin:10px 0 6px 0;\"></p>\n"
            out += table([(title, false), ("recipients", true), ("", false)], lines)
        }
        return out
    }
}
