import BounceCore

/// An HTML table whose every cell is escaped text; numeric columns are right-aligned. Wrapped
/// in a scrolling box so that a wide table never widens a phone-sized page.
struct HTMLTable {
    private let headers: [(title: String, numeric: Bool)]
    private var rows: [[String]] = []

    init(_ headers: [(String, Bool)]) {
        self.headers = headers.map { (title: $0.0, numeric: $0.1) }
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    func render() -> String {
        var html = "<div class=\"table\"><table>\n<thead><tr>"
        for header in headers {
            html +=
                "<th\(header.numeric ? " class=\"n\"" : "")>\(HTMLText.escape(header.title, limit: 2000))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let numeric = index < headers.count && headers[index].numeric
                html +=
                    "<td\(numeric ? " class=\"n\"" : "")>\(HTMLText.escape(cell, limit: 400))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        return html
    }
}
