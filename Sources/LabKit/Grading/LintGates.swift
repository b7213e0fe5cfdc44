import PolicyCore

/// The lint findings a policy task requires to be absent, one check per gate the task lists.
struct LintGates {
    let gates: [LintGate]
    let kind: PolicyCheck.PolicyKind

    /// Codes each gate is about. `noErrors` leaves out the codes of the other gates the task lists, so one
    /// mistake (a placeholder left in) fails one gate, not two.
    static func codes(of gate: LintGate) -> Set<String> {
        switch gate {
        case .noErrors: return []
        case .noPlaceholder: return ["placeholder"]
        case .noWildcardPrincipal: return ["public-access", "allow-with-notprincipal"]
        case .sizeLimit: return ["policy-too-large"]
        }
    }

    func checks(_ parsed: ParsedPolicy) -> [CheckOutcome] {
        let report = Linter().lint(parsed, kind: kind == .identity ? .identity : .repository)
        let claimed = gates.filter { $0 != .noErrors }.reduce(into: Set<String>()) { $0.formUnion(Self.codes(of: $1)) }
        return gates.map { gate in
            let findings: [Finding]
            if gate == .noErrors {
                findings = report.findings.filter { $0.severity == .error && !claimed.contains($0.code) }
            } else {
                findings = report.findings.filter { Self.codes(of: gate).contains($0.code) }
            }
            return outcome(gate, findings, file: parsed.name)
        }
    }

    private func outcome(_ gate: LintGate, _ findings: [Finding], file: String) -> CheckOutcome {
        let id = "lint:\(gate.rawValue)"
        guard let first = findings.first else {
            return CheckOutcome(id: id, passed: true, message: Self.passedMessage(gate))
        }
        let location = CheckLocation(file: file, line: first.range.start.line, column: first.range.start.column)
        var message = first.message
        if let help = first.help { message += "; \(help)" }
        if findings.count > 1 {
            message += " (and \(findings.count - 1) more: `ecrlab lint \(file)` lists them all)"
        }
        return CheckOutcome(id: id, passed: false, message: message, severity: first.severity, location: location)
    }

    static func passedMessage(_ gate: LintGate) -> String {
        switch gate {
        case .noErrors: return "the policy has no errors"
        case .noPlaceholder: return "no placeholder is left in"
        case .noWildcardPrincipal: return "no statement allows `*` without a condition narrowing it"
        case .sizeLimit: return "the policy fits ECR's 10,240-character limit"
        }
    }
}
