import PolicyCore

/// libFuzzer entry: every `explain --batch` line is decided or refused with a reason, never a crash,
/// under both models: one decides line by line, the other in blocks of the size the CLI uses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatchCase(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for (index, model) in EvaluationModel.allCases.enumerated() {
        var stream = index == 0 ? BatchStream(model: model, blockSize: 1) : BatchStream(model: model)
        var lines = 0
        stream.feed(bytes) { _ in lines += 1 }
        stream.finish { _ in lines += 1 }
    }
    return 0
}
