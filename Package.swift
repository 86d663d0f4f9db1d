// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "noc-report",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "noc-report", targets: ["noc-report"]),
        // For the fuzzing package in Fuzz/ (built only by `make fuzz`).
        .library(name: "Transcript", targets: ["Transcript"]),
        .library(name: "Render", targets: ["Render"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "Transcript"),
        .target(
            name: "Render",
            dependencies: [
                "Transcript", "CCMark",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "noc-report",
            dependencies: [
                "Transcript", "Render",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TranscriptTests", dependencies: ["Transcript"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Transcript"], resources: [.copy("Golden")]),
        // Runs the built executable; `swift build --build-tests` builds it first.
        .testTarget(name: "CLITests", dependencies: ["noc-report"]),
    ]
)
