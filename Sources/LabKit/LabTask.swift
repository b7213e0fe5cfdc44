import PolicyCore
/// One step of the workshop: what the learner reads, starts from and is graded on.
public struct LabTask: Sendable {
    public var id: String
    public var title: String
    /// Objective ids from lab.yaml; at least one.
    public var objectives: [String]
    public var kind: TaskKind
    /// How identity and repository policies combine when this task is graded.
    public var model: EvaluationModel
    public var instructions: TextFile
    /// What `ecrlab start` copies into the learner's work folder; nil only for `apply` tasks, whose
    /// starting point is the local repository without a policy.
    public var starter: TextFile?
    /// Progressive hints, first to last.
    public var hints: [TextFile]
    /// Names of shared principals from lab.yaml the task uses.
    public var principals: [String]
    /// Principals only this task knows about.
    public var localPrincipals: [PrincipalDefinition]
    /// The reference answer in `solutions/<id>/`.
    public var solution: TextFile
    /// Optional notes shown with the solution (`solutions/<id>/<file>.md`).
    public var explanation: TextFile?
    public var check: TaskCheck
}

public enum TaskKind: String, Sendable, Hashable, CaseIterable {
    case quiz, predict, policy, apply
}

/// What a task is graded on; the case always matches the task's kind.
public enum TaskCheck: Sendable {
    case quiz(QuizCheck)
    case predict(PredictCheck)
    case policy(PolicyCheck)
    case apply(ApplyCheck)
}
