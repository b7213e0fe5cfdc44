/// Writes batch results as single JSON lines. Built by hand rather than through JSONEncoder: at a
/// hundred thousand lines a second, the encoder's overhead would be most of the work.
public enum BatchOutput {
    public static func line(for decision: Decision) -> String {
        var out = "{\"decision\":\"\(decision.outcome.rawValue)\",\"reasons\":["
        var first = true
        for reference in decision.matched {
            if !first { out += "," }
            first = false
            out += "{\"policy\":"
            appendString(reference.policyName, to: &out)
            out += ",\"statement\":"
            appendString(reference.statementName, to: &out)
            out += ",\"index\":\(reference.statementIndex),\"effect\":\"\(reference.effect.rawValue)\",\"line\":\(reference.line),\"column\":\(reference.column)}"
        }
        for side in decision.missing {
            if !first { out += "," }
            first = false
            out += "{\"noAllowFrom\":\"\(side.rawValue)\"}"
        }
        out += "]}"
        return out
    }

    public static func line(forError message: String) -> String {
        var out = "{\"error\":"
        appendString(message, to: &out)
        out += "}"
        return out
    }

    /// JSON string escaping per RFC 8259 §7.
    public static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
