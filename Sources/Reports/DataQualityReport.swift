import Foundation
import ScorecardPipeline
import ScorecardWarehouse

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

    /// A Markdown table, readable on a terminal too, in the report's language
    /// (SPEC §4.1.1: the Chinese report is Chinese, data quality included).
    public func markdown(_ language: PipelineConfig.Language) -> String {
        let L = Labels(language: language)
        let zh = language == .zhCN
        func percent(_ r: Double) -> String { String(format: "%.1f%%", r * 100) }
        var lines = [
            "| " + [L(.entity), L(.file), L(.encoding), L(.delimiter), L(.rowsRead), L(.rowsLoaded), L(.rowsRejected), L(.rejectedShare), L(.topReasons)]
                .joined(separator: " | ") + " |",
            "|---|---|---|---|---:|---:|---:|---:|---|",
        ]
        for f in load.files {
            let reasons = topReasons(of: f.file).map { "\(L.rejectKind($0.0)) ×\($0.1)" }.joined(separator: zh ? "；" : "; ")
            let flag = f.failsQuality(maxRejectRate) ? " ⚠" : ""
            lines.append("| \(L.entity(f.entity)) | \(escape(f.file)) | \(f.encoding) | \(L.delimiter(f.delimiter)) | \(f.rowsRead) | \(f.rowsLoaded) "
                         + "| \(f.rowsRejected) | \(percent(f.rejectRate))\(flag) | \(escape(reasons)) |")
        }
        lines.append("| **\(L(.total))** | | | | \(load.rowsRead) | \(load.rowsLoaded) | \(load.rowsRejected) "
                     + "| \(percent(load.rowsRead == 0 ? 0 : Double(load.rowsRejected) / Double(load.rowsRead))) | |")
        var text = lines.joined(separator: "\n") + "\n"
        let list = zh ? "、" : ", "
        if !load.missingEntities.isEmpty {
            let names = load.missingEntities.map { L.entity($0) }.joined(separator: list)
            text += zh ? "\n未找到以下数据的文件：\(names)。\n" : "\nNo file found for: \(names).\n"
        }
        if !load.derivedLists.isEmpty {
            // Which lists the facts made, and how many ids each holds (SPEC §2.7).
            let lists = load.derivedLists.map { d in
                zh ? "\(L.entity(d.entity))名单 \(d.total) 个编号（由数据新增 \(d.added) 个）" : "\(d.entity.rawValue) \(d.total) ids (\(d.added) added from the facts)"
            }.joined(separator: list)
            text += zh ? "\n由事实数据推导的名单：\(lists)。\n" : "\nMaster lists derived from the facts: \(lists).\n"
        }
        if !load.notDataLines.isEmpty {
            let files = Dictionary(grouping: load.notDataLines, by: \.file).sorted { $0.key < $1.key }
            let where_ = files.map { file, lines -> String in
                let numbers = lines.map { String($0.line) }.joined(separator: zh ? "、" : ", ")
                return zh ? "\(escape(file)) 第 \(numbers) 行" : "\(escape(file)) line \(numbers)"
            }.joined(separator: zh ? "；" : "; ")
            text += zh ? "\n已跳过非数据行（合计行、重复的表头行、表格下方的单值备注）：\(where_)。\n"
                : "\nLines that are not rows (a total line 合计, the header line repeated, a one-value note under the data) skipped: \(where_).\n"
        }
        if !load.skippedRows.isEmpty {
            let rules = load.skippedRows.map { "\(escape($0.file)) \(escape($0.rule)) ×\($0.rows)" }.joined(separator: zh ? "；" : "; ")
            text += zh ? "\n按流水线 skip 规则略去的行：\(rules)。\n" : "\nRows left out by the pipeline's skip: \(rules).\n"
        }
        // File names are the export's, escaped wherever they appear (issue 25: only the table escaped them).
        let over = load.files.filter { $0.rejectRate > maxRejectRate }.map { escape($0.file) }.joined(separator: list)
        if !over.isEmpty {
            text += zh ? "\n⚠ 剔除比例超过流水线 max_reject_rate（\(percent(maxRejectRate))）的文件：\(over)。\n"
                : "\n⚠ Rejected share above the pipeline's max_reject_rate (\(percent(maxRejectRate))): \(over).\n"
        }
        let allRejected = load.files.filter { $0.allRejected && $0.rejectRate <= maxRejectRate }.map { escape($0.file) }.joined(separator: list)
        if !allRejected.isEmpty {
            text += zh ? "\n⚠ 以下文件的行全部被剔除：\(allRejected)（缺少这些数据，报告会出错）。\n"
                : "\n⚠ Every row rejected in: \(allRejected) (a report without them would be wrong).\n"
        }
        return text
    }

    private func escape(_ s: String) -> String {
        MarkupSafety.markdown(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
