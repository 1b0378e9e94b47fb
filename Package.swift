// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "stackq",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "StackQ", targets: ["StackQ"]),
        .library(name: "StackQSyntax", targets: ["StackQSyntax"]),
        .library(name: "StackQEmulator", targets: ["StackQEmulator"]),
        .library(name: "StackQTesting", targets: ["StackQTesting"]),
        .library(name: "StackQServer", targets: ["StackQServer"]),
        .library(name: "StackQMCP", targets: ["StackQMCP"]),
        .library(name: "StackQSync", targets: ["StackQSync"]),
        .executable(name: "stackq", targets: ["stackq"]),
        .executable(name: "stackq-mcp", targets: ["StackQMCPCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "StackQSyntax",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StackQ",
            dependencies: [
                "CSQLite",
                "CZlib",
                "StackQSyntax",
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StackQEmulator",
            dependencies: [
                "StackQ",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StackQTesting",
            dependencies: [
                "StackQ",
                "StackQEmulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("seed.json")],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL wire protocol server (`stackq serve`): an embedder of StackQ pays for none of it.
        .target(
            name: "StackQServer",
            dependencies: [
                "CSQLite",
                "StackQ",
                "StackQSyntax",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // The MCP server (`stackq mcp`) on the official Swift SDK.
        .target(
            name: "StackQMCP",
            dependencies: [
                "StackQ",
                "StackQSyntax",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // `stackq sync`: a statement's rows into PostgreSQL through postgres-nio, as a snapshot replaced atomically.
        .target(
            name: "StackQSync",
            dependencies: [
                "StackQ",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: swiftSettings
        ),
        // The options and output every command shares: `stackq` and `stackq-mcp`.
        .target(
            name: "StackQCommandLine",
            dependencies: [
                "StackQ",
                "StackQEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // `stackq mcp` is this program (`stackq` runs it in its place), so that the MCP SDK's FoundationNetworking
        // and libcurl load only here, not in every `stackq` process.
        .executableTarget(
            name: "StackQMCPCommand",
            dependencies: [
                "StackQCommandLine",
                "StackQ",
                "StackQEmulator",
                "StackQMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "stackq",
            dependencies: [
                "StackQCommandLine",
                "StackQSync",
                "CEditLine",
                "StackQ",
                "StackQEmulator",
                "StackQSyntax",
                "StackQServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ParserBench",
            dependencies: ["StackQSyntax"],
            path: "benchmarks/ParserBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "RegistryBench",
            dependencies: ["StackQ"],
            path: "benchmarks/RegistryBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "EmulatorBench",
            dependencies: ["StackQ", "StackQEmulator", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio")],
            path: "benchmarks/EmulatorBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TransportBench",
            dependencies: ["StackQ", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTPCompression", package: "swift-nio-extras")],
            path: "benchmarks/TransportBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SelectBench",
            dependencies: ["StackQ", "StackQEmulator"],
            path: "benchmarks/SelectBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ServerBench",
            dependencies: ["StackQ", "StackQEmulator", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Logging", package: "swift-log")],
            path: "benchmarks/ServerBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "OrgScaleBench",
            dependencies: ["StackQ", "StackQEmulator", "StackQSync", .product(name: "Logging", package: "swift-log")],
            path: "benchmarks/OrgScaleBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StackQSyntaxTests",
            dependencies: ["StackQSyntax"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StackQTests",
            dependencies: [
                "StackQ", "StackQEmulator", "StackQSyntax", "StackQTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StackQEmulatorTests",
            dependencies: [
                "StackQ", "StackQEmulator", "StackQTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "stackqCLITests",
            dependencies: ["stackq", "StackQCommandLine", "StackQ", "StackQEmulator", "StackQTesting", .product(name: "_CryptoExtras", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
            .testTarget(
            name: "StackQServerTests",
            dependencies: [
                "StackQ", "StackQServer", "StackQTesting", "StackQEmulator",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StackQSyncTests",
            dependencies: [
                "StackQ", "StackQSync", "StackQTesting", "StackQEmulator",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StackQMCPTests",
            dependencies: [
                "StackQ", "StackQMCP", "StackQTesting",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
