import Foundation

/// A pipeline file that cannot be used: exit 2 with file, line and key (SPEC §1, §5).
public enum PipelineError: LocalizedError, Equatable {
    case unreadable(file: String)
    /// Not UTF-8 (e.g. saved as GBK by a Chinese Windows editor): where the first such byte is.
    case notUTF8(file: String, line: Int, column: Int)
    case syntax(file: String, line: Int, message: String)
    case unknownKey(file: String, line: Int, key: String)
    case wrongType(file: String, line: Int, key: String, expected: String)
    case invalidValue(file: String, line: Int, key: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let file): return "\(file): cannot read the pipeline file."
        case .notUTF8(let file, let line, let column):
            return "\(file):\(line): the pipeline file is not UTF-8 (byte \(column) of line \(line) is not; saved as GBK/ANSI?). "
                + "Save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)."
        case .syntax(let file, let line, let message): return "\(file):\(line): YAML syntax error: \(message)"
        case .unknownKey(let file, let line, let key): return "\(file):\(line): unknown key '\(key)'"
        case .wrongType(let file, let line, let key, let expected): return "\(file):\(line): '\(key)' must be \(expected)"
        case .invalidValue(let file, let line, let key, let message): return "\(file):\(line): '\(key)': \(message)"
        }
    }
}
