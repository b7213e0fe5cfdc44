import Foundation

/// Rules that look inside string values: placeholders copied from a tutorial and left in, and
/// policy variables that the policy's Version leaves as literal text.
extension LintContext {
    /// Whether the raw text may hold `byte` in a string: one memchr over the file lets the common
    /// case (no placeholder, no variable) skip walking every string of the policy. A backslash
    /// means some string has escapes (`\u003c` is `<`), so then every string is looked at.
    private func textMayContain(_ byte: UInt8) -> Bool {
        textContains(byte) || textContains(UInt8(ascii: "\\"))
    }

    private func textContains(_ byte: UInt8) -> Bool {
        parsed.text.utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        } ?? parsed.text.utf8.contains(byte)
    }

    /// Every string value of the policy a learner might have pasted a placeholder into.
    private var stringValues: [Located<String>] {
        var values: [Located<String>] = []
        if let id = policy.id { values.append(id) }
        for statement in policy.statements {
            if let sid = statement.sid { values.append(sid) }
            if let principal = statement.principal { values += principal.entries.map(\.value) }
            if let action = statement.action { values += action.items }
            if let resource = statement.resource { values += resource.items }
            for condition in statement.conditions { values += condition.values }
        }
        return values
    }

    mutating func checkPlaceholders() {
        let opening = UInt8(ascii: "<")
        if !textMayContain(opening) { return }
        for value in stringValues where value.value.utf8.contains(opening) {
            let spans = Self.placeholderSpans(in: value.value)
            if spans.isEmpty { continue }
            placeholderStrings.insert(value.range.start.offset)
            for span in spans {
                let bytes = Array(value.value.utf8)
                let placeholder = String(decoding: bytes[span], as: UTF8.self)
                let meaning = Self.meaning(ofPlaceholder: placeholder)
                var help = "replace `\(placeholder)`, brackets included, with \(meaning.what)"
                if let example = meaning.example {
                    let filled = String(decoding: bytes[..<span.lowerBound] + Array(example.utf8) + bytes[span.upperBound...], as: UTF8.self)
                    help = "write it like `\(filled)`, with \(meaning.what)"
                }
                report(
                    .error, "placeholder",
                    "`\(placeholder)` is a placeholder: replace it with \(meaning.what)\(meaning.example.map { ", e.g. \($0)" } ?? "")",
                    at: range(in: value, utf8Offset: span.lowerBound, utf8Length: span.count), help: help)
            }
        }
    }

    /// `<…>` with something between the brackets, as UTF-8 offsets into the value.
    static func placeholderSpans(in text: String) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var open: Int?
        for (position, byte) in text.utf8.enumerated() {
            if byte == UInt8(ascii: "<") {
                open = position
            } else if byte == UInt8(ascii: ">"), let start = open {
                if position > start + 1 { spans.append(start..<(position + 1)) }
                open = nil
            }
        }
        return spans
    }

    /// What the placeholder stands for, judged from its name, with an example value when one fits.
    static func meaning(ofPlaceholder placeholder: String) -> (what: String, example: String?) {
        let name = placeholder.uppercased().filter { $0.isLetter || $0.isNumber }
        if name.contains("ACCOUNT") { return ("your 12-digit AWS account id", "111122223333") }
        if name.contains("REGION") { return ("an AWS Region code", "us-east-1") }
        if name.contains("ARN") { return ("the full ARN it stands for", nil) }
        if name.contains("REPO") { return ("the repository name", "fcj-workshop-app") }
        if name.contains("USER") { return ("the IAM user name", "fcj-ecr-ci-cd-user") }
        if name.contains("ROLE") { return ("the IAM role name", nil) }
        return ("the real value it stands for", nil)
    }

    mutating func checkPolicyVariables() {
        let dollar = UInt8(ascii: "$")
        if policy.substitutesVariables || !textMayContain(dollar) { return }
        var values: [Located<String>] = []
        for statement in policy.statements {
            if let resource = statement.resource { values += resource.items }
            for condition in statement.conditions { values += condition.values }
        }
        let version = policy.version.map { "`\"Version\": \"\($0.value)\"`" } ?? "no `Version`"
        for value in values where value.value.utf8.contains(dollar) {
            let bytes = Array(value.value.utf8)
            var position = 0
            while position + 1 < bytes.count {
                guard bytes[position] == dollar, bytes[position + 1] == UInt8(ascii: "{") else {
                    position += 1
                    continue
                }
                let close = bytes[position...].firstIndex(of: UInt8(ascii: "}")).map { $0 + 1 } ?? bytes.count
                let variable = String(decoding: bytes[position..<close], as: UTF8.self)
                report(
                    .warning, "variable-not-substituted",
                    "`\(variable)` stays literal text: with \(version) IAM does not substitute policy variables",
                    at: range(in: value, utf8Offset: position, utf8Length: close - position),
                    help: "set `\"Version\": \"2012-10-17\"` at the top of the policy")
                position = close
            }
        }
    }
}
