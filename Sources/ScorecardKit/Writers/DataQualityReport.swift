import Foundation

/// The per-file data-quality table (SPEC §2.3): what `validate` prints and what
/// the run writes as `data-quality.md`.
public struct DataQualityReport {
    public let load: LoadReport
    public let maxRejectRate: Double
    /// File → reject kind → count, counted once.
    private let kinds: [String: [String: Int]]

    public init(load: LoadReport, maxRejectRate: Double) {
        self.load = load
        self.maxRejectRate = maxRejectRate
        var kinds: [String: [String: Int]] = [:]
        for r in load.rejects { kinds[r.file, default: [:]][r.reason.kind, default: 0] += 1 }
        self.kinds = kinds
    }

    /// The three most frequent reject kinds of a file, e.g. `unknown customer ×3`.
    public func topReasons(of file: String, limit: Int = 3) -> [(String, Int)] {
        (kinds[file] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// A Markdown table, readable on a terminal too.
    public var markdown: String {
        var lines = [
            "| entity | file | encoding | delimiter | read | loaded | rejected | rejected % | top reasons |",
            "|---|---|---|---|---:|---:|---:|---:|---|",
        ]
        for f in load.files {
            let reasons = topReasons(of: f.file).map { "\($0.0) ×\($0.1)" }.joined(separator: "; ")
            let flag = f.failsQuality(maxRejectRate) ? " ⚠" : ""
            lines.append("| \(f.entity.rawValue) | \(escape(f.file)) | \(f.encoding) | \(f.delimiter) | \(f.rowsRead) | \(f.rowsLoaded) | \(f.rowsRejected) | \(String(format: "%.1f%%", f.rejectRate * 100))\(flag) | \(escape(reasons)) |")
        }
        lines.append("| **total** | | | | \(load.rowsRead) | \(load.rowsLoaded) | \(load.rowsRejected) | \(String(format: "%.1f%%", load.rowsRead == 0 ? 0 : Double(load.rowsRejected) / Double(load.rowsRead) * 100)) | |")
        var text = lines.joined(separator: "\n") + "\n"
        if !load.missingEntities.isEmpty {
            text += "\nNo file found for: \(load.missingEntities.map(\.rawValue).joined(separator: ", ")).\n"
        }
        if !load.notDataLines.isEmpty {
            let lines = Dictionary(grouping: load.notDataLines, by: \.file).sorted { $0.key < $1.key }
                .map { "\($0.key) line \($0.value.map { String($0.line) }.joined(separator: ", "))" }
            text += "\nLines that are not rows (a total line 合计, a one-value note under the data) skipped: \(lines.joined(separator: "; ")).\n"
        }
        if !load.skippedRows.isEmpty {
            text += "\nRows left out by the pipeline's skip: \(load.skippedRows.map { "\($0.file) \($0.rule) ×\($0.rows)" }.joined(separator: "; ")).\n"
        }
        let over = load.files.filter { $0.rejectRate > maxRejectRate }
        if !over.isEmpty {
            text += "\n⚠ Rejected share above the pipeline's max_reject_rate (\(String(format: "%.1f%%", maxRejectRate * 100))): \(over.map(\.file).joined(separator: ", ")).\n"
        }
        let allRejected = load.files.filter { $0.allRejected && $0.rejectRate <= maxRejectRate }
        if !allRejected.isEmpty {
            text += "\n⚠ Every row rejected in: \(allRejected.map(\.file).joined(separator: ", ")) (a report without them would be wrong).\n"
        }
        return text
    }

    private func escape(_ s: String) -> String {
        MarkupSafety.markdown(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
