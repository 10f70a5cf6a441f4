// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "referrald",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "referrald", targets: ["referrald"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // libpq, the system library (apt: libpq-dev).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // libcurl, the system library (apt: libcurl4-openssl-dev): the MESH client's HTTPS.
        .systemLibrary(
            name: "CLibCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // A client of the public MESH API: mutual TLS, NHSMESH authorisation, inbox, chunks, send.
        .target(
            name: "MeshClient",
            dependencies: ["CLibCurl", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // zlib, the system library (apt: zlib1g-dev): raw inflate of workbook parts.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Streaming .xlsx reading: ZIP directory, bounded inflate, a SpreadsheetML scanner; no
        // profile or referral knowledge (extract.md, Workbooks).
        .target(name: "Workbook", dependencies: ["CZlib"]),
        // Our thin libpq layer: knows nothing about referrals.
        .target(
            name: "PostgresLibPQ",
            dependencies: ["CLibPQ"]
        ),
        // The pure core: extract → validation → alerts; no I/O, no libpq.
        .target(
            name: "ReferralCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Configuration and partner profiles, decoded strictly from YAML.
        .target(
            name: "ReferralConfig",
            dependencies: ["ReferralCore", .product(name: "Yams", package: "Yams")]
        ),
        // Drop directories and the files in them: safe opening, hashing, streaming.
        .target(
            name: "DropDirectory",
            dependencies: ["ReferralCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The Intake seam: where extracts arrive (the drop directory first), handed over as bytes.
        .target(name: "Intake", dependencies: ["ReferralCore", "DropDirectory"]),
        // The PostgreSQL side: migrations, the loader, the ledger.
        .target(
            name: "ReferralStore",
            dependencies: ["ReferralCore", "PostgresLibPQ", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The monthly report card's renderers: text, JSON, HTML with inline SVG XmR charts.
        .target(name: "ReferralReport", dependencies: ["ReferralCore"]),
        // systemd: sd_notify (ready, status, watchdog), journald's native protocol, one-line logs.
        .target(name: "Systemd", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // The Prometheus metrics responder: loopback-only HTTP, one page.
        .target(
            name: "MetricsEndpoint",
            dependencies: [
                "ReferralConfig", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The per-file job (every route and command) and the daemon's services.
        .target(
            name: "ReferralDaemon",
            dependencies: [
                "ReferralCore", "ReferralConfig", "ReferralStore", "DropDirectory", "Intake", "PostgresLibPQ", "Systemd",
                "MeshClient", "Workbook",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "referrald",
            dependencies: [
                "ReferralCore", "ReferralConfig", "ReferralStore", "ReferralDaemon", "DropDirectory", "Intake", "PostgresLibPQ",
                "ReferralReport", "Systemd", "MetricsEndpoint", "MeshClient", "Workbook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["PostgresLibPQ"], path: "Tests/Support"),
        // The fuzz harnesses' code paths and invariants (scripts/fuzz), replayed by ReferralCoreTests.
        .target(name: "FuzzTargets", dependencies: ["ReferralCore", "Workbook"], path: "Fuzz/Targets"),
        .testTarget(
            name: "ReferralCoreTests",
            dependencies: ["ReferralCore", "FuzzTargets", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "ReferralConfigTests", dependencies: ["ReferralConfig", "Workbook"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PostgresLibPQTests", dependencies: ["PostgresLibPQ", "TestSupport"]),
        .testTarget(
            name: "ReferralStoreTests",
            dependencies: ["ReferralStore", "ReferralConfig", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "ReferralDaemonTests",
            dependencies: [
                "ReferralDaemon", "DropDirectory", "Intake", "ReferralConfig", "ReferralStore", "Systemd", "TestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd", "ReferralCore", "TestSupport"]),
        .testTarget(
            name: "MetricsEndpointTests",
            dependencies: [
                "MetricsEndpoint", "ReferralConfig", "TestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "ReferralReportTests", dependencies: ["ReferralReport", "ReferralCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
        .testTarget(name: "MeshClientTests", dependencies: ["MeshClient", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
