// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bouncewatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bouncewatch", targets: ["bouncewatch"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Pure decisions: parsing, classification, aggregation. No I/O, no clock.
        .target(name: "BounceCore"),
        // Reading logs: plain and gzip files, later inotify and the journal.
        .target(name: "BounceIngest", dependencies: ["BounceCore", "CZlib", "CSystemd"]),
        // Reports and the Prometheus text format.
        .target(name: "BounceOutput", dependencies: ["BounceCore"]),
        // Command implementations and daemon wiring.
        .target(name: "BounceApp", dependencies: ["BounceCore", "BounceIngest", "BounceOutput"]),
        .executableTarget(
            name: "bouncewatch",
            dependencies: [
                "BounceApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "BounceCoreTests", dependencies: ["BounceCore"]),
        .testTarget(name: "BounceIngestTests", dependencies: ["BounceIngest"]),
        .testTarget(name: "BounceOutputTests", dependencies: ["BounceOutput"]),
        .testTarget(name: "BounceAppTests", dependencies: ["BounceApp"]),
    ],
    swiftLanguageModes: [.v6]
)
