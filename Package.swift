// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "noc-report",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "noc-report", targets: ["noc-report"]),
        // For the micro-benchmarks (Benchmarks/) and the fuzzing package (Fuzz/).
        .library(name: "Transcript", targets: ["Transcript"]),
        .library(name: "Render", targets: ["Render"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Rule files in YAML (libyaml); read once per run, never on the hot path.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // HeapModule: the merge of the manifest entries' sorted runs.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // Test-only: the reference Mustache engine for the differential test.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The code that needs pointers or libc (docs/architecture.md, "Bytes"):
        // SIMD searches, the memory-mapped reader and its SIGBUS guard, the
        // few file system calls. Nothing else uses Unsafe or Glibc.
        .target(name: "ByteLevel"),
        // mimalloc's option calls (the executable's allocator tuning), Linux only.
        .systemLibrary(
            name: "CMimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        .target(
            name: "Transcript",
            dependencies: [
                "ByteLevel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "Render",
            dependencies: ["ByteLevel", "Transcript", "CCMark"],
            exclude: ["Resources/templates/README.md"],
            // Compiled into the binary as byte arrays (`PackageResources`), so
            // the tool works from any folder with no bundle beside it. SwiftPM
            // takes resources only inside the target: Resources/templates is a
            // link to the top-level templates/ folder users read and copy.
            resources: [.embedInCode("Resources/templates")]
        ),
        .executableTarget(
            name: "noc-report",
            dependencies: [
                "ByteLevel", "Transcript", "Render",
                .target(name: "CMimalloc", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            // mimalloc (Debian's libmimalloc-dev) replaces glibc's malloc for
            // the whole process, Swift runtime and libcmark included: a render
            // allocates and frees millions of small blocks, and glibc's
            // allocator took about 13 % of its instructions (README, Performance).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "ByteLevelTests", dependencies: ["ByteLevel"]),
        .testTarget(name: "TranscriptTests", dependencies: ["Transcript"], resources: [.copy("Fixtures")]),
        // swift-mustache only here: the differential test of the template engine.
        .testTarget(
            name: "RenderTests",
            dependencies: ["Render", "Transcript", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Golden")]
        ),
        // Runs the built executable; `swift build --build-tests` builds it first.
        .testTarget(name: "CLITests", dependencies: ["noc-report"], exclude: ["Fixtures"]),
    ]
)

// Micro-benchmarks of the parse, replay and render stages (ordo-one/benchmark),
// only when asked for (`make microbench`), so `make test` and CI never build
// the benchmark framework.
if Context.environment["NOC_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "Pipeline",
            dependencies: ["Transcript", "Render", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Pipeline",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
}
