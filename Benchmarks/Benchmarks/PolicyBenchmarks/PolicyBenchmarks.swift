import Benchmark
import PolicyCore

/// Issue 2's goal: reading and linting a repository policy at ECR's 10,240-character limit takes
/// at most 50 µs in a release build.
nonisolated(unsafe) let benchmarks = {
    let text = RepositoryPolicyText.make()
    precondition(text.count == 10_240, "the benchmark policy must sit exactly at ECR's limit")
    let bytes = Array(text.utf8)
    let report = Linter().lint(ParsedPolicy(name: "bench.json", bytes: bytes), kind: .repository)
    precondition(report.findings.isEmpty, "the benchmark policy must lint clean: \(report.findings)")

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

    Benchmark("read+lint 10 KB policy") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Linter().lint(ParsedPolicy(name: "bench.json", bytes: bytes), kind: .repository))
        }
    }
}
