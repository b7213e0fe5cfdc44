import Benchmark
import PolicyCore

/// Issue 3's goals: one decision on the section's policy pair in at most 1 µs, a decision against a
/// 10,240-character policy of 50 statements with conditions, and a pathological glob that stays
/// linear (10 KB pattern against a 10 KB subject).
nonisolated(unsafe) let benchmarks = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    let section = DecisionFixtures.sectionAuthorizer()
    let push = DecisionFixtures.ciRequest(action: "ecr:PutImage")
    precondition(section.decide(push).outcome == .allow, "the section's pair must allow the CI user's push")
    Benchmark("decide: section policy pair (CI user, ecr:PutImage)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(section.decide(push))
        }
    }

    let large = DecisionFixtures.largeAuthorizer()
    let request = DecisionFixtures.largeRequest()
    precondition(large.decide(request).outcome == .allow, "the last statement must allow the request")
    Benchmark("decide: 10,240-char policy of 50 statements with conditions") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(large.decide(request))
        }
    }

    let pattern = WildcardPattern(String(repeating: "a*", count: 5_120), caseSensitive: true)
    let subject = String(repeating: "a", count: 10_239) + "b"
    Benchmark("glob: 10 KB pattern against a 10 KB subject", configuration: .init(timeUnits: .microseconds)) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(pattern.matches(subject))
        }
    }
}
