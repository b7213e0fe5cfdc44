/// One line of `ecrlab explain --batch`: policies and a request, decided on their own.
///
/// Format: `{"identityPolicies": [POLICY…], "resourcePolicy": POLICY|null, "request": {"principal":
/// ARN, "action": "ecr:…", "resource": ARN|"*", "resourceAccount": "…", "context": {KEY: V|[V…]}}}`.
/// Other top-level keys (ids, expected answers) are ignored so that labelled corpora can be fed as is.
public struct BatchCase: Sendable {
    public var identityPolicies: [CompiledPolicy]
    public var resourcePolicy: CompiledPolicy?
    public var request: AuthorizationRequest
    public var model: EvaluationModel?

    /// A case that cannot be evaluated, with a one-line reason.
    public struct Unusable: Error, Sendable {
        public var message: String
    }

    public static func parse(line: String, reader: JSONReader = JSONReader()) -> Result<BatchCase, Unusable> {
        parse(document: reader.read(line))
    }

    static func parse(document: JSONDocument) -> Result<BatchCase, Unusable> {
        if let first = document.findings.first(where: { $0.severity == .error }) {
            return .failure(Unusable(message: "the line is not valid JSON: column \(first.range.start.column): \(first.message)"))
        }
        guard let root = document.root else {
            return .failure(Unusable(message: "a case is a JSON object with `identityPolicies`, `resourcePolicy` and `request`"))
        }
        return parse(root)
    }

    /// A case already read as part of a larger document (a scenario file).
    public static func parse(_ root: JSONNode) -> Result<BatchCase, Unusable> {
        guard case .object(let members) = root.value else {
            return .failure(Unusable(message: "a case is a JSON object with `identityPolicies`, `resourcePolicy` and `request`"))
        }
        var identities: [CompiledPolicy] = []
        var resource: CompiledPolicy?
        var requestNode: JSONNode?
        var model: EvaluationModel?
        for member in members {
            switch member.key {
            case "identityPolicies":
                guard case .array(let items) = member.value.value else {
                    return .failure(Unusable(message: "`identityPolicies` must be a list of policies"))
                }
                for (index, item) in items.enumerated() {
                    switch compile(item, name: "identityPolicies[\(index)]", side: .identity) {
                    case .success(let policy): identities.append(policy)
                    case .failure(let invalid): return .failure(invalid)
                    }
                }
            case "resourcePolicy", "repositoryPolicy":
                if case .null = member.value.value { continue }
                switch compile(member.value, name: member.key, side: .repository) {
                case .success(let policy): resource = policy
                case .failure(let invalid): return .failure(invalid)
                }
            case "request":
                requestNode = member.value
            case "model":
                guard case .string(let text) = member.value.value, let parsed = EvaluationModel(rawValue: text) else {
                    return .failure(Unusable(message: "`model` must be \"and\" or \"aws\""))
                }
                model = parsed
            default:
                continue
            }
        }
        guard let requestNode else { return .failure(Unusable(message: "the case has no `request`")) }
        return BatchRequest.parse(requestNode).map {
            BatchCase(identityPolicies: identities, resourcePolicy: resource, request: $0, model: model)
        }
    }

    private static func compile(_ node: JSONNode, name: String, side: StatementReference.Side) -> Result<CompiledPolicy, Unusable> {
        CompiledPolicy.compile(ParsedPolicy(name: name, node: node), side: side).mapError {
            Unusable(message: "invalid policy: \($0.summary)")
        }
    }

    public func decide(defaultModel: EvaluationModel) -> Decision {
        Authorizer(identityPolicies: identityPolicies, repositoryPolicy: resourcePolicy, model: model ?? defaultModel)
            .decide(request)
    }
}

/// The `request` object of a batch case.
enum BatchRequest {
    static func parse(_ node: JSONNode) -> Result<AuthorizationRequest, BatchCase.Unusable> {
        func fail(_ message: String) -> Result<AuthorizationRequest, BatchCase.Unusable> {
            .failure(BatchCase.Unusable(message: message))
        }
        guard case .object(let members) = node.value else { return fail("`request` must be an object") }
        var fields: [String: String] = [:]
        var context: [String: [String]] = [:]
        for member in members {
            switch (member.key, member.value.value) {
            case ("principal", .string(let text)), ("action", .string(let text)), ("resource", .string(let text)),
                ("resourceAccount", .string(let text)):
                fields[member.key] = text
            case ("resourceAccount", .null):
                continue
            case ("context", .object(let keys)):
                for key in keys {
                    guard let values = contextValues(key.value) else {
                        return fail("context key `\(key.key)` must be a string, number, boolean or a list of them")
                    }
                    context[key.key] = values
                }
            case ("context", .null):
                continue
            case ("principal", _), ("action", _), ("resource", _), ("resourceAccount", _), ("context", _):
                return fail("`\(member.key)` in `request` has the wrong type (\(member.value.value.kindName))")
            default:
                continue
            }
        }
        guard let principalText = fields["principal"] else { return fail("`request` has no `principal`") }
        guard let principal = PrincipalIdentity(principalText) else {
            return fail("`\(principalText)` is not a principal ARN, a service principal or `anonymous`")
        }
        guard let action = fields["action"], !action.isEmpty else { return fail("`request` has no `action`") }
        let resource = fields["resource"] ?? "*"
        return .success(
            AuthorizationRequest(
                principal: principal, action: action, resource: resource, resourceAccount: fields["resourceAccount"],
                context: context))
    }

    private static func contextValues(_ node: JSONNode) -> [String]? {
        switch node.value {
        case .string(let text), .number(let text): return [text]
        case .bool(let flag): return [flag ? "true" : "false"]
        case .array(let items):
            var values: [String] = []
            for item in items {
                // A list holds scalars only: a nested list is a malformed request, not one value.
                if case .array = item.value { return nil }
                guard let value = contextValues(item), value.count == 1 else { return nil }
                values.append(value[0])
            }
            return values
        case .object, .null: return nil
        }
    }
}
