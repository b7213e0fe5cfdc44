/// `ecrlab labs verify` as text: one line per task, its problems under it, then a summary line.
public struct VerificationRenderer: Sendable {
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func render(_ verification: PackVerification) -> String {
        var out = ""
        for problem in verification.packProblems {
            out += "\(paint("error", "1;31")): \(problem)\n"
        }
        for task in verification.tasks {
            let mark = task.passed ? paint("ok  ", "32") : paint("FAIL", "1;31")
            var facts = ["solution \(task.solution.score)/\(task.solution.maxScore)"]
            if let starter = task.starter { facts.append("starter \(starter.score)/\(starter.maxScore)") }
            out += "\(mark) \(task.taskID) (\(facts.joined(separator: ", ")))\n"
            for problem in task.problems { out += "     \(problem)\n" }
        }
        let failed = verification.tasks.filter { !$0.passed }.count
        let total = verification.tasks.count
        if verification.passed {
            out += "all \(total) tasks verify: every solution passes and every starter fails\n"
        } else {
            var parts: [String] = []
            if failed > 0 { parts.append("\(failed) of \(total) tasks do not verify") }
            if !verification.packProblems.isEmpty { parts.append("\(verification.packProblems.count) problems in shared policies") }
            out += parts.joined(separator: "; ") + "\n"
        }
        return out
    }

    private func paint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
