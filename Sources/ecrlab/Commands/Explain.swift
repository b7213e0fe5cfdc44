import ArgumentParser
import Foundation
import PolicyCore

enum ExplainFormat: String, OutputFormat {
    case text, json
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide one request (or a JSON Lines batch) and show which statements decided it.",
        discussion: """
            Exit codes: 0 allowed, 1 denied, 2 a policy could not be read or evaluated. With --batch, \
            each input line `{"identityPolicies": […], "resourcePolicy": {…}|null, "request": {…}}` gives \
            one output line `{"decision": …, "reasons": […]}` or `{"error": …}`; exit 0 once the stream is read.
            """)

    @Option(help: "The caller: an IAM user or role ARN, a role session ARN, a service principal or `anonymous`.")
    var principal: String?

    @Option(help: "The action, e.g. ecr:PutImage.")
    var action: String?

    @Option(help: "The resource ARN (default `*`, right for account-level actions such as ecr:GetAuthorizationToken).")
    var resource: String = "*"

    @Option(help: "The account that owns the resource (default: the account in the resource ARN).")
    var resourceAccount: String?

    @OptionGroup var context: ContextOptions

    @OptionGroup var policies: PolicyFileOptions

    @Option(help: "Decide every case of a JSON Lines file (`-` for standard input) instead of one request.")
    var batch: String?

    @OptionGroup var output: OutputOptions<ExplainFormat>

    func validate() throws {
        if batch != nil {
            if principal != nil || action != nil || !policies.identityFiles.isEmpty || policies.repositoryFile != nil {
                throw ValidationError("--batch reads policies and requests from its file: drop --principal, --action, --identity and --repository-policy")
            }
            return
        }
        guard let principal else { throw ValidationError("name the caller with --principal ARN") }
        if PrincipalIdentity(principal) == nil {
            throw ValidationError("`\(principal)` is not a principal: give a user or role ARN (arn:aws:iam::111122223333:user/NAME), a role session ARN, a service such as codebuild.amazonaws.com, or `anonymous`")
        }
        guard let action, !action.isEmpty else { throw ValidationError("name the action with --action, e.g. --action ecr:PutImage") }
    }

    func run() throws {
        let console = output.console
        if let batch { return try runBatch(batch, console: console) }
        let authorizer = try policies.authorizer(console: console)
        let request = AuthorizationRequest(
            principal: PrincipalIdentity(principal!)!, action: action!, resource: resource, resourceAccount: resourceAccount,
            context: try context.values())
        let explanation = authorizer.explain(request)
        switch output.format {
        case .text: console.write(ExplanationRenderer().text(explanation, request: request, model: policies.model))
        case .json: console.write(ExplanationRenderer().json(explanation, model: policies.model))
        }
        if !explanation.decision.isAllowed { throw ExitCode.checkFailed }
    }

    private func runBatch(_ path: String, console: Console) throws {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            console.error("cannot read `\(path)`: \(String(cString: strerror(errno)).lowercased())")
            throw ExitCode.unusableInput
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var stream = BatchStream(model: policies.model)
        var out = BufferedOutput()
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                console.error("cannot read `\(path)`: \(String(cString: strerror(errno)).lowercased())")
                throw ExitCode.unusableInput
            }
            if count == 0 { break }
            chunk.withUnsafeBufferPointer { buffer in
                stream.feed(UnsafeBufferPointer(rebasing: buffer[0..<count])) { out.writeLine($0) }
            }
        }
        stream.finish { out.writeLine($0) }
        out.flush()
    }
}

/// Collects output lines and writes them in large blocks: one write per line would dominate a
/// batch of a hundred thousand cases.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 17) }

    mutating func writeLine(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
