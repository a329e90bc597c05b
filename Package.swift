// swift-tools-version: 6.1
import PackageDescription

// Layers (DESIGN.md): dependencies point down only.
//   quorum (CLI)
//   QuorumCoEval          (generated benchmarks: teachers, students, judges; its tables are the store's)
//   QuorumEvaluation, QuorumServer   (the server sits on the store, not on evaluation)
//   QuorumStore           (persistence: the RunStore seam, SQLite, its one migrator, served traces)
//   QuorumRuntime         (a config made live: models, systems, judges; owns their HTTP clients)
//   QuorumOrchestration   (depends on QuorumCore only: it works over the `ChatModel` seam and never needs HTTP)
//   QuorumProviders
//   QuorumCore
let package = Package(
    name: "Quorum",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quorum", targets: ["quorum"]),
        .library(name: "QuorumCore", targets: ["QuorumCore"]),
        .library(name: "QuorumProviders", targets: ["QuorumProviders"]),
        .library(name: "QuorumOrchestration", targets: ["QuorumOrchestration"]),
        .library(name: "QuorumRuntime", targets: ["QuorumRuntime"]),
        .library(name: "QuorumStore", targets: ["QuorumStore"]),
        .library(name: "QuorumEvaluation", targets: ["QuorumEvaluation"]),
        .library(name: "QuorumCoEval", targets: ["QuorumCoEval"]),
        .library(name: "QuorumServer", targets: ["QuorumServer"]),
        .library(name: "QuorumTesting", targets: ["QuorumTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
    ],
    targets: [
        .target(
            name: "QuorumCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "QuorumProviders",
            dependencies: [
                "QuorumCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "QuorumOrchestration",
            dependencies: [
                "QuorumCore",
                .product(name: "Logging", package: "swift-log"),
                // The response cache's keys are SHA-256 digests.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "QuorumRuntime",
            dependencies: [
                "QuorumCore",
                "QuorumProviders",
                "QuorumOrchestration",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "QuorumStore",
            dependencies: [
                "QuorumCore",
                "QuorumProviders",
                "QuorumOrchestration",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "QuorumEvaluation",
            dependencies: [
                "QuorumCore",
                "QuorumProviders",
                "QuorumOrchestration",
                "QuorumRuntime",
                "QuorumStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        // CoEval: its reports and statistics come from QuorumEvaluation, its tables from QuorumStore's one migrator.
        .target(
            name: "QuorumCoEval",
            dependencies: [
                "QuorumCore",
                "QuorumProviders",
                "QuorumOrchestration",
                "QuorumStore",
                "QuorumEvaluation",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "QuorumServer",
            dependencies: [
                "QuorumCore",
                "QuorumProviders",
                "QuorumOrchestration",
                "QuorumRuntime",
                "QuorumStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `quorum view`: the local web app over a store (runs, traces, side by side, judging by hand).
        .target(
            name: "QuorumView",
            dependencies: [
                "QuorumCore",
                "QuorumOrchestration",
                "QuorumStore",
                "QuorumEvaluation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Stub servers that speak a vendor's wire format, scripted models, a throwaway store: for tests and benchmarks only.
        .target(
            name: "QuorumTesting",
            dependencies: [
                "QuorumCore",
                "QuorumOrchestration",
                "QuorumStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // What `quorum bench` measures, kept out of the library products.
        .target(
            name: "QuorumBenchmarks",
            dependencies: [
                "QuorumCore",
                "QuorumProviders",
                "QuorumOrchestration",
                "QuorumStore",
                "QuorumEvaluation",
                "QuorumTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "quorum",
            dependencies: [
                "QuorumCore",
                "QuorumProviders",
                "QuorumOrchestration",
                "QuorumRuntime",
                "QuorumStore",
                "QuorumEvaluation",
                "QuorumCoEval",
                "QuorumServer",
                "QuorumView",
                "QuorumBenchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "QuorumCoreTests", dependencies: ["QuorumCore"]),
        .testTarget(name: "QuorumProvidersTests", dependencies: ["QuorumProviders", "QuorumCore", "QuorumTesting",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio")]),
        .testTarget(name: "QuorumOrchestrationTests", dependencies: ["QuorumOrchestration", "QuorumCore", "QuorumTesting"]),
        .testTarget(name: "QuorumEvaluationTests", dependencies: ["QuorumEvaluation", "QuorumStore", "QuorumOrchestration", "QuorumCore",
            "QuorumTesting", "QuorumBenchmarks", "QuorumView",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "QuorumStoreTests", dependencies: ["QuorumStore", "QuorumOrchestration", "QuorumCore", "QuorumTesting",
            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "QuorumCoEvalTests", dependencies: ["QuorumCoEval", "QuorumEvaluation", "QuorumStore", "QuorumOrchestration", "QuorumProviders",
            "QuorumCore", "QuorumTesting"]),
        .testTarget(name: "QuorumServerTests", dependencies: ["QuorumServer", "QuorumStore", "QuorumProviders", "QuorumTesting",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        // Slow tests against real servers (llama.cpp, MLflow, PostgreSQL): run by `make test-live`.
        .testTarget(name: "QuorumLiveTests", dependencies: ["QuorumCore", "QuorumProviders", "QuorumOrchestration", "QuorumRuntime", "QuorumStore",
            "QuorumEvaluation", "QuorumCoEval", "QuorumServer", "QuorumTesting", "QuorumBenchmarks",
            .product(name: "AsyncHTTPClient", package: "async-http-client")],
            exclude: ["Python"]),
    ],
    swiftLanguageModes: [.v6]
)
