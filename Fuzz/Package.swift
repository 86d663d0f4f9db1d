// swift-tools-version:6.1
// The libFuzzer target, kept out of the main package so that `swift build`
// and `make test` never build it. `make fuzz` builds and runs it.
import PackageDescription

let package = Package(
    name: "noc-report-fuzz",
    dependencies: [
        .package(name: "noc-report", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "noc-report-fuzz",
            dependencies: [
                .product(name: "Transcript", package: "noc-report"),
                .product(name: "Render", package: "noc-report"),
            ]
        ),
    ]
)
