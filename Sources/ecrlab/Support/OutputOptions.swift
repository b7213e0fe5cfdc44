import ArgumentParser

/// A command's output formats; the first case is the default.
protocol OutputFormat: ExpressibleByArgument, CaseIterable, RawRepresentable, Sendable where RawValue == String {}

extension OutputFormat {
    static var defaultFormat: Self { allCases.first! }
}

/// `--format` and `--color`, shared by every command that prints a result. Each command names its own
/// formats: `@OptionGroup var output: OutputOptions<LintFormat>`.
struct OutputOptions<Format: OutputFormat>: ParsableArguments {
    @Option(help: "Output format.")
    var format: Format = .defaultFormat

    @Option(help: "Colour: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    var console: Console { Console(color: color) }
}
