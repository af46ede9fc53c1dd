import Foundation

/// The text encodings real exports arrive in (SPEC §2.1).
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
    /// Traditional Chinese (Hong Kong, Taiwan, Macau exports), with the HKSCS characters.
    case big5 = "Big5"

    /// Accepted spellings of the pipeline's per-file `encoding` override.
    public init?(setting: String) {
        switch setting.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "utf8": self = .utf8
        case "utf8bom", "utf8sig": self = .utf8BOM
        case "utf16le", "utf16", "unicode": self = .utf16LE
        case "utf16be": self = .utf16BE
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        case "big5", "big5hkscs", "cp950": self = .big5
        default: return nil
        }
    }

    /// How the pipeline's `encoding:` spells it.
    public var setting: String {
        switch self {
        case .utf8: return "utf-8"
        case .utf8BOM: return "utf-8-bom"
        case .utf16LE: return "utf-16le"
        case .utf16BE: return "utf-16be"
        case .gb18030: return "gb18030"
        case .big5: return "big5"
        }
    }

    /// The iconv name of the source encoding, or nil when the bytes are already UTF-8.
    package var iconvName: String? {
        switch self {
        case .utf8, .utf8BOM: return nil
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        case .gb18030: return "GB18030"
        case .big5: return "BIG5-HKSCS"
        }
    }

    /// Length of the byte-order mark this encoding starts with in the file.
    package func bomLength(of prefix: [UInt8]) -> Int {
        switch self {
        case .utf8BOM: return prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        case .utf16LE: return prefix.starts(with: [0xFF, 0xFE]) ? 2 : 0
        case .utf16BE: return prefix.starts(with: [0xFE, 0xFF]) ? 2 : 0
        case .utf8: return 0
        case .gb18030, .big5: return 0
        }
    }
}
