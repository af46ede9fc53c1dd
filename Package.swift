// swift-tools-version:6.1
import PackageDescription

// The stages as targets, so that the compiler holds their order (issue 27):
//   Model ← Pipeline ← Ingest ← Warehouse ← SQL ← SQLite ← PostgreSQL
//                              Warehouse ← Metrics ← Reports ← Generator
//                                          Reports ← Delivery (SPEC §4.5: mail and robots, through libcurl)
//   everything ← ScorecardKit (the runner) ← scorecard (the command line)
// Only SQL, SQLite and PostgreSQL (and PostgresURI, libpq's reading of a URI) speak SQL or
// import GRDB and libpq; only Reports/XLSX imports libxlsxwriter; only Delivery imports libcurl.
let package = Package(
    name: "Scorecard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "scorecard", targets: ["scorecard"]),
        // The runner and the stages whose types its API shows (RunOptions.config is a PipelineConfig, …).
        .library(name: "ScorecardKit", targets: ["ScorecardKit", "ScorecardModel", "ScorecardPipeline", "ScorecardIngest", "ScorecardWarehouse", "ScorecardMetrics", "ScorecardReports", "ScorecardGenerator", "ScorecardDelivery"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libxlsxwriter from Debian (apt libxlsxwriter-dev); used by the workbook writer.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // libpq from Debian (apt libpq-dev): the PostgreSQL warehouse (SPEC §9).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // libcurl from Debian (apt libcurl4-openssl-dev): SMTP with STARTTLS and HTTPS for delivery (SPEC §4.5).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // sqlite3_config is variadic (Swift cannot call it): one C function sets SQLite up.
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // renameat2(RENAME_EXCHANGE) needs _GNU_SOURCE, which Swift's Glibc does not set.
        .target(name: "CFileSwap"),
        // mallopt is in <malloc.h>, outside Swift's Glibc module: the CLI pins the mmap threshold.
        .target(name: "CMallocTuning"),

        // The domain's vocabulary: entities, periods, local time, grades, errors, thread helpers.
        .target(name: "ScorecardModel", dependencies: [.product(name: "Crypto", package: "swift-crypto")], path: "Sources/Model"),
        // libpq's reading of a connection URI (a password in it is refused, SPEC §9).
        .target(name: "PostgresURI", dependencies: ["CLibPQ", "ScorecardModel"], path: "Sources/Warehouse/PostgreSQL/URI"),
        // The pipeline file (SPEC §5).
        .target(name: "ScorecardPipeline", dependencies: ["ScorecardModel", "PostgresURI", .product(name: "Yams", package: "Yams")],
                path: "Sources/Pipeline"),
        // Reading exports: encodings, CSV, headers, values, rejects (SPEC §2).
        .target(name: "ScorecardIngest", dependencies: ["ScorecardModel", "ScorecardPipeline"], path: "Sources/Ingest"),
        // The warehouse's one interface (`WarehouseSession`), its records, and the load into it (SPEC §2.3–§2.4, §4.3).
        .target(name: "ScorecardWarehouse", dependencies: ["ScorecardModel", "ScorecardPipeline", "ScorecardIngest",
                                                           .product(name: "Crypto", package: "swift-crypto")],
                path: "Sources/Warehouse", exclude: ["SQL", "SQLite", "PostgreSQL"]),
        // The queries both engines accept, on the SQL session the two implementations provide.
        .target(name: "ScorecardSQL", dependencies: ["ScorecardWarehouse"], path: "Sources/Warehouse/SQL"),
        .target(name: "ScorecardSQLite", dependencies: ["ScorecardSQL", "CSQLiteSetup", "CFileSwap",
                                                        .product(name: "GRDB", package: "GRDB.swift"),
                                                        .product(name: "GRDBSQLite", package: "GRDB.swift")],
                path: "Sources/Warehouse/SQLite"),
        .target(name: "ScorecardPostgreSQL", dependencies: ["ScorecardSQL", "ScorecardSQLite", "PostgresURI", "CLibPQ"],
                path: "Sources/Warehouse/PostgreSQL", exclude: ["URI"]),
        // SPEC §3: every metric, pure functions of the records the warehouse gives.
        .target(name: "ScorecardMetrics", dependencies: ["ScorecardWarehouse"], path: "Sources/Metrics"),
        // SPEC §4: the workbook, the Markdown report, the data-quality files.
        .target(name: "ScorecardReports", dependencies: ["ScorecardMetrics", "CXLSXWriter", "CFileSwap"], path: "Sources/Reports"),
        // Generated exports for the sample, the tests and the benchmark.
        .target(name: "ScorecardGenerator", dependencies: ["ScorecardReports"], path: "Sources/Generator"),
        // SPEC §4.5: the period's reports to the supervisors' mail and their IM group robots.
        .target(name: "ScorecardDelivery", dependencies: ["ScorecardReports", "CCurl", .product(name: "Crypto", package: "swift-crypto")],
                path: "Sources/Delivery"),
        // The runner: the stages in order.
        .target(name: "ScorecardKit", dependencies: ["ScorecardReports", "ScorecardGenerator", "ScorecardDelivery", "ScorecardSQLite", "ScorecardPostgreSQL",
                                                     "CMallocTuning"],
                path: "Sources/Runner"),
        .executableTarget(
            name: "scorecard",
            dependencies: [
                "ScorecardKit", "ScorecardModel", "ScorecardPipeline", "ScorecardIngest", "ScorecardReports", "ScorecardGenerator",
                "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ScorecardKitTests",
            dependencies: ["ScorecardKit", "ScorecardModel", "PostgresURI", "ScorecardPipeline", "ScorecardIngest", "ScorecardWarehouse",
                           "ScorecardSQL", "ScorecardSQLite", "ScorecardPostgreSQL", "ScorecardMetrics", "ScorecardReports", "ScorecardGenerator",
                           "ScorecardDelivery", "CFileSwap", "CMallocTuning", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Fixtures"), .copy("Snapshots")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
