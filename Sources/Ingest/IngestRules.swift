/// The version of the ingest rules — how exports are read, mapped and checked. Part of
/// the pipeline hash: a rerun after a change of rules reads every file again instead
/// of reusing rows and rejects staged under the old ones (SPEC §2.4).
public enum IngestRules {
    /// 2: the mapping keys of SPEC §2.5, Excel's forms, date-only as_of at the start of its day.
    /// 3: managers' territory, service requests, visit plans (a reused managers file would lack the territory).
    /// 4: amounts kept to the cent, a NUL byte in a field is undecodable (SPEC §9: PostgreSQL stores the same).
    /// 5: exact money rounded once, the 10^13 maximum, ids in NFC without invisible characters,
    ///    a repeated header line (issue 25).
    public static let version = 5
}
