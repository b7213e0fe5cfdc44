import ArgumentParser
import PolicyCore

enum LintFormat: String, OutputFormat {
    case text, json, sarif
}

extension PolicyKind: ExpressibleByArgument {}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check policy files for mistakes and over-broad grants.",
        discussion: """
            Reports every finding with its line and column. Exit codes: 0 no errors, 1 errors found \
            (with --strict, security findings too), 2 a file could not be read.
            """)

    @Argument(help: "Policy files to check; `-` reads standard input.")
    var files: [String]

    @Option(help: "Check as this kind of policy instead of detecting it (a Principal means repository).")
    var kind: PolicyKind?

    @Flag(help: "Fail on security findings too, not only on errors.")
    var strict = false

    @OptionGroup var output: OutputOptions<LintFormat>

    func validate() throws {
        if files.isEmpty {
            throw ValidationError("name at least one policy file to check, or `-` for standard input")
        }
        if files.count(where: { $0 == "-" }) > 1 {
            throw ValidationError("standard input (`-`) can be named only once")
        }
    }

    func run() throws {
        let console = output.console
        var linted: [SourceFindings] = []
        var unreadable = false
        var failed = false
        for path in files {
            let input: InputFile
            do {
                input = try InputFile.read(path)
            } catch {
                console.error(error.message)
                unreadable = true
                continue
            }
            let parsed = ParsedPolicy(name: input.name, bytes: input.bytes)
            let report = Linter().lint(parsed, kind: kind)
            failed = failed || report.fails(strict: strict)
            linted.append(SourceFindings(file: parsed.name, text: parsed.text, findings: report.findings))
        }
        switch output.format {
        case .text:
            if !linted.isEmpty { console.write(TextFindingRenderer(colored: console.colorsOutput).render(linted)) }
        case .json:
            console.write(JSONFindingRenderer().render(linted))
        case .sarif:
            console.write(SARIFRenderer(toolVersion: ECRLab.version).render(linted))
        }
        if unreadable { throw ExitCode.unusableInput }
        if failed { throw ExitCode.checkFailed }
    }
}
