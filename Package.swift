// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ecrlab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ecrlab", targets: ["ecrlab"]),
        .library(name: "PolicyCore", targets: ["PolicyCore"]),
        .library(name: "LabKit", targets: ["LabKit"]),
        .library(name: "ProgressStore", targets: ["ProgressStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // The policy engine: Foundation only, so it can be embedded and fuzzed on its own.
        .target(name: "PolicyCore"),
        .target(name: "LabKit", dependencies: ["PolicyCore", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "ProgressStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // The learner's and the instructor's workflows: lab pack + grader + progress store together.
        .target(
            name: "Workshop",
            dependencies: [
                "PolicyCore", "LabKit", "ProgressStore",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .executableTarget(
            name: "ecrlab",
            dependencies: [
                "PolicyCore", "LabKit", "ProgressStore", "Workshop",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "PolicyCoreTests", dependencies: ["PolicyCore"], resources: [.copy("Scenarios")]),
        .testTarget(name: "LabKitTests", dependencies: ["LabKit"], exclude: ["Grading/Golden"], resources: [.copy("Fuzz/Regressions")]),
        .testTarget(name: "ProgressStoreTests", dependencies: ["ProgressStore"]),
        .testTarget(name: "WorkshopTests", dependencies: ["Workshop"]),
        .testTarget(name: "ecrlabTests", dependencies: ["PolicyCore", "LabKit", "ProgressStore"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
