import ArgumentParser
import Foundation

/// When to colour output. `auto` colours a stream only when it is a terminal and NO_COLOR is unset
/// or empty; an explicit `always` wins over NO_COLOR, as no-color.org allows for command-line flags.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case auto, always, never
}

/// Where the CLI writes: standard output for results, standard error for problems and progress.
/// Knows, per stream, whether colour is wanted, so renderers can be told and stay pure.
struct Console: Sendable {
    let colorsOutput: Bool
    let colorsErrors: Bool
    /// Whether standard error is a terminal: progress bars go there only then.
    let errorsIsTerminal: Bool

    init(color: ColorChoice, environment: [String: String] = ProcessInfo.processInfo.environment) {
        errorsIsTerminal = isatty(STDERR_FILENO) == 1
        colorsOutput = Console.wantsColor(color, isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
        colorsErrors = Console.wantsColor(color, isTerminal: errorsIsTerminal, environment: environment)
    }

    static func wantsColor(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }

    /// Writes text to standard output as is (callers include the newlines).
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// One line on standard error: `ecrlab: <message>`, the prefix in bold red on a terminal.
    func error(_ message: String) {
        let prefix = colorsErrors ? "\u{1B}[1;31mecrlab:\u{1B}[0m" : "ecrlab:"
        FileHandle.standardError.write(Data("\(prefix) \(message)\n".utf8))
    }

    /// A note on standard error that is not a failure (a hint, a skipped file).
    func note(_ message: String) {
        FileHandle.standardError.write(Data("ecrlab: \(message)\n".utf8))
    }
}
