import Foundation
import ScorecardReports

/// Writes deterministic synthetic exports: heavy-tailed customer sales, managers of
/// varying quality, late payers, overdue and major complaints, remote and rural
/// customers. `messy` writes them as real exports arrive (SPEC §8): GB18030,
/// UTF-16 tab-separated, BOMs, Chinese headers and values, `¥1,234.50`, slash and
/// Chinese dates, quoted newlines, trailing delimiters and blank lines, and a few
/// broken rows, each listed in `GeneratedExport.broken`.
public enum Generator {
    public static func write(_ o: GeneratorOptions, to folder: String) throws -> GeneratedExport {
        try OutputFolder.create(folder)
        var g = Generation(o, folder: folder)
        try g.run()
        return g.result
    }
}
