import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardPipeline

/// Writes `rejects.csv` (SPEC §2.3): file, line, column, reason, raw line.
///
/// UTF-8 with a BOM so that Excel on Chinese Windows shows the Chinese text, and
/// cells starting with `=`, `+`, `-` or `@` get a leading apostrophe so that a
/// rejected `=HYPERLINK(...)` stays text when the file is opened in Excel (the
/// warehouse's `rejects` table keeps the raw text exactly).
public enum RejectsWriter {
    /// In the report's language (issue 30 item 8): a Chinese report's rejects name the column by
    /// its Chinese header and give the reason in Chinese, under a Chinese header row.
    public static func write(_ rejects: [RejectedRow], to path: String, language: PipelineConfig.Language = .en) throws {
        let L = Labels(language: language)
        var out = "\u{FEFF}" + (language == .zhCN ? "文件,行号,列,原因,原始内容" : "file,line,column,reason,raw") + "\r\n"
        for r in rejects {
            out += [r.file, String(r.line), L.anyColumn(r.column), L.rejectReason(r.reason), r.raw].map(cell).joined(separator: ",")
            out += "\r\n"
        }
        try OutputFile.write(Data(out.utf8), to: path)
    }

    package static func cell(_ text: String) -> String {
        var t = text
        // Formula injection (OWASP): a cell starting with = + - @, TAB or CR is kept as text.
        if let first = t.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Int(t) == nil, Double(t) == nil { t = "'" + t }
        if t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return t
    }
}

/// Files the reports write: mode 0640, they hold customer data (SPEC §4).
package enum OutputFile {
    /// Writes a new file (0640) beside `path` and renames it into place: never through a link
    /// or into a file another program has open (issue 25: a link planted at
    /// `OUT/validate/rejects.csv` had its target outside the output folder overwritten and
    /// set to 0640). The rename replaces a link, not what it points to.
    package static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).new-\(getpid())")
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.close()
            chmod(temporary, 0o640)  // whatever the umask
            guard rename(temporary, path) == 0 else { throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            unlink(temporary)
            if let error = error as? OutputError { throw error }
            throw OutputError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    /// Mode 0640: readable by owner and group only.
    package static func restrict(_ path: String) throws {
        do {
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        } catch {
            throw OutputError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}

public enum OutputError: LocalizedError, Equatable {
    /// A report file or folder cannot be written.
    case cannotWrite(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .cannotWrite(let path, let reason): return "Cannot write \(path): \(reason)"
        }
    }
}
