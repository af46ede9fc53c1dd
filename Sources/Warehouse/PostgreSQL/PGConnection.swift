import CLibPQ
import Foundation
import ScorecardModel
import ScorecardSQL
import ScorecardWarehouse

/// One libpq connection (SPEC §9): statements with text parameters, queries read through
/// a server-side cursor a slice at a time (the client's memory does not grow with the
/// result), and `COPY … FROM STDIN` for bulk rows. The password comes from `PGPASSWORD`
/// or `~/.pgpass`, as libpq reads them; nothing here prints the URI's secrets.
package final class PGConnection {
    private let conn: OpaquePointer
    package let uri: String
    /// Rows fetched per round trip of a cursor.
    package static let fetchSize = 20_000
    private var cursors = 0
    /// The SQLSTATE of the last statement that failed (`55P03`: a lock not available).
    package private(set) var lastErrorState: String?

    /// Connects and sets the session up: the pipeline's time zone (times read back in it,
    /// dates without a time taken as its midnight), ISO dates, UTF-8, warnings only.
    package init(uri: String, timeZone: String) throws {
        self.uri = uri
        // The defaults first, then the URI, whose own values win (`expand_dbname`).
        let keywords = Self.connectionDefaults.map(\.0) + ["dbname"]
        let values = Self.connectionDefaults.map(\.1) + [uri]
        let connected = withCStrings(keywords) { k in
            withCStrings(values) { v in PQconnectdbParams(k + [nil], v + [nil], 1) }
        }
        guard let c = connected else { throw WarehouseError.cannotOpen(path: uri, reason: "out of memory") }
        guard PQstatus(c) == CONNECTION_OK else {
            let reason = String(cString: PQerrorMessage(c)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(c)
            throw WarehouseError.cannotOpen(path: uri, reason: reason)
        }
        conn = c
        try execute("SET client_encoding = 'UTF8'")
        try execute("SET DateStyle = 'ISO, YMD'")
        try execute("SET client_min_messages = warning")
        // Doubles read back exactly (the default from PostgreSQL 12; older servers print 15 digits).
        try execute("SET extra_float_digits = 3")
        try execute("SELECT set_config('TimeZone', $1, false)", [.text(timeZone)])
    }

    deinit { PQfinish(conn) }

    /// libpq settings a URI may override (issue 25: a server that accepted the connection and
    /// never answered hung `run` forever, holding the output folder's lock). Connecting gives up
    /// after 15 s; TCP keepalives (after 60 s idle, every 10 s, 6 probes) and an unacknowledged
    /// send given up after 2 min notice a peer that vanished mid-run. A long query on a live
    /// server is not cut short.
    package static let connectionDefaults: [(String, String)] = [
        ("connect_timeout", "15"), ("keepalives", "1"), ("keepalives_idle", "60"), ("keepalives_interval", "10"),
        ("keepalives_count", "6"), ("tcp_user_timeout", "120000"),
    ]

    /// Runs one statement; the first column of its first row, if any.
    @discardableResult
    package func execute(_ sql: String, _ parameters: [StoredValue] = []) throws -> String? {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        guard PQntuples(result) > 0, PQgetisnull(result, 0, 0) == 0 else { return nil }
        return String(cString: PQgetvalue(result, 0, 0))
    }

    /// Runs one statement; its command status (`COMMIT`, `ROLLBACK`, `INSERT 0 1`, …).
    package func command(_ sql: String) throws -> String {
        let result = try run(sql, [])
        defer { PQclear(result) }
        return String(cString: PQcmdStatus(result))
    }

    /// Steps through a query's rows, `fetchSize` at a time, through a cursor (inside the
    /// caller's transaction).
    package func forEachRow(_ sql: String, _ parameters: [StoredValue], clock: ZoneClock, _ body: (any SQLRow) throws -> Void) throws {
        cursors += 1
        let name = "scorecard_cursor_\(cursors)"
        try execute("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", parameters)
        defer { _ = try? execute("CLOSE \(name)") }
        while true {
            let result = try run("FETCH FORWARD \(Self.fetchSize) FROM \(name)", [])
            defer { PQclear(result) }
            let count = PQntuples(result)
            let row = PGRow(result, clock: clock)
            for i in 0..<count {
                row.index = i
                try body(row)
            }
            if count < Self.fetchSize { return }
        }
    }

    /// The most bytes handed to libpq at once in a COPY.
    static let copyPiece = 64 * 1024

    /// `COPY table (columns) FROM STDIN` (text format) with the lines `write` produces;
    /// `write` calls `send` with each chunk of lines.
    package func copy(into table: String, columns: [String], _ write: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let quoted = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let start = PQexec(conn, "COPY \(table) (\(quoted)) FROM STDIN")
        let status = PQresultStatus(start)
        let message = failure(start)
        PQclear(start)
        guard status == PGRES_COPY_IN else { throw message }
        var sendError: (any Error)?
        do {
            try write { chunk in
                // libpq grows its output buffer to the largest message it is given and keeps it for
                // the connection's life: the staging's 8 MB chunks left 8 MB resident through the
                // whole run (heaptrack, the bank-shaped set's team reports; issue 29). Pieces of
                // `copyPiece` bytes keep it small; a COPY's rows may be split anywhere.
                var offset = 0
                while offset < chunk.count {
                    let piece = min(Self.copyPiece, chunk.count - offset)
                    guard PQputCopyData(conn, (chunk.baseAddress! + offset).assumingMemoryBound(to: CChar.self), Int32(piece)) == 1 else {
                        throw WarehouseError.database(path: uri, message: String(cString: PQerrorMessage(conn)))
                    }
                    offset += piece
                }
            }
        } catch {
            sendError = error  // whatever failed, the COPY is ended so the connection can roll back
        }
        PQputCopyEnd(conn, sendError == nil ? nil : "aborted by scorecard")
        var copyError: (any Error)?
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) != PGRES_COMMAND_OK { copyError = copyError ?? failure(result) }
            PQclear(result)
        }
        if let error = sendError ?? copyError { throw error }
    }

    /// Executes `sql` with text parameters; the caller clears the result.
    private func run(_ sql: String, _ parameters: [StoredValue]) throws -> OpaquePointer {
        let texts: [String?] = parameters.map { value in
            switch value {
            case .null: return nil
            case .integer(let v): return String(v)
            case .real(let v): return PGText.real(v)
            case .text(let v): return v
            }
        }
        let result = withCStrings(texts) { pointers in
            PQexecParams(conn, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        guard let result else { throw WarehouseError.database(path: uri, message: String(cString: PQerrorMessage(conn))) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK: return result
        default:
            let error = failure(result)
            lastErrorState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            PQclear(result)
            throw error
        }
    }

    private func failure(_ result: OpaquePointer?) -> WarehouseError {
        let text = result.map { String(cString: PQresultErrorMessage($0)) } ?? String(cString: PQerrorMessage(conn))
        return .database(path: uri, message: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Calls `body` with C strings of `texts` (NULL for nil) that live for the call.
private func withCStrings<R>(_ texts: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = texts.map { $0.map { strdup($0)! } }
    defer { for p in copies { free(p) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}

/// Values as PostgreSQL's text format reads them.
package enum PGText {
    /// The shortest text that reads back as the same double.
    package static func real(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "Infinity" : "-Infinity" }
        return "\(v)"
    }

    /// Appends `bytes` escaped for COPY's text format (backslash, tab, newline, carriage return).
    package static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for b in bytes {
            switch b {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x00: out += [0xEF, 0xBF, 0xBD]  // COPY cannot carry NUL (only a reject's raw line may hold one): U+FFFD
            default: out.append(b)
            }
        }
    }

    package static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    /// Appends a whole number's digits.
    package static func appendInteger(_ v: Int, to out: inout [UInt8]) {
        if v < 0 { out.append(0x2D) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(0x30 + m % 10); m /= 10; n += 1 } while m > 0
            while n > 0 { n -= 1; out.append(d[n]) }
        }
    }

    /// Appends one field: `\N` for NULL.
    package static func append(_ value: StoredValue, to out: inout [UInt8]) {
        switch value {
        case .null: out += [0x5C, 0x4E]
        case .integer(let v): appendInteger(Int(v), to: &out)
        case .real(let v): out += real(v).utf8
        case .text(let v): appendEscaped(v, to: &out)
        }
    }
}
