import Foundation

/// What a mail and a robot message say (SPEC §4.5), taken from the period's Markdown report (the
/// organisation's or a team's): its title and period, "what changed and needs action" (first and
/// last, the actions) and the headline table with the previous period. The mail's HTML is this
/// Markdown rendered; its plain-text part is the Markdown itself.
struct ReportSummary {
    /// The title line without `# `.
    var title: String
    /// The Markdown of the summary: title, period line, the first two sections (the second up to its table's end).
    var markdown: String
    /// The same without tables: for robots, which render none.
    var chat: String

    init(report: String) {
        let lines = report.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        title = lines.first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? ""
        var kept: [String] = []
        var sections = 0
        var tableSeen = false
        for line in lines {
            if line.hasPrefix("## ") {
                sections += 1
                if sections > 2 { break }
            }
            if sections == 2 {
                if line.hasPrefix("|") { tableSeen = true } else if tableSeen { break }
            }
            if line.hasPrefix("![") { continue }  // charts stay in the report's folder
            kept.append(line)
        }
        while kept.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { kept.removeLast() }
        markdown = kept.joined(separator: "\n") + "\n"
        var chatLines: [String] = []
        sections = 0
        for line in kept {
            if line.hasPrefix("## ") { sections += 1 }
            if sections < 2 { chatLines.append(line) }
        }
        while chatLines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { chatLines.removeLast() }
        chat = chatLines.joined(separator: "\n") + "\n"
    }

    /// The summary as an HTML document: headings, paragraphs, lists, bold, tables.
    var html: String { Self.html(markdown, title: title) }

    static func html(_ markdown: String, title: String) -> String {
        var body: [String] = []
        var list = false
        var table: [[String]] = []
        func close() {
            if list { body.append("</ul>"); list = false }
            if !table.isEmpty { body.append(renderTable(table)); table = [] }
        }
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("|") {
                if list { body.append("</ul>"); list = false }
                table.append(cells(line))
                continue
            }
            if !table.isEmpty { body.append(renderTable(table)); table = [] }
            if line.hasPrefix("- ") {
                if !list { body.append("<ul>"); list = true }
                body.append("<li>\(inline(String(line.dropFirst(2))))</li>")
                continue
            }
            close()
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let level = line.prefix { $0 == "#" }.count
            if (1...6).contains(level), line.dropFirst(level).hasPrefix(" ") {
                body.append("<h\(level)>\(inline(String(line.dropFirst(level + 1))))</h\(level)>")
            } else {
                body.append("<p>\(inline(line))</p>")
            }
        }
        close()
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style></head>
            <body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    /// A Markdown table row's cells (`\|` is a literal bar).
    private static func cells(_ line: String) -> [String] {
        var out: [String] = []
        var cell = ""
        var escaped = false
        for c in line.trimmingCharacters(in: .whitespaces).dropFirst() {
            if escaped { cell.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "|" { out.append(cell); cell = "" } else { cell.append(c) }
        }
        return out.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func renderTable(_ rows: [[String]]) -> String {
        let data = rows.filter { !$0.allSatisfy { $0.allSatisfy { "-: ".contains($0) } } }
        guard let head = data.first else { return "" }
        var out = "<table>\n<tr>" + head.map { "<th>\(inline($0))</th>" }.joined() + "</tr>\n"
        for row in data.dropFirst() { out += "<tr>" + row.map { "<td>\(inline($0))</td>" }.joined() + "</tr>\n" }
        return out + "</table>"
    }

    /// Escaped text with `**bold**` and `<br>` (the report's line break inside a cell) kept.
    private static func inline(_ text: String) -> String {
        let parts = escape(text).replacingOccurrences(of: "&lt;br&gt;", with: "<br>").components(separatedBy: "**")
        return parts.enumerated().map { i, part in i % 2 == 1 && i < parts.count - 1 ? "<strong>\(part)</strong>" : part }.joined()
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
