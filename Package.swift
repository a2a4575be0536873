// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bouncewatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bouncewatch", targets: ["bouncewatch"])
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        // Already required by swift-service-lifecycle; named here because the daemon logs
        // through it directly.
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Headers only: libcurl is loaded with dlopen when a notifier first sends.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CYaml", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CAres", pkgConfig: "libcares", providers: [.apt(["libc-ares-dev"])]),
        // Pure decisions: parsing, classification, aggregation. No I/O, no clock.
        .target(name: "BounceCore"),
        // The operating system, once: clocks, the local zone, atomic files, paths, the host
        // name, the state lock, wake-ups, sd_notify, threads, DNS lookups (c-ares).
        .target(name: "BounceSystem", dependencies: ["BounceCore", "CSystemd", "CAres"]),
        // Reading logs: plain and gzip files, inotify and the journal.
        .target(
            name: "BounceIngest", dependencies: ["BounceCore", "BounceSystem", "CZlib", "CSystemd"]),
        // Reports and the Prometheus text format.
        .target(name: "BounceOutput", dependencies: ["BounceCore"]),
        // The YAML configuration file, validated into BounceCore's `Configuration`.
        .target(name: "BounceConfig", dependencies: ["BounceCore", "BounceSystem", "CYaml"]),
        // Sending alerts: sendmail, SMTP (with TLS), Alertmanager, mbox file.
        .target(name: "BounceNotify", dependencies: ["BounceCore", "BounceSystem", "CCurl"]),
        // The long-running service: sources, checkpoint, textfile, signals, sd_notify.
        .target(
            name: "BounceDaemon",
            dependencies: [
                "BounceCore", "BounceSystem", "BounceIngest", "BounceOutput", "BounceNotify",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Command implementations.
        .target(
            name: "BounceApp",
            dependencies: [
                "BounceCore", "BounceSystem", "BounceIngest", "BounceOutput", "BounceConfig",
                "BounceDaemon", "BounceNotify",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The command line: options, arguments, help and usage errors. Pure, no I/O.
        .target(name: "BounceCLI"),
        .executableTarget(
            name: "bouncewatch", dependencies: ["BounceApp", "BounceCLI", "BounceSystem"],
            linkerSettings: [
                // Size of the shipped binary (docs/benchmarks.md). The static Swift runtime's link
                // arguments export every symbol of the program (-export-dynamic): 9,800 dynamic
                // symbols, 0.9 MB of tables nothing reads, since nothing is loaded that links
                // back into the program. --icf=safe folds functions whose machine code is
                // identical and whose address is never taken (0.2 MB).
                .unsafeFlags(
                    ["-Xlinker", "--no-export-dynamic", "-Xlinker", "--icf=safe"],
                    .when(platforms: [.linux], configuration: .release))
            ]),
        // What several test targets share: scratch directories, golden files, the daemon's
        // line feed.
        .target(
            name: "BounceTestSupport", dependencies: ["BounceCore"],
            path: "Tests/BounceTestSupport"),
        .testTarget(name: "BounceCLITests", dependencies: ["BounceCLI"]),
        .testTarget(name: "BounceCoreTests", dependencies: ["BounceCore", "BounceTestSupport"]),
        .testTarget(
            name: "BounceSystemTests",
            dependencies: ["BounceSystem", "BounceCore", "BounceTestSupport"]),
        .testTarget(
            name: "BounceIngestTests",
            dependencies: ["BounceIngest", "BounceCore", "CZlib", "BounceTestSupport"]),
        .testTarget(
            name: "BounceOutputTests",
            dependencies: ["BounceOutput", "BounceCore", "BounceTestSupport"]),
        .testTarget(
            name: "BounceAppTests", dependencies: ["BounceApp", "BounceCore", "BounceTestSupport"]),
        .testTarget(
            name: "BounceConfigTests",
            dependencies: ["BounceConfig", "BounceCore", "BounceTestSupport"]),
        .testTarget(
            name: "BounceNotifyTests",
            dependencies: [
                "BounceNotify", "BounceSystem", "BounceCore", "BounceTestSupport",
            ]),
        .testTarget(
            name: "BounceDaemonTests",
            dependencies: [
                "BounceDaemon", "BounceCore", "BounceTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
