/// Lines of the text digest, with aligned tables.
struct DigestTextLines {
    private(set) var text = ""

    mutating func line(_ line: String) {
        text += line
        text += "\n"
    }

    mutating func heading(_ title: String) {
        text += "\n\(title)\n"
    }

    /// Rows with columns padded to their widest cell. `after` holds extra lines printed below
    /// a row, by row index.
    mutating func table(
        _ rows: [[String]], rightAligned: Set<Int>, after: [Int: [String]] = [:]
    ) {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        for (rowIndex, row) in rows.enumerated() {
            var cells: [String] = []
            for (index, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                let isLast = index == row.count - 1
                if rightAligned.contains(index) {
                    cells.append(padding + cell)
                } else {
                    cells.append(isLast ? cell : cell + padding)
                }
            }
            var text = "  " + cells.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            line(text)
            for extra in after[rowIndex] ?? [] { line(extra) }
        }
    }
}
