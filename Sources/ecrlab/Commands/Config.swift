import ArgumentParser
import Workshop

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show your settings, or set one: `ecrlab config account 123456789012`.",
        discussion: "Settings: account (your 12-digit AWS account id, used in every task's ARNs).")

    @Argument(help: "The setting to change: account.")
    var key: String?

    @Argument(help: "Its new value.")
    var value: String?

    @OptionGroup var options: LearnerOptions

    func validate() throws {
        if let key, key != "account" {
            throw ValidationError("`\(key)` is not a setting; the one you can set is `account`")
        }
        if key != nil && value == nil {
            throw ValidationError("give the value too, e.g. `ecrlab config account 123456789012`")
        }
    }

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        if let value {
            try console.attempt { try session.setAccount(value) }
            console.write("account set to \(value): the tasks now use arn:aws:iam::\(value):…\n")
            return
        }
        let settings = try console.attempt { try session.settings() }
        let width = settings.map(\.key.count).max() ?? 0
        console.write(settings.map { "\($0.key.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.value)\n" }.joined())
    }
}
