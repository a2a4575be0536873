import BounceCore

/// Aligned columns for plain-text reports: text columns left-aligned, number columns right-aligned,
/// two spaces between columns.
///
/// Cells may hold text from log lines, so control and format characters (which could move a
/// terminal's cursor, change its colours or reorder the text around them) are shown escaped.
struct TextTable {
    enum Alignment {
        case left
        case right
    }

    private let headers: [String]
    private let alignments: [Alignment]
    private var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells.map(Self.clean))
    }

    var isEmpty: Bool { rows.isEmpty }

    /// The table, each line indented by `indent` and ended by a newline.
    func render(indent: String = "  ") -> String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.unicodeScalars.count)
            }
        }
        var output = ""
        for row in all {
            var line = indent
            for column in 0..<headers.count {
                let cell = column < row.count ? row[column] : ""
                let padding = String(
                    repeating: " ", count: widths[column] - cell.unicodeScalars.count)
                let isLast = column == headers.count - 1
                if column > 0 { line += "  " }
                switch alignments[column] {
                case .left: line += isLast ? cell : cell + padding
                case .right: line += padding + cell
                }
            }
            // An empty last cell would leave trailing blanks.
            while line.last == " " { line.removeLast() }
            output += line + "\n"
        }
        return output
    }

    /// `text` with control, format (bidi, zero-width) and separator characters escaped as
    /// `\xHH` or `\u{HHHH}`, safe to print on a terminal.
    static func clean(_ text: String) -> String { UntrustedText.escaped(text) }
}
