/// A learner step that cannot be done, worded for the learner: what is wrong and what to do next.
public enum LearnerError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownTask(String, known: [String])
    case noWorkFile(task: String, path: String)
    case unreadableWorkFile(path: String, reason: String)
    case notPassedYet(task: String)
    case solutionLocked(task: String)
    case notAnAnswerTask(task: String)
    case wrongAnswerCount(task: String, expected: Int, given: Int, ids: [String])
    case noStarter(task: String)
    case invalidAccount(String)
    case reservedAccount(String)

    public var description: String {
        switch self {
        case let .unknownTask(reference, known):
            return "there is no task `\(reference)`; the tasks are: \(known.joined(separator: ", "))"
        case let .noWorkFile(task, path):
            return "`\(path)` does not exist yet; run `ecrlab start \(task)` to get the starter"
        case let .unreadableWorkFile(path, reason):
            return "cannot read `\(path)`: \(reason)"
        case let .notPassedYet(task):
            return "`\(task)` is not passed yet; `ecrlab check` it until it passes, then run `ecrlab next`"
        case let .solutionLocked(task):
            return "the solution of `\(task)` opens once you pass it; try `ecrlab hint \(task)` first"
        case let .notAnAnswerTask(task):
            return "`\(task)` is not a quiz or predict task; edit its file in work/ and run `ecrlab check`"
        case let .wrongAnswerCount(task, expected, given, ids):
            return "`\(task)` has \(expected) question\(expected == 1 ? "" : "s") (\(ids.joined(separator: ", "))) but \(given) answer\(given == 1 ? " was" : "s were") given; give one per question, e.g. `b` or `a,c`"
        case let .noStarter(task):
            return "`\(task)` has no starter file: it is done with `ecrlab repo set-policy`"
        case let .invalidAccount(value):
            return "`\(value)` is not an AWS account id: give the 12 digits, e.g. 123456789012"
        case let .reservedAccount(value):
            return "`\(value)` is the lab's \"other account\"; give your own account id"
        }
    }
}
