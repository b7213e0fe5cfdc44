import PolicyCore

/// libFuzzer entry: the reader must return a tree or findings with valid positions, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let document = JSONReader().read(bytes: bytes)
    for finding in document.findings {
        precondition(finding.range.start.line >= 1 && finding.range.start.column >= 1)
        precondition(finding.range.start.offset <= size)
    }
    precondition(document.root != nil || !document.findings.isEmpty, "no tree and no reason")
    return 0
}
