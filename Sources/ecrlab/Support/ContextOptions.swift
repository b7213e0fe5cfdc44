import ArgumentParser

/// `--context KEY=VALUE`, shared by `explain` and `simulate`; a key given again adds a value.
struct ContextOptions: ParsableArguments {
    @Option(name: .customLong("context"), help: "A context key, KEY=VALUE (repeat a key for several values).")
    var pairs: [String] = []

    func validate() throws {
        _ = try values()
    }

    func values() throws -> [String: [String]] {
        var context: [String: [String]] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("`\(pair)` is not KEY=VALUE: write e.g. --context aws:SourceIp=203.0.113.7")
            }
            context[String(pair[..<equals]), default: []].append(String(pair[pair.index(after: equals)...]))
        }
        return context
    }
}
