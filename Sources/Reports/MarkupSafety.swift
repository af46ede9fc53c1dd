/// Text from exports shown where markup is read (issue 12, item 4).
package enum MarkupSafety {
    /// Data in the Markdown report, which HTML viewers render (it emits `<br>` in
    /// table cells): no tag, entity, link or image can come from an export — `<`, `>`
    /// and `&` become entities, `[` and `]` are escaped so `[x](javascript:…)` and
    /// `![](http://…)` stay text.
    package static func markdown(_ s: String) -> String {
        guard s.contains(where: { "&<>[]".contains($0) }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }

    /// Text for XML (SVG, the workbook's sheets and charts): the control characters
    /// XML 1.0 forbids (all below U+0020 but TAB, LF, CR; U+FFFE, U+FFFF) become a
    /// space — a U+000B in a manager's name made the chart XML unreadable.
    package static func xml(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isForbidden) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(isForbidden(u) ? " " : u) }
        return String(out)
    }

    private static func isForbidden(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u.value != 0x09 && u.value != 0x0A && u.value != 0x0D) || u.value == 0xFFFE || u.value == 0xFFFF
    }
}
