import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardPipeline

/// `scorecard inspect` as a person reads it (SPEC §2.6): per file a short table of
/// its header and what each cell maps to, then what keeps it from loading — missing
/// columns, unknown words with counts, values that do not read, ids Excel changed —
/// and at the end what to do next.
public enum InspectionReport {
    public static func text(_ files: [FileInspection], folder: String, pipeline: String?, draft: String?,
                            config: PipelineConfig = PipelineConfig()) -> String {
        var out = "Inspected \(files.count) file\(files.count == 1 ? "" : "s") in \(folder)/"
        out += pipeline.map { " with the mapping of \($0)" } ?? " with the built-in headers and words"
        out += ".\n"
        if files.isEmpty { out += "\nNo .csv, .txt or .tsv file here. Put the CRM's exports in this folder (or pass --input).\n" }
        var needsWork = false
        for file in files {
            out += "\n" + section(file)
            if file.error != nil || file.entity == nil || !file.missingRequired.isEmpty || !file.problems.isEmpty
                || file.columns.contains(where: { !$0.unknownWords.isEmpty || $0.readable < $0.filled }) {
                needsWork = true
            }
        }
        let found = Set(files.compactMap(\.entity))
        let missing = Entity.allCases.filter { !$0.isOptional && !found.contains($0) && !config.input($0).optional }
        if !missing.isEmpty {
            out += "\nNo file for: \(missing.map(\.rawValue).joined(separator: ", ")): a run stops without them. "
            out += "Name each export like \(missing[0].defaultPattern) (or list it under inputs.\(missing[0].rawValue).files); "
            out += "if this CRM has no such export, mark it optional (inputs.\(missing[0].rawValue).optional: true) and its part of the report stays empty.\n"
        }
        out += "\nNext:\n"
        var step = 1
        func next(_ s: String) { out += "  \(step). \(s)\n"; step += 1 }
        if let draft {
            next("Open \(draft): fill in every line marked TODO (remove the # in front and put the value in place of TODO).")
        } else if needsWork {
            next("scorecard inspect --input \(folder)\(pipeline.map { " --pipeline \($0)" } ?? "") --write pipelines/mine.yml   (drafts the mapping)")
            next("Fill in the lines marked TODO in pipelines/mine.yml.")
        }
        let target = draft ?? (needsWork ? "pipelines/mine.yml" : pipeline ?? "pipelines/monthly.yml")
        next("scorecard validate --input \(folder) --pipeline \(target)   (loads nothing; shows every rejected row)")
        next("scorecard run --input \(folder) --pipeline \(target)")
        return out
    }

    package static func section(_ f: FileInspection) -> String {
        var out = f.file
        if let error = f.error { return out + "\n  ✗ cannot be read: \(error)\n" }
        guard let entity = f.entity else {
            out += " — not recognised: its name matches no entity's file pattern and its header holds no entity's id column.\n"
            out += "  Header: \(PipelineDraft.oneLine(f.header.joined(separator: " | ")))\n"
            out += "  If it is an export Scorecard reads, list it under inputs.<entity>.files and map its columns.\n"
            return out
        }
        let by = switch f.matchedBy {
        case .name: "by file name"
        case .nameWords: "by the words of its file name"
        case .guess: "guessed from its headers' words: check that it holds \(entity.rawValue)"
        default: "by header"
        }
        out += " — \(entity.rawValue) (\(by)) · \(f.encoding) · \(f.delimiter) · \(f.rows) row\(f.rows == 1 ? "" : "s")\n"
        if f.titleLines > 0 {
            out += "  (\(f.titleLines) title line\(f.titleLines == 1 ? "" : "s") above the header skipped; the header is line \(f.headerLine))\n"
        }
        out += headerTable(f) + missingColumns(f, entity: entity) + rowNotes(f, entity: entity)
        for c in f.columns { out += columnLines(c, entity: entity) }
        return out
    }

    /// Each header cell and the column(s) it feeds, then the pipeline's constants.
    package static func headerTable(_ f: FileInspection) -> String {
        var out = ""
        let width = min(28, f.header.map(displayWidth).max() ?? 0)
        for (i, h) in f.header.enumerated() where !h.isEmpty {
            let use = i < f.usage.count ? f.usage[i] : .init(columns: [], mapped: false)
            let target = use.columns.isEmpty ? "(unused)" : use.columns.joined(separator: ", ") + (use.mapped ? "  (pipeline)" : "")
            out += "  " + pad(PipelineDraft.oneLine(h), width) + "  → " + target + "\n"
        }
        for c in f.columns where c.source.hasPrefix("constant:") {
            out += "  " + pad("(\(c.source))", width) + "  → \(c.name)\n"
        }
        return out
    }

    /// The required columns the file lacks, and the optional ones whose absence changes a
    /// report, each with the headers that may hold it.
    package static func missingColumns(_ f: FileInspection, entity: Entity) -> String {
        var out = ""
        for name in f.missingRequired {
            let column = entity.columns.first { $0.name == name }!
            out += "  ✗ required column \(name) (\(column.chineseName)) is missing: map it under inputs.\(entity.rawValue).columns"
            out += name == "manager_id" ? ".\n" : " (or set it under constants if it is the same for every row).\n"
            let candidates = f.candidates(for: column)
            if !candidates.isEmpty { out += "    maybe: \(PipelineDraft.oneLine(candidates.joined(separator: ", ")))\n" }
        }
        for column in f.consequentialMissing {
            out += "  ⚠ no column for \(column.name) (\(column.chineseName)): \(column.whenAbsent!)."
            let maybe = f.candidates(for: column)
            out += maybe.isEmpty ? "\n" : " maybe: \(PipelineDraft.oneLine(maybe.joined(separator: ", ")))\n"
        }
        return out
    }

    /// What else keeps rows from loading as they are: the header's problems, lines that are
    /// not rows, rows left out, headers in two cells, repeated ids, rows of another width.
    package static func rowNotes(_ f: FileInspection, entity: Entity) -> String {
        var out = ""
        for p in f.problems {
            if case .missingColumn = p { continue }  // said above, with candidates
            out += "  ✗ \(p.localizedDescription)\n"
        }
        if !f.notDataLines.isEmpty {
            out += "  (line\(f.notDataLines.count == 1 ? "" : "s") \(f.notDataLines.map(String.init).joined(separator: ", ")) skipped: not rows — a total line 合计 or a one-value note)\n"
        }
        if !f.skippedRows.isEmpty {
            out += "  (left out by the pipeline's skip: \(f.skippedRows.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")))\n"
        }
        for h in f.repeatedHeaders {
            out += "  ⚠ the header '\(PipelineDraft.oneLine(h))' stands in more than one cell: the first one is read, the others are not. Check that it is the one you mean.\n"
        }
        if f.repeatedIDs > 0, let id = entity.keyColumns.first {
            out += "  ✗ \(id): \(f.repeatedIDs) id\(f.repeatedIDs == 1 ? "" : "s") on more than one row (e.g. \(f.repeatedExamples.joined(separator: ", "))): "
            out += "the later row replaces the earlier, which is rejected as a duplicate. If these are the lines of one \(entity.rawValue.dropLast()), export the list of \(entity.rawValue), not their lines.\n"
        }
        if f.wrongWidthRows > 0 {
            out += "  ✗ \(f.wrongWidthRows) \(f.wrongWidthRows == 1 ? "row has" : "rows have") another number of values than the header (an unquoted delimiter or a cut row).\n"
        }
        return out
    }

    package static func columnLines(_ c: ColumnInspection, entity: Entity) -> String {
        var out = ""
        let label = c.source.isEmpty || c.source == c.name ? c.name : "\(c.name) (\(c.source))"
        if !c.words.isEmpty {
            let words = c.words.map { w in "\(w.word) \(w.count) " + (w.canonical.map { "→ \($0)" } ?? "✗ unknown") }
            out += "  \(label): " + words.joined(separator: " · ") + (c.moreWords > 0 ? " · … \(c.moreWords) more rows" : "") + "\n"
            if !c.unknownWords.isEmpty {
                let expected = PipelineDraft.expectedValues(c, entity: entity)
                out += "    ✗ \(c.unknownWords.count) unknown word\(c.unknownWords.count == 1 ? "" : "s"): map each under values: \(c.name): to \(expected).\n"
            }
        }
        if c.scientificIDs > 0 {
            let example = c.failures.first { $0.reason.hasPrefix("id changed") }?.value ?? ""
            out += "  ✗ \(label): \(c.scientificIDs) id\(c.scientificIDs == 1 ? "" : "s") in scientific notation (e.g. \(example)): Excel turned them into numbers and lost their last digits. Export the column as text.\n"
        } else if c.kind != .choice, c.readable < c.filled {
            let share = String(format: "%.1f%%", Double(c.readable) / Double(max(c.filled, 1)) * 100)
            out += "  ✗ \(label): \(share) of \(c.filled) values read; not read: "
            out += c.failures.map { "'\($0.value)' (\($0.reason))" }.joined(separator: "; ") + "\n"
        }
        return out
    }

    /// Padded to `width` terminal columns (`displayWidth`: CJK and full-width count 2, as in the workbook).
    package static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - displayWidth(s)))
    }
}
