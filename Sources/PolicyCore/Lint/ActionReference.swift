/// What one `Action`/`NotAction` string names, read once and shared by every rule.
enum ActionReference: Hashable, Sendable {
    /// `"*"`: every action of every service.
    case everything
    /// `ecr:…`: the catalogue actions it names (empty when it names none: a typo).
    case ecr(ECRActionSet, isPattern: Bool)
    /// Another service's action (`s3:GetObject`).
    case otherService
    /// Not `service:Name` at all.
    case malformed

    /// Parses IAM's action syntax: `service:Name`, service `[A-Za-z0-9-]+`, name `[A-Za-z0-9*?]+`,
    /// whitespace around it tolerated (AWS does).
    init(_ text: String) {
        var patterns: [String: ECRActionSet] = [:]
        self.init(text, patterns: &patterns)
    }

    /// `patterns` remembers what each wildcard expanded to: long policies repeat the same few.
    init(_ text: String, patterns: inout [String: ECRActionSet]) {
        if let reference = text.utf8.withContiguousStorageIfAvailable({ ActionReference(utf8: $0, text: text, patterns: &patterns) }) {
            self = reference
        } else {
            var copy = text
            self = copy.withUTF8 { ActionReference(utf8: $0, text: text, patterns: &patterns) }
        }
    }

    private init(utf8 raw: UnsafeBufferPointer<UInt8>, text original: String, patterns: inout [String: ECRActionSet]) {
        var start = 0
        var end = raw.count
        while start < end, ActionReference.isSpace(raw[start]) { start += 1 }
        while end > start, ActionReference.isSpace(raw[end - 1]) { end -= 1 }
        let text = UnsafeBufferPointer(rebasing: raw[start..<end])
        if text.count == 1, text[0] == UInt8(ascii: "*") {
            self = .everything
            return
        }
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < text.count - 1 else {
            self = .malformed
            return
        }
        var isPattern = false
        for (position, byte) in text.enumerated() where position != colon {
            let isWord = ActionReference.isAlphanumeric(byte)
            if position < colon {
                if !isWord && byte != UInt8(ascii: "-") { self = .malformed; return }
            } else if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") {
                isPattern = true
            } else if !isWord {
                self = .malformed
                return
            }
        }
        let service = UnsafeBufferPointer(rebasing: text[0..<colon])
        let isECR = service.count == 3 && LintCatalog.folded(service[0]) == UInt8(ascii: "e")
            && LintCatalog.folded(service[1]) == UInt8(ascii: "c") && LintCatalog.folded(service[2]) == UInt8(ascii: "r")
        guard isECR else {
            self = .otherService
            return
        }
        let name = UnsafeBufferPointer(rebasing: text[(colon + 1)...])
        if isPattern {
            if let known = patterns[original] {
                self = .ecr(known, isPattern: true)
            } else {
                let actions = LintCatalog.matching(pattern: name)
                patterns[original] = actions
                self = .ecr(actions, isPattern: true)
            }
        } else {
            var set = ECRActionSet()
            if let index = LintCatalog.index(ofShortName: name) { set.insert(index) }
            self = .ecr(set, isPattern: false)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The ECR actions it covers (`*` covers all of them).
    var ecrActions: ECRActionSet {
        switch self {
        case .everything: .all
        case .ecr(let set, _): set
        case .otherService, .malformed: .empty
        }
    }

    /// `*` and `ecr:*`: every ECR action, and every one added later.
    var isFullWildcard: Bool {
        switch self {
        case .everything: true
        case .ecr(let set, let isPattern): isPattern && set == .all
        default: false
        }
    }
}

/// The Action element of one statement, read once.
struct StatementActions: Sendable {
    /// One per item of the Action list, same order.
    var references: [ActionReference]
    /// The ECR actions the statement applies to: the listed ones, or for NotAction all the others.
    var covered: ECRActionSet

    init(_ statement: Statement, patterns: inout [String: ECRActionSet]) {
        guard let element = statement.action else {
            references = []
            covered = .empty
            return
        }
        references = element.items.map { ActionReference($0.value, patterns: &patterns) }
        var listed = ECRActionSet()
        for reference in references { listed = listed.union(reference.ecrActions) }
        covered = element.isNegated ? ECRActionSet.all.subtracting(listed) : listed
    }
}
