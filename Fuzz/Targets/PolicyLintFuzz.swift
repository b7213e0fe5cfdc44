import PolicyCore

/// libFuzzer entry: decoding and linting any bytes as either kind of policy, then compiling it,
/// must not crash, and every finding must point inside the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicyLint(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parsed = ParsedPolicy(name: "fuzz.json", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    for kind in PolicyKind.allCases {
        let report = Linter().lint(parsed, kind: kind)
        for finding in report.findings {
            precondition(finding.range.start.offset <= size && finding.range.end.offset <= size + 1)
        }
        _ = CompiledPolicy.compile(parsed, side: kind == .repository ? .repository : .identity)
    }
    return 0
}
