// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Giftwise",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Giftwise", targets: ["Giftwise"]),
        .library(name: "GiftwiseWeb", targets: ["GiftwiseWeb"]),
        .executable(name: "giftwise", targets: ["giftwise-cli"]),
        .executable(name: "giftwise-bench", targets: ["giftwise-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .target(
            name: "Giftwise",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the importer's hot loop (binding without boxing every value).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            plugins: [.plugin(name: "EmbedCatalog")]
        ),
        .executableTarget(
            name: "giftwise-cli",
            dependencies: [
                "Giftwise",
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
        .executableTarget(name: "giftwise-bench", dependencies: ["Giftwise"], path: "Sources/giftwise-bench"),
        // Turns catalog/*.csv and catalog/interests.json into Swift source compiled into the
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
    ],
    swiftLanguageModes: [.v6]
)
