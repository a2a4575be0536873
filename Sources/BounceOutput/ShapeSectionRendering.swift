import BounceCore

/// The text and JSON of a `ShapeReport`, shared by the scan report's shape sections.
enum ShapeSectionRendering {
    /// A titled list: the count and shape of each, and a real reply of that shape under it.
    static func text(title: String, _ report: ShapeReport) -> String {
        var text = "\(title): \(report.total)\n"
        guard !report.shapes.isEmpty else { return text }
        let width = report.shapes.map { "\($0.count)".count }.max() ?? 1
        for entry in report.shapes {
            let count = "\(entry.count)"
            let padding = String(repeating: " ", count: width - count.count)
            let shape = entry.shape.isEmpty ? "(no reply text)" : TextTable.clean(entry.shape)
            text += "  \(padding)\(count)  \(shape)\n"
            if !entry.example.isEmpty {
                text +=
                    "  \(String(repeating: " ", count: width))  e.g. \(TextTable.clean(entry.example))\n"
            }
        }
        if report.approximate {
            text += "  (many distinct shapes: counts are lower bounds)\n"
        }
        return text
    }

    /// `{"total": N, "approximate": B, "shapes": [{"shape", "count", "example"}]}`.
    static func write(_ report: ShapeReport, to json: inout JSONWriter) {
        json.beginObject()
        json.field("total", report.total)
        json.field("approximate", report.approximate)
        json.key("shapes")
        json.beginArray()
        for entry in report.shapes {
            json.beginObject()
            json.field("shape", entry.shape)
            json.field("count", entry.count)
            json.field("example", entry.example)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
