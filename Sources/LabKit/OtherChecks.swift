import PolicyCore
/// The learner marks each scenario row; the evaluator, not a key, decides what is right.
public struct PredictCheck: Sendable {
    public enum AnswerStyle: String, Sendable, Hashable, CaseIterable {
        /// Each row is answered `allow` or `deny`.
        case allowDeny
        /// Each row is answered `allow`, `explicitDeny` or `implicitDeny`.
        case decision
    }

    public var answerStyle: AnswerStyle
    public var scenarios: [PredictScenario]
}

/// One request with the policies in force: who asks for what, under which identity and repository policy.
public struct PredictScenario: Sendable, Hashable {
    public var id: String
    /// What the row shows the learner, e.g. "identity policy allows, repository policy is silent".
    public var text: String
    public var principal: String
    public var action: String
    /// File names in `labs/identities/`; nil means the principal's own identity policies, `[]` none at all.
    public var identityPolicies: [String]?
    /// A file name in `labs/policies/`, or nil for a repository without a policy.
    public var repositoryPolicy: String?
    /// nil: the lab's repository.
    public var repository: String?
    /// nil: the task's model. Lets one task ask the same question under both models.
    public var model: EvaluationModel?
    public var location: SourceLocation
}

public struct QuizCheck: Sendable {
    public var questions: [QuizQuestion]
    /// From `solutions/<task>/answer.yaml`: question id → the right choice ids.
    public var key: [String: Set<String>]
}

public struct QuizQuestion: Sendable, Hashable {
    public enum Selection: String, Sendable, Hashable, CaseIterable {
        case single, multiple
    }

    public var id: String
    public var text: String
    public var selection: Selection
    public var choices: [QuizChoice]
    /// Shown once the question is answered, right or wrong.
    public var explanation: String?
}

public struct QuizChoice: Sendable, Hashable {
    public var id: String
    public var text: String
    /// Shown when a learner picks this choice wrongly (or misses it, for a right one).
    public var feedback: String?
}

/// The learner applies a policy to the local repository; docker's calls are then simulated.
public struct ApplyCheck: Sendable {
    public var repository: String
    /// The task whose work file the learner is expected to apply (its file in `work/`); grading reads the
    /// policy actually applied to the repository.
    public var policyFrom: String?
    public var simulations: [SimulationExpectation]
}

public struct SimulationExpectation: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case push, pull
    }

    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case succeeds, refused
    }

    public var principal: String
    public var operation: Operation
    public var outcome: Outcome
    /// For a refusal: the action docker must be stopped at, when the task pins it.
    public var refusedAt: String?
    public var location: SourceLocation
}
