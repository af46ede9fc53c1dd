import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardReports

/// Writes one synthetic export the way a CRM or Excel would: a chosen encoding
/// (UTF-8, UTF-8 BOM, UTF-16LE with BOM, GB18030), delimiter and line end, RFC
/// 4180 quoting. Streams through a 1 MiB buffer, so million-row files are cheap.
/// Knows the physical line each record starts on, for the list of broken rows.
package final class ExportWriter {
    package let file: String
    private let handle: FileHandle
    private let encoding: TextEncoding
    private let delimiter: String
    private let lineEnd: String
    private let encoder: Transcoder?
    private var buffer: [UInt8] = []
    /// Physical line the next record starts on (the header is line 1).
    package private(set) var nextLine = 1
    package private(set) var records = 0

    package init(folder: String, file: String, encoding: TextEncoding, delimiter: String = ",", lineEnd: String = "\n") throws {
        self.file = file
        let path = (folder as NSString).appendingPathComponent(file)
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw OutputError.cannotWrite(path: path, reason: "cannot create the file")
        }
        handle = h
        self.encoding = encoding
        self.delimiter = delimiter
        self.lineEnd = lineEnd
        switch encoding {
        case .utf8: encoder = nil
        case .utf8BOM: encoder = nil; buffer = [0xEF, 0xBB, 0xBF]
        case .utf16LE: encoder = Transcoder(from: "UTF-8", to: "UTF-16LE"); buffer = [0xFF, 0xFE]
        case .utf16BE: encoder = Transcoder(from: "UTF-8", to: "UTF-16BE"); buffer = [0xFE, 0xFF]
        case .gb18030: encoder = Transcoder(from: "UTF-8", to: "GB18030")
        case .big5: encoder = Transcoder(from: "UTF-8", to: "BIG5-HKSCS")
        }
    }

    /// Writes a record and returns the physical line it starts on.
    @discardableResult
    package func write(_ fields: [String]) throws -> Int {
        let text = fields.map(quoted).joined(separator: delimiter) + lineEnd
        return try writeRaw(text)
    }

    /// Writes text as it is (for deliberately broken rows); returns its first line.
    @discardableResult
    package func writeRaw(_ text: String) throws -> Int {
        let line = nextLine
        nextLine += text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if !lineEnd.contains("\n") { nextLine += 1 }
        records += 1
        if let encoder {
            encoder.convert(Array(text.utf8), into: &buffer, final: false)
        } else {
            buffer.append(contentsOf: text.utf8)
        }
        if buffer.count >= 1 << 20 { try flush() }
        return line
    }

    package func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func quoted(_ field: String) -> String {
        if field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r") {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}

/// A small fast deterministic generator (SplitMix64): same seed, same exports.
package struct SeededRandom {
    private var state: UInt64

    package init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    package mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    package mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    package mutating func chance(_ p: Double) -> Bool { unit() < p }

    package mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    package mutating func normal() -> Double {
        let u1 = max(unit(), 1e-12), u2 = unit()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    package mutating func exponential(mean: Double) -> Double { -mean * Foundation.log(max(1 - unit(), 1e-12)) }

    package mutating func poisson(_ lambda: Double) -> Int {
        if lambda > 30 { return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded())) }
        let limit = Foundation.exp(-lambda)
        var k = 0, p = 1.0
        repeat { k += 1; p *= unit() } while p > limit
        return k - 1
    }
}
