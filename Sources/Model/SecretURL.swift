/// A robot's webhook URL carries its token (企业微信 `?key=…`, 钉钉 `?access_token=…`, 飞书
/// `/hook/<token>`): masked wherever scorecard shows or stores it (SPEC §4.5) — the staged
/// `teams.webhook`, rejected lines, messages. Only delivery reads the URL itself, from the export.
public enum SecretURL {
    /// `url` with every query value and every token-like path segment (16 or more letters,
    /// digits, `-` or `_`) replaced by `***`: the host and the path that tell the platform stay.
    public static func masked(_ url: String) -> String {
        let (beforeQuery, query) = split(url, at: "?")
        let path = beforeQuery.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            segment.count >= 16 && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } ? "***" : String(segment)
        }.joined(separator: "/")
        guard let query else { return path }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let (name, value) = split(String(pair), at: "=")
            return value == nil ? name : name + "=***"
        }
        return path + "?" + pairs.joined(separator: "&")
    }

    /// `text` with every `scheme://…` URL in it masked (a rejected line of a teams export).
    public static func maskingURLs(in text: String) -> String {
        guard text.contains("://") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            // The URL starts at the scheme's letters before "://" and ends at a separator.
            let start = rest[..<scheme.lowerBound].lastIndex { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
                .map { rest.index(after: $0) } ?? rest.startIndex
            let end = rest[scheme.upperBound...].firstIndex { $0 == "," || $0 == "\t" || $0 == ";" || $0 == "\"" || $0 == " " || $0 == "\n" || $0 == "\r" }
                ?? rest.endIndex
            out += rest[..<start]
            out += masked(String(rest[start..<end]))
            rest = rest[end...]
        }
        return out + rest
    }

    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let i = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<i]), String(text[text.index(after: i)...]))
    }
}
