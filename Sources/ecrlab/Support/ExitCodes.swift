import ArgumentParser

/// DESIGN.md's exit codes. Usage errors keep argument-parser's own 64 (`ExitCode.validationFailure`).
extension ExitCode {
    /// The checked thing failed: a policy with errors, a task not passed.
    static let checkFailed = ExitCode(1)
    /// The input could not be used at all: missing, unreadable, a directory, not a policy.
    static let unusableInput = ExitCode(2)
}
