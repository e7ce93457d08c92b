// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Haven",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "haven", targets: ["haven"]),
        .library(name: "HavenCore", targets: ["HavenCore"]),
        .library(name: "HavenService", targets: ["HavenService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.25.0"),
    ],
    targets: [
        // Foundation only: domain values, classification, policy and regions model, catalogue.
        .target(name: "HavenCore", dependencies: ["HavenLinear", .product(name: "Yams", package: "Yams")]),
        // The linear-programming audit of suppressed tables (no dependencies). Optimised in
        // every configuration: a debug build's unoptimised simplex is ~20× slower, and the
        // audit runs on every suppressed query and in the tests.
        .target(name: "HavenLinear", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Key hierarchy, field encryption, blind index, audit-chain hashing. swift-crypto only.
        .target(name: "HavenCrypto", dependencies: [
            "HavenCore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // The wire model: Codable requests and responses shared by `--json` and the HTTP API, and
        // the HavenClient protocol every face calls through.
        .target(name: "HavenAPI", dependencies: ["HavenCore"]),
        // The Store protocol, stored record types and errors.
        .target(name: "HavenStore", dependencies: ["HavenCore"]),
        // Store on SQLite through GRDB (system libsqlite3).
        .target(name: "HavenSQLite", dependencies: [
            "HavenStore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Store on PostgreSQL through postgres-nio (issue #13): synchronous bodies on the store's own
        // threads, one pooled connection each, writers serialised by an advisory lock.
        .target(name: "HavenPostgres", dependencies: [
            "HavenCore", "HavenStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The use cases. Each takes an Actor, checks permission, runs in one transaction, audits.
        .target(name: "HavenService", dependencies: [
            "HavenAPI", "HavenCore", "HavenCrypto", "HavenStore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The HTTP face (`haven serve`): /v1 over the same use cases, health, readiness, metrics.
        .target(name: "HavenServer", dependencies: [
            "HavenAPI", "HavenCore", "HavenService",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // HavenClient over HTTP(S), for the CLI's `--store https://…`.
        .target(name: "HavenRemote", dependencies: [
            "HavenAPI", "HavenCore", "HavenService",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // The CLI: parses, builds the context (picking the engine), calls a service, prints.
        .executableTarget(name: "haven", dependencies: [
            "HavenAPI", "HavenService", "HavenSQLite", "HavenPostgres", "HavenServer", "HavenRemote",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Fixtures and builders, linked only by test targets.
        .target(name: "HavenTestSupport", dependencies: [
            "HavenAPI", "HavenCore", "HavenCrypto", "HavenStore", "HavenSQLite", "HavenPostgres", "HavenService",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Benchmarks: `swift run -c release haven-bench`.
        .executableTarget(name: "haven-bench", dependencies: [
            "HavenAPI", "HavenService", "HavenSQLite", "HavenCrypto", "HavenTestSupport", "HavenServer",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], path: "Benchmarks/haven-bench"),

        .testTarget(name: "HavenCoreTests", dependencies: ["HavenAPI", "HavenCore", "HavenLinear", "HavenTestSupport"]),
        .testTarget(name: "HavenCryptoTests", dependencies: ["HavenCrypto", "HavenTestSupport"]),
        .testTarget(name: "HavenSQLiteTests", dependencies: ["HavenSQLite", "HavenPostgres", "HavenStore", "HavenTestSupport"]),
        .testTarget(name: "HavenServiceTests", dependencies: [
            "HavenAPI", "HavenService", "HavenTestSupport", "HavenPostgres", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "HavenEndToEndTests", dependencies: ["HavenAPI", "HavenTestSupport", "HavenCore"]),
        .testTarget(name: "HavenServerTests", dependencies: [
            "HavenAPI", "HavenCore", "HavenService", "HavenServer", "HavenRemote", "HavenTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
