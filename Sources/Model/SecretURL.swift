/// A robot's webhook URL carries its token (企业微信 `?key=…`, 钉钉 `?access_token=…`, 飞书
/// `/hook/<token>`, an intranet relay's `user:password@`): masked wherever scorecard shows or
/// stores it (SPEC §4.5) — the staged `teams.webhook`, rejected lines, messages. Only delivery
/// reads the URL itself, from the export.
public enum SecretURL {
    /// `url` with its user info, every query item, its fragment, every path segment after a
    /// `hook` segment (飞书) and every token-like segment (8 or more characters with a
    /// digit, or anything but letters, digits, `-` and `_`) replaced by `***`: the scheme, the
    /// host and the words of the path that tell the platform stay.
    public static func masked(_ url: String) -> String {
        var (rest, fragment) = split(url, at: "#")
        let query: String?
        (rest, query) = split(rest, at: "?")
        var out = ""
        if let scheme = rest.range(of: "://") {
            out = String(rest[..<scheme.upperBound])
            rest = String(rest[scheme.upperBound...])
            let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            let authority = rest[..<hostEnd]
            out += authority.contains("@") ? "***@" + authority.split(separator: "@").last! : authority
            rest = String(rest[hostEnd...])
        }
        var afterHook = false
        out += rest.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            defer { if segment == "hook" { afterHook = true } }
            return afterHook || looksLikeToken(segment) ? "***" : String(segment)
        }.joined(separator: "/")
        if let query {
            out += "?" + query.split(separator: "&", omittingEmptySubsequences: false).map { item in
                item.contains("=") ? item.split(separator: "=", maxSplits: 1)[0] + "=***" : "***"
            }.joined(separator: "&")
        }
        return fragment == nil ? out : out + "#***"
    }

    /// `text` with every `scheme://…` URL in it masked (a rejected line, a cell holding several).
    public static func maskingURLs(in text: String) -> String {
        guard text.contains("://") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            // The URL starts at the scheme's letters before "://" and ends at a separator.
            let start = rest[..<scheme.lowerBound].lastIndex { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
                .map { rest.index(after: $0) } ?? rest.startIndex
            let end = rest[scheme.upperBound...].firstIndex { ",;\t\" \n\r".contains($0) } ?? rest.endIndex
            out += rest[..<start]
            out += masked(String(rest[start..<end]))
            rest = rest[end...]
        }
        return out + rest
    }

    private static func looksLikeToken(_ segment: Substring) -> Bool {
        guard !segment.isEmpty else { return false }
        let plain = segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return !plain || (segment.count >= 8 && segment.contains(where: \.isNumber))
    }

    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let i = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<i]), String(text[text.index(after: i)...]))
    }
}
