// swift-tools-version: 6.1
import PackageDescription

// Kept apart from the root package so that `swift test` and the CLI never build the benchmark
// harness and its dependencies.
let package = Package(
    name: "ecrlab-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ecrlab", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.0.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PolicyBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "PolicyCore", package: "ecrlab"),
            ],
            path: "Benchmarks/PolicyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "DecisionBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "PolicyCore", package: "ecrlab"),
            ],
            path: "Benchmarks/DecisionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
