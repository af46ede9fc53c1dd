import CLibPQ
import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardSQL

/// A row of a fetched slice, read from libpq's text results. A `timestamptz` reads as the
/// ISO text SQLite keeps (`2026-10-01T09:00:00+08:00`, in the pipeline's zone), so both
/// warehouses hand the stages the same strings.
package final class PGRow: SQLRow {
    private let result: OpaquePointer
    private let clock: ZoneClock
    package var index: Int32 = 0
    /// How each column's text is read, from its type.
    private enum Kind { case text, integer, real, instant, boolean }
    private let kinds: [Kind]

    package init(_ result: OpaquePointer, clock: ZoneClock) {
        self.result = result
        self.clock = clock
        kinds = (0..<PQnfields(result)).map { c in
            switch PQftype(result, c) {   // type OIDs (pg_type)
            case 20, 21, 23: return .integer      // int8, int2, int4
            case 700, 701, 1700: return .real     // float4, float8, numeric
            case 1184: return .instant            // timestamptz
            case 16: return .boolean              // bool
            default: return .text
            }
        }
    }

    package func isNull(_ i: Int) -> Bool { PQgetisnull(result, index, Int32(i)) != 0 }

    private func raw(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard !isNull(i), let p = PQgetvalue(result, index, Int32(i)) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: Int(PQgetlength(result, index, Int32(i))))
    }

    package func string(_ i: Int) -> String? {
        guard let bytes = raw(i) else { return nil }
        if kinds[i] == .instant, let epoch = Moment.parse(ascii: bytes)?.epoch(in: clock) { return clock.iso(epoch) }
        return String(decoding: bytes, as: UTF8.self)
    }

    package func int(_ i: Int) -> Int? {
        guard let bytes = raw(i) else { return nil }
        if kinds[i] == .boolean { return bytes.first == 0x74 ? 1 : 0 }  // t / f
        var v = 0, sign = 1, k = 0
        if bytes.first == 0x2D { sign = -1; k = 1 }
        while k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39 { v = v * 10 + Int(bytes[k] - 0x30); k += 1 }
        return k == bytes.count ? sign * v : Double(String(decoding: bytes, as: UTF8.self)).map { Int($0) }
    }

    package func double(_ i: Int) -> Double? {
        guard let bytes = raw(i) else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    package func bytes<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        raw(i).map(body)
    }

    package func pack(into batch: inout PackedBatch, width: Int) {
        batch.beginRow(line: 0)
        for k in 0..<width {
            guard let bytes = raw(k) else { batch.append(.null); continue }
            switch kinds[k] {
            case .integer: batch.append(int(k).map { .integer($0) } ?? .null)
            case .real: batch.append(double(k).map { .real($0) } ?? .null)
            case .text, .instant, .boolean: batch.appendText(bytes)
            }
        }
    }
}
