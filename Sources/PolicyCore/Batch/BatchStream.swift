import Dispatch
import Foundation

/// Evaluates a JSON Lines stream case by case, with memory bounded by a block of lines rather than
/// the stream: chunks go in, one result line per case comes out, in input order.
///
/// Cases are independent, so a block of lines is decided on every core at once and its results
/// are emitted in order before the next block is read.
public struct BatchStream: Sendable {
    public let model: EvaluationModel
    let reader: JSONReader
    let blockSize: Int
    /// Complete lines waiting to be decided, as one buffer plus the end offset of each line.
    private var block: [UInt8] = []
    private var lineEnds: [Int] = []
    /// Bytes of a line whose newline has not arrived yet.
    private var partial: [UInt8] = []
    /// Set while skipping the rest of a line that outgrew the reader's limit.
    private var discarding = false
    /// A result for an over-long line, kept in order with the block's other results.
    private var oversized: Set<Int> = []

    public init(model: EvaluationModel, reader: JSONReader = JSONReader(), blockSize: Int = 2048) {
        self.model = model
        self.reader = reader
        self.blockSize = max(1, blockSize)
    }

    /// Feeds bytes; `emit` receives each result line (without its newline).
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, emit: (String) -> Void) {
        var start = 0
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if discarding {
                discarding = false
            } else {
                block.append(contentsOf: partial)
                block.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<newline]))
                partial.removeAll(keepingCapacity: true)
                lineEnds.append(block.count)
                if lineEnds.count >= blockSize { flush(emit: emit) }
            }
            start = newline + 1
        }
        guard !discarding, start < chunk.count else { return }
        partial.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start...]))
        if partial.count > reader.maximumSize {
            partial.removeAll(keepingCapacity: false)
            oversized.insert(lineEnds.count)
            lineEnds.append(block.count)
            discarding = true
        }
    }

    /// Decides what is left, including a last line that had no newline.
    public mutating func finish(emit: (String) -> Void) {
        if !partial.isEmpty, !discarding {
            block.append(contentsOf: partial)
            lineEnds.append(block.count)
        }
        partial.removeAll()
        discarding = false
        flush(emit: emit)
    }

    private mutating func flush(emit: (String) -> Void) {
        let count = lineEnds.count
        guard count > 0 else { return }
        var results = [String?](repeating: nil, count: count)
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / 64))
        let lineEnds = self.lineEnds
        let oversized = self.oversized
        let evaluator = BatchLineEvaluator(model: model, reader: reader)
        block.withUnsafeBufferPointer { bytes in
            results.withUnsafeMutableBufferPointer { slots in
                let slotsBase = UncheckedSendable(slots)
                let bytesBase = UncheckedSendable(bytes)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var index = worker
                    while index < count {
                        let start = index == 0 ? 0 : lineEnds[index - 1]
                        if oversized.contains(index) {
                            slotsBase.value[index] = BatchOutput.line(
                                forError: "the case is longer than \(evaluator.reader.maximumSize) bytes")
                        } else {
                            slotsBase.value[index] = evaluator.evaluate(
                                UnsafeBufferPointer(rebasing: bytesBase.value[start..<lineEnds[index]]))
                        }
                        index += workers
                    }
                }
            }
        }
        for result in results { if let result { emit(result) } }
        block.removeAll(keepingCapacity: true)
        self.lineEnds.removeAll(keepingCapacity: true)
        self.oversized.removeAll()
    }
}

/// Decides one line; shared by the workers of a block.
struct BatchLineEvaluator: Sendable {
    let model: EvaluationModel
    let reader: JSONReader

    /// Blank lines are not cases and produce no output.
    func evaluate(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") })
        else { return nil }
        switch BatchCase.parse(document: reader.read(bytes: line)) {
        case .success(let batchCase): return BatchOutput.line(for: batchCase.decide(defaultModel: model))
        case .failure(let unusable): return BatchOutput.line(forError: unusable.message)
        }
    }
}

/// Each worker writes only its own slots and reads a buffer nobody writes, so sharing the
/// pointers across the concurrent iterations is safe.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
