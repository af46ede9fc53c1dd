import Foundation
import PostgresURI
import ScorecardModel

/// Where a run keeps its warehouse (SPEC §9): the SQLite file (default) or a PostgreSQL
/// server named by a libpq connection URI. The password is never part of it: libpq
/// takes it from `PGPASSWORD` or `~/.pgpass`.
public enum WarehouseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(uri: String)

    /// `sqlite:PATH` or `postgresql://…` / `postgres://…` (the scheme in any case), nothing
    /// else (issue 25): a JDBC or SQLAlchemy URL, `pg://`, a libpq `host=… dbname=…` string or
    /// `sqlite::memory:` must not quietly become a SQLite file of that name in the working folder
    /// (or a warehouse that vanishes when the run ends) while the run says "results stored".
    /// - Throws: `WarehouseError.passwordInURI` when the URI carries a password (as libpq reads
    ///   it: `user:password@`, `?password=`, `sslpassword`, percent-encoded or not);
    ///   `WarehouseError.notAWarehouse` for any other form.
    public init(parsing text: String) throws {
        let lower = text.lowercased()
        if let scheme = ["postgresql://", "postgres://"].first(where: lower.hasPrefix) {
            let uri = scheme + text.dropFirst(scheme.count)  // libpq knows the scheme in lower case only
            guard try !PostgresURI.hasPassword(uri) else { throw WarehouseError.passwordInURI }
            self = .postgres(uri: uri)
        } else if lower.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            // `sqlite::memory:` and `sqlite:file:…` are SQLite's in-memory and URI names, not a
            // file a warehouse can live in; `sqlite://…` is a URL form we do not guess at.
            guard !path.isEmpty, !path.hasPrefix(":"), !path.lowercased().hasPrefix("file:"), !path.hasPrefix("//") else {
                throw WarehouseError.notAWarehouse(text)
            }
            self = .sqlite(path: path)
        } else {
            throw WarehouseError.notAWarehouse(text)
        }
    }

    /// Printable: a path, or the URI (which holds no password).
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let uri): return uri
        }
    }
}
