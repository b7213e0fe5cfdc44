#!/usr/bin/env bash
# Builds the libFuzzer targets against PolicyCore's sources and runs each for a while.
#
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET…]     (default 60 s, every target)
#
# Targets: JSONReaderFuzz, PolicyLintFuzz, BatchCaseFuzz. Corpora start from the test policies and
# scenario files and grow in Fuzz/out/<target>/corpus (ignored by git); crashes land in
# Fuzz/out/<target>/ and belong, once fixed, in Tests/PolicyCoreTests/Fuzz/Regressions.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(JSONReaderFuzz PolicyLintFuzz BatchCaseFuzz)

mkdir -p Fuzz/out
sources=$(find Sources/PolicyCore -name '*.swift' | sort)
for target in "${targets[@]}"; do
    out=Fuzz/out/$target
    mkdir -p "$out/corpus" "$out/module"
    if [ ! -x "$out/$target" ] || [ -n "$(find Sources/PolicyCore Fuzz/Targets -newer "$out/$target" -name '*.swift' | head -1)" ]; then
        echo "building $target"
        swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name PolicyCore -emit-library -static \
            -emit-module -emit-module-path "$out/module/PolicyCore.swiftmodule" -o "$out/libPolicyCore.a" $sources
        swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$out/module" -L "$out" -lPolicyCore \
            "Fuzz/Targets/$target.swift" -o "$out/$target"
    fi
    seeds=$out/seeds
    mkdir -p "$seeds"
    find labs solutions Tests/PolicyCoreTests/Scenarios -name '*.json' -size -64k -exec cp {} "$seeds/" \; 2>/dev/null || true
    if [ "$target" = BatchCaseFuzz ] && [ -f Tests/PolicyCoreTests/Fuzz/batch-seed.jsonl ]; then
        cp Tests/PolicyCoreTests/Fuzz/batch-seed.jsonl "$seeds/"
    fi
    echo "running $target for ${seconds}s"
    "$out/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus" "$seeds" 2>&1 | tee "$out/last-run.log" \
        | grep -E "^#[0-9]+ +(DONE|pulse)|cov:|stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY" | tail -6
done
