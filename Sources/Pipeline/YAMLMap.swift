import Foundation
import Yams

/// A YAML mapping with typed, line-aware accessors. Every accessor throws a
/// `PipelineError` naming the file, line and key on a wrong type.
package struct YAMLMap {
    package let mapping: Node.Mapping
    package let file: String
    package let key: String
    package let line: Int

    package init(_ node: Node, key: String, file: String) throws {
        guard let m = node.mapping else {
            throw PipelineError.wrongType(file: file, line: node.mark?.line ?? 1, key: key, expected: "a mapping (key: value lines)")
        }
        mapping = m
        self.file = file
        self.key = key
        line = node.mark?.line ?? 1
    }

    private func path(_ k: String) -> String { key == "(top level)" ? k : "\(key).\(k)" }

    package func line(of k: String) -> Int { mapping[k]?.mark?.line ?? line }

    package func invalid(_ k: String, _ line: Int, _ message: String) -> PipelineError {
        .invalidValue(file: file, line: line, key: path(k), message: message)
    }

    package func allow(_ keys: [String]) throws {
        for (k, _) in mapping {
            guard let name = k.string, keys.contains(name) else {
                throw PipelineError.unknownKey(file: file, line: k.mark?.line ?? line, key: path(k.string ?? "\(k)"))
            }
        }
    }

    private func scalar(_ k: String) throws -> (Node.Scalar, Int)? {
        guard let node = mapping[k] else { return nil }
        let l = node.mark?.line ?? line
        if node.null != nil, node.scalar?.style == .plain, node.scalar?.string == "null" || node.scalar?.string == "~" || node.scalar?.string == "" {
            return nil  // left out: default
        }
        guard let s = node.scalar else { throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "a single value") }
        return (s, l)
    }

    package func stringWithLine(_ k: String) throws -> (String, Int)? {
        guard let (s, l) = try scalar(k) else { return nil }
        return (s.string, l)
    }

    package func string(_ k: String) throws -> String? { try stringWithLine(k)?.0 }

    /// One of an enum's words (`method: pareto`); `expected` names them in the error.
    package func choice<E: RawRepresentable>(_ k: String, expected: String) throws -> E? where E.RawValue == String {
        guard let (v, l) = try stringWithLine(k) else { return nil }
        guard let value = E(rawValue: v) else { throw invalid(k, l, expected) }
        return value
    }

    package func double(_ k: String) throws -> (Double, Int)? {
        guard let (s, l) = try scalar(k) else { return nil }
        guard s.style == .plain, let v = Double(s.string), v.isFinite else {
            throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "a number")
        }
        return (v, l)
    }

    /// A number from 0 to `max`: every numeric setting has a range, so no configured
    /// value can make the metrics' arithmetic trap (a `repeat_days` of 1e15 did).
    package func nonNegative(_ k: String, upTo max: Double) throws -> Double? {
        guard let (v, l) = try double(k) else { return nil }
        guard v >= 0 else { throw invalid(k, l, "must not be negative") }
        guard v <= max else { throw invalid(k, l, "must be between 0 and \(Self.format(max))") }
        return v
    }

    /// A number as a pipeline file writes it: `10000`, not `10000.0`.
    package static func format(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    package func fraction(_ k: String) throws -> Double? {
        guard let (v, l) = try double(k) else { return nil }
        guard (0...1).contains(v) else { throw invalid(k, l, "must be between 0 and 1 (e.g. 0.05 for 5 %)") }
        return v
    }

    package func count(_ k: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let (s, l) = try scalar(k) else { return nil }
        guard s.style == .plain, let v = Int(s.string) else {
            throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "a whole number")
        }
        guard v >= 0 else { throw invalid(k, l, "must not be negative") }
        guard range.contains(v) else { throw invalid(k, l, "must be between \(range.lowerBound) and \(range.upperBound)") }
        return v
    }

    package func bool(_ k: String) throws -> Bool? {
        guard let (s, l) = try scalar(k) else { return nil }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "true or false")
        }
    }

    package func map(_ k: String) throws -> YAMLMap? {
        guard let node = mapping[k] else { return nil }
        if node.scalar?.string == "" || node.scalar?.string == "null" { return nil }
        return try YAMLMap(node, key: path(k), file: file)
    }

    package func stringList(_ k: String) throws -> [String]? {
        guard let node = mapping[k] else { return nil }
        let l = node.mark?.line ?? line
        if let s = node.scalar, s.string.isEmpty || s.string == "null" { return nil }
        guard let seq = node.sequence else { throw PipelineError.wrongType(file: file, line: l, key: path(k), expected: "a list like [a, b]") }
        return try seq.map { item in
            guard let s = item.scalar else {
                throw PipelineError.wrongType(file: file, line: item.mark?.line ?? l, key: path(k), expected: "a list of single values")
            }
            return s.string
        }
    }

    /// Column mappings: `name: header`, `name: [date header, time header]`, or `name: []`:
    /// not read from this export, not even through a built-in header (a 币种 column
    /// beside amounts already in the pipeline's currency).
    /// The `{after: column, minutes|hours|days: header}` entries (SPEC §2.7).
    package func durationPairs() throws -> [(String, Duration, Int)] {
        try mapping.compactMap { k, v in
            guard let entry = v.mapping, let name = k.string else { return nil }
            let l = k.mark?.line ?? line
            let map = try YAMLMap(v, key: path(name), file: file)
            try map.allow(["after", "minutes", "hours", "days"])
            let units: [(String, Double)] = [("minutes", 60), ("hours", 3600), ("days", 86_400)]
            let given = try units.compactMap { unit, seconds in try map.string(unit).map { ($0, seconds, unit) } }
            guard let after = try map.string("after"), given.count == 1, !given[0].0.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PipelineError.wrongType(file: file, line: l, key: path(name), expected: "{after: a time column, minutes: header} (or hours:, days:)")
            }
            _ = entry
            return (name, Duration(after: after, header: given[0].0, unitSeconds: given[0].1), l)
        }
    }

    package func headerPairs() throws -> [(String, [String], Int)] {
        try mapping.filter { $0.value.mapping == nil }.map { k, v in
            let l = k.mark?.line ?? line
            let name = k.string ?? "?"
            var headers: [String] = []
            if let value = v.scalar?.string {
                headers = [value]
            } else if let seq = v.sequence, (0...2).contains(seq.count), case let list = seq.compactMap(\.scalar?.string), list.count == seq.count {
                headers = list
            } else {
                throw PipelineError.wrongType(file: file, line: l, key: path(name), expected: "a header, [date header, time header], or [] for none")
            }
            if headers.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw PipelineError.invalidValue(file: file, line: l, key: path(name), message: "the header text is empty")
            }
            if headers.count == 2, headers[0] == headers[1] {
                throw PipelineError.invalidValue(file: file, line: l, key: path(name), message: "the date and the time must be two different headers")
            }
            return (name, headers, l)
        }
    }

    /// All entries as (key, string value, line): for free-form maps like column mappings.
    /// The keys of this mapping in file order, with their lines.
    package func keys() -> [(String, Int)] {
        mapping.compactMap { k, _ in k.string.map { ($0, k.mark?.line ?? line) } }
    }

    /// `name: text` pairs with their lines (dimension headers, fx rates).
    package func stringPairs() throws -> [(String, String, Int)] {
        try mapping.map { k, v in
            let l = k.mark?.line ?? line
            guard let name = k.string, let value = v.scalar?.string else {
                throw PipelineError.wrongType(file: file, line: l, key: path(k.string ?? "?"), expected: "name: header text")
            }
            return (name, value, l)
        }
    }
}
