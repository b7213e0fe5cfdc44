import PolicyCore

/// libFuzzer entry: one `explain --batch` line is decided or refused with a reason, never a crash,
/// under both models.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatchCase(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for model in EvaluationModel.allCases {
        var stream = BatchStream(model: model, blockSize: 1)
        var lines = 0
        stream.feed(bytes) { _ in lines += 1 }
        stream.finish { _ in lines += 1 }
    }
    return 0
}
