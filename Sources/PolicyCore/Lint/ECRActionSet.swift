/// A set of ECR catalogue actions as a bit set (catalogue index → bit). Lint rules combine action
/// lists, wildcards and NotAction complements many times per policy; bits keep that allocation-free.
struct ECRActionSet: Hashable, Sendable {
    private(set) var low: UInt64 = 0
    private(set) var high: UInt64 = 0

    static let empty = ECRActionSet()
    static let all: ECRActionSet = {
        var set = ECRActionSet()
        for index in ECRCatalog.actions.indices { set.insert(index) }
        return set
    }()

    init() {}

    init(names: [String]) {
        for name in names {
            guard let index = LintCatalog.index(ofLowercased: name.lowercased()) else {
                preconditionFailure("`\(name)` is not in the ECR catalogue")
            }
            insert(index)
        }
    }

    mutating func insert(_ index: Int) {
        precondition(index < 128, "the ECR catalogue outgrew ECRActionSet (128 actions)")
        if index < 64 { low |= 1 << UInt64(index) } else { high |= 1 << UInt64(index - 64) }
    }

    func contains(_ index: Int) -> Bool {
        index < 64 ? low & (1 << UInt64(index)) != 0 : high & (1 << UInt64(index - 64)) != 0
    }

    var isEmpty: Bool { low == 0 && high == 0 }

    func union(_ other: ECRActionSet) -> ECRActionSet {
        var result = self
        result.low |= other.low
        result.high |= other.high
        return result
    }

    func intersection(_ other: ECRActionSet) -> ECRActionSet {
        var result = self
        result.low &= other.low
        result.high &= other.high
        return result
    }

    func subtracting(_ other: ECRActionSet) -> ECRActionSet {
        var result = self
        result.low &= ~other.low
        result.high &= ~other.high
        return result
    }

    func isSubset(of other: ECRActionSet) -> Bool { subtracting(other).isEmpty }

    /// Catalogue names in catalogue (alphabetical) order, for messages.
    var names: [String] {
        ECRCatalog.actions.indices.filter(contains).map { ECRCatalog.actions[$0].name }
    }
}

/// The catalogue prepared once for linting: lower-cased short names back to back in one buffer (so
/// matching never lower-cases the catalogue again, nor touches one array per name), a hash table
/// for exact names, and the action groups the rules reason about.
enum LintCatalog {
    /// `putimage` for `ecr:PutImage`, for every action, concatenated.
    static let nameBytes: [UInt8] = ECRCatalog.actions.flatMap { Array($0.shortName.lowercased().utf8) }
    /// Where each action's name sits in `nameBytes`, indexed like `ECRCatalog.actions`.
    static let nameBounds: [Range<Int>] = {
        var bounds: [Range<Int>] = []
        var start = 0
        for action in ECRCatalog.actions {
            bounds.append(start..<(start + action.shortName.utf8.count))
            start += action.shortName.utf8.count
        }
        return bounds
    }()

    private static let slotCount = 256
    /// Open addressing over FNV-1a of the lower-cased name: catalogue index + 1, 0 for empty.
    private static let slots: [UInt8] = {
        precondition(ECRCatalog.actions.count < slotCount / 2)
        var slots = [UInt8](repeating: 0, count: slotCount)
        nameBytes.withUnsafeBufferPointer { bytes in
            for (index, bounds) in nameBounds.enumerated() {
                var slot = hash(UnsafeBufferPointer(rebasing: bytes[bounds])) & (slotCount - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
                slots[slot] = UInt8(index + 1)
            }
        }
        return slots
    }()

    /// ASCII lower case: action names are ASCII, and IAM compares them case-insensitively.
    @inline(__always)
    static func folded(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// FNV-1a over ASCII-lower-cased bytes.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(folded(byte))) &* 16_777_619 }
        return Int(hash)
    }

    static func index(ofLowercased fullName: String) -> Int? {
        guard fullName.hasPrefix("ecr:") else { return nil }
        let short = Array(fullName.utf8.dropFirst(4))
        return short.withUnsafeBufferPointer { index(ofShortName: $0) }
    }

    /// The catalogue action named exactly (case-insensitively) by `name`, without allocating.
    static func index(ofShortName name: UnsafeBufferPointer<UInt8>) -> Int? {
        nameBytes.withUnsafeBufferPointer { bytes in
            slots.withUnsafeBufferPointer { slots in
                var slot = hash(name) & (slotCount - 1)
                while slots[slot] != 0 {
                    let index = Int(slots[slot]) - 1
                    let bounds = nameBounds[index]
                    if bounds.count == name.count {
                        var equal = true
                        for offset in 0..<name.count where folded(name[offset]) != bytes[bounds.lowerBound + offset] {
                            equal = false
                            break
                        }
                        if equal { return index }
                    }
                    slot = (slot + 1) & (slotCount - 1)
                }
                return nil
            }
        }
    }

    /// The actions whose lower-cased name starts with each byte: a pattern that starts with a
    /// letter (`ecr:Batch*`) is tried against a handful of names instead of all of them.
    private static let byFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, bounds) in nameBounds.enumerated() where !bounds.isEmpty {
            table[Int(nameBytes[bounds.lowerBound])].append(index)
        }
        return table
    }()

    /// Every catalogue action whose short name matches `pattern` (the part after `ecr:`, IAM's
    /// case-insensitive `*` and `?`). Names are first filtered on the pattern's literal prefix,
    /// which settles the common `ecr:Prefix*` alone; the glob runs only on what remains.
    static func matching(pattern: UnsafeBufferPointer<UInt8>) -> ECRActionSet {
        var set = ECRActionSet()
        guard let first = pattern.first else { return set }
        let prefixLength =
            pattern.firstIndex { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") } ?? pattern.count
        let isPrefixThenStar = prefixLength == pattern.count - 1 && pattern[prefixLength] == UInt8(ascii: "*")
        var glob: WildcardPattern?
        nameBytes.withUnsafeBufferPointer { bytes in
            func test(_ index: Int) {
                let bounds = nameBounds[index]
                guard bounds.count >= prefixLength else { return }
                for offset in 0..<prefixLength where folded(pattern[offset]) != bytes[bounds.lowerBound + offset] { return }
                if isPrefixThenStar {
                    set.insert(index)
                    return
                }
                if glob == nil { glob = WildcardPattern(String(decoding: pattern, as: UTF8.self), caseSensitive: false) }
                if glob!.matches(utf8: UnsafeBufferPointer(rebasing: bytes[bounds])) { set.insert(index) }
            }
            if prefixLength == 0 {
                for index in nameBounds.indices { test(index) }
            } else {
                for index in byFirstByte[Int(folded(first))] { test(index) }
            }
        }
        return set
    }

    static let accountScoped: ECRActionSet = {
        var set = ECRActionSet()
        for (index, action) in ECRCatalog.actions.enumerated() where action.scope == .account { set.insert(index) }
        return set
    }()

    /// What `docker push` calls on the repository; all of them or the push fails part-way.
    static let push = ECRActionSet(names: [
        "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload", "ecr:PutImage",
    ])
    /// The push actions that only a push uses: BatchCheckLayerAvailability also appears in AWS's
    /// own pull-only examples, so granting it alone does not mean "meant to push".
    static let pushOnly = push.subtracting(ECRActionSet(names: ["ecr:BatchCheckLayerAvailability"]))
    /// What `docker pull` calls on the repository.
    static let pull = ECRActionSet(names: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])
    /// Actions that let a principal take the repository over or destroy it.
    static let administrative = ECRActionSet(names: [
        "ecr:SetRepositoryPolicy", "ecr:DeleteRepositoryPolicy", "ecr:DeleteRepository",
    ])

}
