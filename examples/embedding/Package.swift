// swift-tools-version:6.1
// A program that embeds stackq as a library: it starts the sandbox, lists sessions, streams rows and binds
// parameters. It depends on the stackq package by path, as an app in the same checkout would.
import PackageDescription

let package = Package(
    name: "embedding",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "stackq", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "embedding",
            dependencies: [
                .product(name: "StackQ", package: "stackq"),
                .product(name: "StackQEmulator", package: "stackq"),
            ]
        ),
    ]
)
