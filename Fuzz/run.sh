#!/usr/bin/env bash
# Builds the libFuzzer + AddressSanitizer targets and runs each in turn for a while.
#
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET…]     (default 60 s, every target)
#
# Targets: JSONReaderFuzz, PolicyLintFuzz, BatchCaseFuzz (PolicyCore alone) and LabLoaderFuzz (LabKit with
# Yams and its C parser, all instrumented). Libraries are built once into Fuzz/out/lib and rebuilt when a
# source is newer. Corpora grow in Fuzz/out/<target>/corpus (ignored by git); crashes, timeouts and
# out-of-memory inputs land in Fuzz/out/<target>/. Fuzz/README.md says how to keep one as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(JSONReaderFuzz PolicyLintFuzz BatchCaseFuzz LabLoaderFuzz)

lib=Fuzz/out/lib
mkdir -p "$lib"
swift_flags=(-O -sanitize=fuzzer,address -parse-as-library)

# True when $1 is missing or older than any file under the other arguments.
stale() {
    local output=$1
    shift
    [ ! -e "$output" ] || [ -n "$(find "$@" -type f -newer "$output" | head -1)" ]
}

# swift_library NAME SOURCE_FOLDER [SWIFTC_FLAGS…]: a static library and its module in $lib.
swift_library() {
    local name=$1 folder=$2
    shift 2
    if stale "$lib/lib$name.a" "$folder"; then
        echo "building $name"
        # shellcheck disable=SC2046  # file names in Sources have no spaces
        swiftc "${swift_flags[@]}" "$@" -I "$lib" -module-name "$name" -emit-library -static \
            -emit-module -emit-module-path "$lib/$name.swiftmodule" -o "$lib/lib$name.a" \
            $(find "$folder" -name '*.swift' | sort)
    fi
}

build_policy_core() {
    swift_library PolicyCore Sources/PolicyCore -swift-version 6
}

build_lab_kit() {
    build_policy_core
    local yams=.build/checkouts/Yams/Sources
    if [ ! -d "$yams" ]; then
        echo "resolving packages for the Yams sources"
        swift package resolve
    fi
    if stale "$lib/libCYaml.a" "$yams/CYaml"; then
        echo "building CYaml"
        rm -rf "$lib/cyaml" && mkdir -p "$lib/cyaml"
        for source in "$yams"/CYaml/src/*.c; do
            clang -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" \
                -c "$source" -o "$lib/cyaml/$(basename "$source" .c).o"
        done
        rm -f "$lib/libCYaml.a"
        ar rcs "$lib/libCYaml.a" "$lib"/cyaml/*.o
    fi
    # Yams imports its C module (found through the module map) only when built as a package; it is Swift 5 code.
    swift_library Yams "$yams/Yams" -DSWIFT_PACKAGE -I "$yams/CYaml/include" -Xcc -DYAML_DECLARE_STATIC
    if stale "$lib/libLabKit.a" Sources/LabKit "$lib/libYams.a" "$lib/libPolicyCore.a"; then rm -f "$lib/libLabKit.a"; fi
    # Testing is enabled so the target can reach the loader's internals (a task read from text, not a file).
    swift_library LabKit Sources/LabKit -swift-version 6 -enable-testing -I "$yams/CYaml/include" -Xcc -DYAML_DECLARE_STATIC
}

build_target() {
    local target=$1 out=Fuzz/out/$1
    local libraries=(-lPolicyCore)
    if [ "$target" = LabLoaderFuzz ]; then
        build_lab_kit
        libraries=(-lLabKit -lYams -lCYaml -lPolicyCore -I .build/checkouts/Yams/Sources/CYaml/include)
    else
        build_policy_core
    fi
    if stale "$out/$target" "Fuzz/Targets/$target.swift" "$lib"; then
        echo "building $target"
        # gold warns once per sanitizer helper it cannot export; the warnings say nothing about the target.
        swiftc "${swift_flags[@]}" -I "$lib" -L "$lib" "${libraries[@]}" "Fuzz/Targets/$target.swift" -o "$out/$target" \
            2> >(grep -v "Cannot export local symbol" >&2)
    fi
}

# The seeds of a target: the pack's own files, the test fixtures, and Fuzz/Seeds/<name without Fuzz>.
collect_seeds() {
    local target=$1 seeds=$2
    if [ "$target" = LabLoaderFuzz ]; then
        find labs solutions -name '*.yaml' -size -64k -print0 |
            while IFS= read -r -d '' file; do cp "$file" "$seeds/$(echo "$file" | tr / _)"; done
    else
        find labs solutions Tests/PolicyCoreTests/Scenarios -name '*.json' -size -64k -exec cp {} "$seeds/" \;
    fi
    local own=Fuzz/Seeds/${target%Fuzz}
    if [ -d "$own" ]; then cp "$own"/* "$seeds/"; fi
}

for target in "${targets[@]}"; do
    if [ ! -f "Fuzz/Targets/$target.swift" ]; then
        echo "no target $target; there are: $(cd Fuzz/Targets && ls ./*.swift | sed 's|\./||; s|\.swift||' | tr '\n' ' ')" >&2
        exit 2
    fi
    out=Fuzz/out/$target
    mkdir -p "$out/corpus" "$out/seeds"
    build_target "$target"
    collect_seeds "$target" "$out/seeds"
    dictionary=()
    if [ -f "Fuzz/Dictionaries/${target%Fuzz}.dict" ]; then dictionary=(-dict="Fuzz/Dictionaries/${target%Fuzz}.dict"); fi
    echo "running $target for ${seconds}s"
    "$out/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 "${dictionary[@]}" \
        -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus" "$out/seeds" 2>&1 | tee "$out/last-run.log" \
        | grep -E "^#[0-9]+ +(DONE|pulse)|cov:|stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY" | tail -6
done
