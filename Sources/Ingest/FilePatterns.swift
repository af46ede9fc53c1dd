// Two small functions shared by the loader, inspect and the reports.

/// The delimiter as the pipeline and the data-quality report name it.
package func delimiterName(_ d: UInt8) -> String {
    switch d {
    case 0x09: return "tab"
    case 0x3B: return "semicolon"
    default: return "comma"
    }
}

/// Shell-style match of `*` and `?` (file patterns in the pipeline).
package func glob(_ pattern: String, matches name: String) -> Bool {
    let p = Array(pattern.lowercased()), n = Array(name.lowercased())
    var pi = 0, ni = 0, star = -1, mark = 0
    while ni < n.count {
        if pi < p.count && (p[pi] == "?" || p[pi] == n[ni]) {
            pi += 1; ni += 1
        } else if pi < p.count && p[pi] == "*" {
            star = pi; mark = ni; pi += 1
        } else if star >= 0 {
            pi = star + 1; mark += 1; ni = mark
        } else {
            return false
        }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
}
