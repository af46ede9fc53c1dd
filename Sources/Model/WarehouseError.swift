import Foundation

/// Something went wrong with the warehouse itself (SPEC §2.4, §9).
public enum WarehouseError: LocalizedError, Equatable {
    /// The file or server cannot be opened.
    case cannotOpen(path: String, reason: String)
    /// Another run holds the warehouse longer than the pipeline's lock timeout.
    case busy(path: String, waitedSeconds: Int)
    /// An error from the database while loading or querying.
    case database(path: String, message: String)
    /// A PostgreSQL URI with a password in it (SPEC §9: never in the pipeline file).
    case passwordInURI
    /// The warehouse holds migrations this build does not know: a newer scorecard wrote it.
    case newerSchema(path: String, unknown: [String])
    /// `--warehouse` or `warehouse:` in a form that is not `sqlite:PATH` or a PostgreSQL URI.
    case notAWarehouse(String)
    /// `scorecard warehouse distribute` on a warehouse that cannot be distributed (SPEC §9).
    case notDistributable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            return "Cannot open the warehouse \(path): \(reason)"
        case .busy(let path, let seconds):
            return "Another scorecard run is using \(path); gave up after waiting \(seconds) s. Try again when it has finished."
        case .database(let path, let message):
            return "Warehouse \(path): \(message)"
        case .passwordInURI:
            return "The warehouse URI holds a password. Leave it out and set PGPASSWORD or ~/.pgpass instead: "
                + "a pipeline file or command line is read by others, and a run records its warehouse."
        case .newerSchema(let path, let unknown):
            return "The warehouse \(path) was written by a newer scorecard (its schema has \(unknown.joined(separator: ", "))). "
                + "This build would misread it; run the newer scorecard, or give another warehouse. Nothing was changed."
        case .notDistributable(let path, let reason):
            return "The warehouse \(path) cannot be distributed: \(reason). Nothing was changed."
        case .notAWarehouse(let text):
            // Never echo what may be a libpq string with a password in it.
            let shown = text.lowercased().contains("password") ? "(not shown: it names a password)" : "'\(text)'"
            if text.lowercased().hasPrefix("sqlite:") {
                return "The warehouse \(shown) names no file: sqlite: takes the path of a SQLite file (e.g. sqlite:output/warehouse.sqlite); "
                    + "an in-memory database or a URI form would not keep the results."
            }
            return "The warehouse \(shown) is neither sqlite:PATH (a SQLite file, e.g. sqlite:output/warehouse.sqlite) "
                + "nor a PostgreSQL URI postgresql://user@host:port/db (or postgres://…)."
        }
    }
}

extension WarehouseError {
    /// - Throws: `newerSchema` when `applied` holds a migration not in `known` (issue 25: a
    ///   warehouse of a newer build was read and written, values 100× off). A warehouse that
    ///   holds none of ours at all is another application's.
    package static func checkKnown(applied: Set<String>, known: [String], path: String) throws {
        let unknown = applied.subtracting(known).sorted()
        guard !unknown.isEmpty else { return }
        guard let first = known.first, applied.contains(first) else {
            throw WarehouseError.cannotOpen(path: path, reason: "it holds the migrations of another application (\(unknown.prefix(3).joined(separator: ", "))), "
                                            + "not a scorecard warehouse; it was left as it is")
        }
        throw WarehouseError.newerSchema(path: path, unknown: unknown)
    }
}
