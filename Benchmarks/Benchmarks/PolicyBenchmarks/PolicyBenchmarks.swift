import Benchmark
import PolicyCore

/// Issue 2's goal: reading and linting a repository policy at ECR's 10,240-character limit takes
/// at most 50 µs in a release build.
nonisolated(unsafe) let benchmarks = {
    let text = RepositoryPolicyText.make()
    precondition(text.count == 10_240, "the benchmark policy must sit exactly at ECR's limit")
    let bytes = Array(text.utf8)
    let checked = ParsedPolicy(name: "bench.json", bytes: bytes)
    precondition(checked.policy != nil && !checked.findings.hasErrors, "the benchmark policy must decode cleanly")

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )

    Benchmark("read 10 KB policy") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(JSONReader().read(bytes))
        }
    }

    Benchmark("read+decode 10 KB policy") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ParsedPolicy(name: "bench.json", bytes: bytes))
        }
    }

    // READ+LINT: add here once `Linter` is on main, e.g.
    // Benchmark("read+lint 10 KB policy") { benchmark in
    //     for _ in benchmark.scaledIterations {
    //         let parsed = ParsedPolicy(name: "bench.json", bytes: bytes)
    //         blackHole(Linter().lint(parsed, kind: .repository))
    //     }
    // }
}
