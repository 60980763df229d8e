// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Giftwise",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Giftwise", targets: ["Giftwise"]),
        .executable(name: "giftwise", targets: ["giftwise-cli"]),
        .executable(name: "giftwise-bench", targets: ["giftwise-bench"]),
        // The HTTP service (`giftwise serve` hands over to it): its own binary so the CLI
        // does not carry SwiftNIO's start-up cost.
        .executable(name: "giftwise-server", targets: ["giftwise-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `swift package generate-documentation --target Giftwise` (a plugin: nothing of it is linked).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        // Already in Hummingbird's graph; named for the slow-client read timeout (a channel handler).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .target(
            name: "Giftwise",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the importer's hot loop (binding without boxing every value).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "GiftwiseEmbeddings",
                "GiftwiseSystem",
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            plugins: [.plugin(name: "EmbedCatalog")]
        ),
        // Process-wide SQLite settings (`sqlite3_config` is variadic: Swift cannot call it), which
        // the CLI applies before its first database (the library never changes its host's SQLite).
        .target(
            name: "GiftwiseSystem",
            dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // The semantic signal's word-piece embedding table (tools/distill_embeddings.py), linked in
        // as raw bytes by an assembler .incbin: no giant literal for a compiler to type-check.
        .target(
            name: "GiftwiseEmbeddings",
            exclude: ["semantic-table.bin", "LICENSE", "NOTICE"],
            cSettings: [.headerSearchPath(".")]  // where .incbin finds semantic-table.bin
        ),
        .executableTarget(
            name: "giftwise-cli",
            dependencies: [
                "Giftwise",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // The HTTP service as a library (routes, problem documents, limits), so tests can start it
        // in-process on a free port.
        .target(
            name: "GiftwiseServer",
            dependencies: [
                "Giftwise",
                "GiftwiseWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "giftwise-server",
            dependencies: [
                "GiftwiseServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // The web gift finder (DESIGN §6): pages, assets and routing as plain request → response, so
        // any HTTP server can mount it; templates and assets are compiled in (no resource bundle).
        .target(
            name: "GiftwiseWeb",
            dependencies: ["Giftwise", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // Benchmarks in-process latency (Benchmarks/run.sh drives it); small, depends only on the library.
        .executableTarget(
            name: "giftwise-bench",
            dependencies: ["Giftwise", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/giftwise-bench"),
        // The in-process recommend rate Benchmarks/service.sh compares the server with (same profiles).
        .executableTarget(name: "service-bench", dependencies: ["Giftwise"], path: "Sources/service-bench"),
        // Times the semantic signal in-process (Benchmarks/semantic.sh drives it).
        .executableTarget(
            name: "semantic-bench",
            dependencies: ["Giftwise", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/semantic-bench"
        ),
        // Turns catalog/products.csv, interests.json and ideas.json into Swift source compiled into the
        // library, so the default catalog travels inside every binary (no resource bundle to lose).
        .executableTarget(name: "EmbedCatalogTool"),
        .plugin(
            name: "EmbedCatalog",
            capability: .buildTool(),
            dependencies: ["EmbedCatalogTool"]
        ),
        .testTarget(
            name: "GiftwiseTests",
            dependencies: ["Giftwise"],
            resources: [.copy("Fixtures")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "GiftwiseWebTests",
            dependencies: ["GiftwiseWeb", "Giftwise"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "GiftwiseCLITests",
            dependencies: ["giftwise-cli", "Giftwise"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "GiftwiseServerTests",
            // The two executables: the tests compare with the real CLI and start `giftwise serve`.
            dependencies: ["GiftwiseServer", "Giftwise", "giftwise-cli", "giftwise-server"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
