import Foundation
import ScorecardModel

extension TextEncoding {
    /// Detects the encoding from the first bytes of a file.
    ///
    /// BOMs decide first; NUL bytes in alternate positions mean UTF-16 without a BOM;
    /// other NUL bytes mean the file is not text. Valid UTF-8 is UTF-8; anything else
    /// that GB18030 decodes is GB18030 (Excel's "CSV" on Chinese Windows) — unless it
    /// decodes into private-use characters and Big5 reads it cleanly (Excel on
    /// Traditional Chinese Windows).
    package static func detect(prefix: [UInt8], isWholeFile: Bool, file: String) throws -> TextEncoding {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8BOM }
        if prefix.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if prefix.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        let sample = prefix.prefix(65_536)
        var nulEven = 0, nulOdd = 0
        for (i, b) in sample.enumerated() where b == 0 {
            if i % 2 == 0 { nulEven += 1 } else { nulOdd += 1 }
        }
        if nulEven + nulOdd > 0 {
            let pairs = sample.count / 2
            if nulOdd > pairs / 4 && nulEven == 0 { return .utf16LE }
            if nulEven > pairs / 4 && nulOdd == 0 { return .utf16BE }
            throw IngestError.notText(file: file)
        }
        let utf8 = utf8Sequences(sample, allowTruncatedEnd: !isWholeFile || sample.count < prefix.count)
        if utf8.invalid == 0 { return .utf8 }
        if let text = Transcoder.decoded(Array(sample), from: "GB18030") {
            // Big5 bytes mostly decode as GB18030 too, into private-use characters no
            // real export holds: then Big5, when it reads the sample cleanly.
            // A few private-use characters are GBK's user-defined ones (rare name characters):
            // Big5 needs many — at least 3 and 1 % of the characters outside ASCII.
            let nonASCII = text.filter { $0 >= 0xC0 }.count
            let privateUse = Transcoder.privateUseCount(text)
            if privateUse >= max(3, nonASCII / 100), let big5 = Transcoder.decoded(Array(sample), from: "BIG5-HKSCS"),
               Transcoder.privateUseCount(big5) == 0 {
                return .big5
            }
            return .gb18030
        }
        if let big5 = Transcoder.decoded(Array(sample), from: "BIG5-HKSCS"), Transcoder.privateUseCount(big5) == 0 { return .big5 }
        // Mostly UTF-8 with a few bad bytes: read as UTF-8; the rows holding them are rejected.
        if utf8.valid >= 10 * utf8.invalid { return .utf8 }
        throw IngestError.undecodable(file: file)
    }
}

/// Counts valid and invalid multi-byte UTF-8 sequences in `bytes`; a sequence cut
/// by the end of a sample is not counted as invalid when `allowTruncatedEnd`.
package func utf8Sequences<C: Collection>(_ bytes: C, allowTruncatedEnd: Bool) -> (valid: Int, invalid: Int) where C.Element == UInt8 {
    let b = Array(bytes)
    var valid = 0, invalid = 0
    var i = 0
    while i < b.count {
        let lead = b[i]
        if lead < 0x80 { i += 1; continue }
        let need: Int
        switch lead {
        case 0xC2...0xDF: need = 1
        case 0xE0...0xEF: need = 2
        case 0xF0...0xF4: need = 3
        default: invalid += 1; i += 1; continue
        }
        if i + need >= b.count {  // cut by the end of the sample
            if !allowTruncatedEnd { invalid += 1 }
            break
        }
        if (1...need).allSatisfy({ b[i + $0] & 0xC0 == 0x80 }) {
            valid += 1; i += need + 1
        } else {
            invalid += 1; i += 1
        }
    }
    return (valid, invalid)
}
