/// Evaluates a JSON Lines stream case by case, with memory bounded by the longest line rather than
/// the stream: chunks go in, one result line per case comes out, in order.
public struct BatchStream: Sendable {
    public let model: EvaluationModel
    let reader: JSONReader
    private var pending: [UInt8] = []
    /// Set while skipping the rest of a line that outgrew the reader's limit.
    private var discarding = false

    public init(model: EvaluationModel, reader: JSONReader = JSONReader()) {
        self.model = model
        self.reader = reader
    }

    /// Feeds bytes; `emit` receives each result line (without its newline).
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, emit: (String) -> Void) {
        var start = 0
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let piece = UnsafeBufferPointer(rebasing: chunk[start..<newline])
            if discarding {
                discarding = false
            } else if pending.isEmpty {
                evaluate(piece, emit: emit)
            } else {
                pending.append(contentsOf: piece)
                pending.withUnsafeBufferPointer { evaluate($0, emit: emit) }
                pending.removeAll(keepingCapacity: true)
            }
            start = newline + 1
        }
        guard !discarding, start < chunk.count else { return }
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start...]))
        if pending.count > reader.maximumSize {
            emit(BatchOutput.line(forError: "the case is longer than \(reader.maximumSize) bytes"))
            pending.removeAll(keepingCapacity: false)
            discarding = true
        }
    }

    /// Evaluates a last line that had no newline.
    public mutating func finish(emit: (String) -> Void) {
        if !pending.isEmpty, !discarding { pending.withUnsafeBufferPointer { evaluate($0, emit: emit) } }
        pending.removeAll()
        discarding = false
    }

    /// Blank lines are not cases and produce no output.
    private func evaluate(_ line: UnsafeBufferPointer<UInt8>, emit: (String) -> Void) {
        guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") })
        else { return }
        switch BatchCase.parse(document: reader.read(bytes: line)) {
        case .success(let batchCase): emit(BatchOutput.line(for: batchCase.decide(defaultModel: model)))
        case .failure(let unusable): emit(BatchOutput.line(forError: unusable.message))
        }
    }
}
