import Testing
@testable import PolicyCore

/// Compiles one condition entry or records why it could not.
func condition(_ op: String, _ key: String, _ values: [String], variables: Bool = true,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> CompiledCondition {
    let parsed = try ConditionOperator.parse(op).get()
    switch CompiledCondition.compile(operator: parsed, key: key, values: values, allowVariables: variables) {
    case .success(let compiled): return compiled
    case .failure(let errors):
        Issue.record("compile failed: \(errors.errors.map(\.message))", sourceLocation: sourceLocation)
        throw errors
    }
}

func compileErrors(_ op: String, _ key: String, _ values: [String]) throws -> [ConditionValueError] {
    let parsed = try ConditionOperator.parse(op).get()
    switch CompiledCondition.compile(operator: parsed, key: key, values: values, allowVariables: true) {
    case .success: return []
    case .failure(let errors): return errors.errors
    }
}

func request(_ values: [String: [String]]) -> RequestContext { RequestContext(values) }
func request(_ key: String, _ values: String...) -> RequestContext { RequestContext([key: values]) }
let emptyRequest = RequestContext([:])
