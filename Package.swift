// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Scorecard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "scorecard", targets: ["scorecard"]),
        .library(name: "ScorecardKit", targets: ["ScorecardKit"]),
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
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // libpq from Debian (apt libpq-dev): the PostgreSQL warehouse (SPEC §9).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // sqlite3_config is variadic (Swift cannot call it): one C function sets SQLite up.
        .target(
            name: "CSQLiteSetup",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // renameat2(RENAME_EXCHANGE) needs _GNU_SOURCE, which Swift's Glibc does not set.
        .target(name: "CFileSwap"),
        // mallopt is in <malloc.h>, outside Swift's Glibc module: the CLI pins the mmap threshold.
        .target(name: "CMallocTuning"),
        .target(
            name: "ScorecardKit",
            dependencies: [
                "CXLSXWriter",
                "CLibPQ",
                "CSQLiteSetup",
                "CFileSwap",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "scorecard",
            dependencies: [
                "ScorecardKit",
                "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ScorecardKitTests",
            dependencies: ["ScorecardKit", "CFileSwap", "CMallocTuning", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures"), .copy("Snapshots")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
