/// Grades as JUnit XML, which CI systems show as test results: one test suite per graded task, one test
/// case per check, a `<failure>` for each failed check.
public struct JUnitRenderer: Sendable {
    public init() {}

    public func render(_ results: [GradeResult], name: String = "ecrlab") -> String {
        let failures = results.reduce(0) { $0 + $1.failedChecks.count }
        let tests = results.reduce(0) { $0 + $1.checks.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(Self.escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for result in results {
            out += "  <testsuite name=\"\(Self.escape(result.taskID))\" tests=\"\(result.checks.count)\" failures=\"\(result.failedChecks.count)\">\n"
            out += "    <properties>\n"
            out += "      <property name=\"score\" value=\"\(result.score)\"/>\n"
            out += "      <property name=\"maxScore\" value=\"\(result.maxScore)\"/>\n"
            out += "    </properties>\n"
            for check in result.checks {
                let head = "    <testcase classname=\"\(Self.escape(result.taskID + "." + check.kind))\" name=\"\(Self.escape(check.id))\""
                if check.passed {
                    out += head + "/>\n"
                } else {
                    let detail = (check.location.map { "\($0): " } ?? "") + check.message
                    out += head + ">\n"
                    out += "      <failure type=\"\(check.severity.rawValue)\" message=\"\(Self.escape(check.message))\">\(Self.escape(detail))</failure>\n"
                    out += "    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// Escapes the five XML specials and replaces characters XML 1.0 cannot carry at all (most control
    /// characters, lone surrogates cannot occur in Swift strings) with U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += "&#\(scalar.value);"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
