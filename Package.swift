// swift-tools-version: 6.2
import PackageDescription

// Layering (dependencies point downward only):
//   herald → HeraldGateway → HeraldPosix, HeraldTLS, HeraldCompression, HeraldProtocol, HeraldBroker
//   HeraldProtocol and HeraldBroker are pure: no syscalls, no Foundation, no dependencies.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Herald",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "herald", targets: ["herald"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // C shims: Linux syscall headers Glibc does not expose, OpenSSL and zlib macros.
        .target(name: "CHeraldLinux"),
        .target(
            name: "CHeraldOpenSSL",
            linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]
        ),
        .target(name: "CHeraldZlib", linkerSettings: [.linkedLibrary("z")]),

        // The only Swift target that makes syscalls.
        .target(name: "HeraldPosix", dependencies: ["CHeraldLinux"], swiftSettings: swiftSettings),
        .target(name: "HeraldTLS", dependencies: ["CHeraldOpenSSL"], swiftSettings: swiftSettings),
        .target(
            name: "HeraldCompression", dependencies: ["CHeraldZlib", "HeraldProtocol"], swiftSettings: swiftSettings),

        // Pure targets.
        .target(name: "HeraldProtocol", swiftSettings: swiftSettings),
        .target(name: "HeraldBroker", swiftSettings: swiftSettings),
        .target(name: "HeraldFilter", dependencies: ["HeraldProtocol"], swiftSettings: swiftSettings),

        .target(
            name: "HeraldGateway",
            dependencies: [
                "HeraldPosix", "HeraldTLS", "HeraldCompression", "HeraldProtocol", "HeraldBroker", "HeraldFilter",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // WebSocket and HTTP client engine: the load generator (`herald bench`), later `watch`.
        .target(
            name: "HeraldClient",
            dependencies: [
                "HeraldPosix", "HeraldProtocol", "HeraldTLS", "HeraldCompression",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "herald",
            dependencies: [
                "HeraldGateway",
                "HeraldClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "HeraldProtocolTests", dependencies: ["HeraldProtocol", "HeraldTLS"], swiftSettings: swiftSettings),
        .testTarget(name: "HeraldBrokerTests", dependencies: ["HeraldBroker"], swiftSettings: swiftSettings),
        .testTarget(name: "HeraldFilterTests", dependencies: ["HeraldFilter"], swiftSettings: swiftSettings),
        // What several test targets share: a throwaway certificate, a process runner.
        .target(name: "HeraldTestSupport", path: "Tests/HeraldTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "HeraldTLSTests", dependencies: ["HeraldTLS", "CHeraldOpenSSL", "HeraldTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HeraldCompressionTests", dependencies: ["HeraldCompression", "HeraldProtocol"],
            swiftSettings: swiftSettings),
        .testTarget(name: "HeraldPosixTests", dependencies: ["HeraldPosix"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HeraldClientTests",
            dependencies: [
                "HeraldClient", "HeraldPosix", "HeraldProtocol", "HeraldTLS", "HeraldGateway", "HeraldCompression",
                "HeraldTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldGatewayTests",
            dependencies: [
                "HeraldGateway", "HeraldProtocol", "HeraldPosix", "HeraldBroker", "HeraldTLS", "HeraldClient",
                "CHeraldOpenSSL", "HeraldCompression", "HeraldTestSupport",
            ], swiftSettings: swiftSettings),
    ]
)
