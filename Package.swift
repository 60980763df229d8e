// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Giftwise",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Giftwise", targets: ["Giftwise"]),
        .executable(name: "giftwise", targets: ["giftwise-cli"]),
        .executable(name: "giftwise-bench", targets: ["giftwise-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `swift package generate-documentation --target Giftwise` (a plugin: nothing of it is linked).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    ],
    targets: [
        .target(
            name: "Giftwise",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the importer's hot loop (binding without boxing every value).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "GiftwiseEmbeddings",
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            plugins: [.plugin(name: "EmbedCatalog")]
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
        // Benchmarks in-process latency (Benchmarks/run.sh drives it); small, depends only on the library.
        .executableTarget(name: "giftwise-bench", dependencies: ["Giftwise"], path: "Sources/giftwise-bench"),
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
            name: "GiftwiseCLITests",
            dependencies: ["giftwise-cli", "Giftwise"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
