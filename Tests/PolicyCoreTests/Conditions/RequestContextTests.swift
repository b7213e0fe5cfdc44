import Testing
@testable import PolicyCore

@Suite struct RequestContextTests {
    @Test func keysAreCaseInsensitive() {
        let c = RequestContext(["aws:SourceIp": ["10.0.0.1"]])
        #expect(c.values(for: "AWS:sourceip") == ["10.0.0.1"])
        #expect(c.values(for: "aws:sourceIP") == ["10.0.0.1"])
        #expect(c.values(for: "aws:SourceVpc") == nil)
    }

    @Test func spellingsOfOneKeyMerge() {
        let c = RequestContext(["aws:TagKeys": ["a"], "AWS:tagkeys": ["b"]])
        #expect(Set(c.values(for: "aws:tagkeys") ?? []) == ["a", "b"])
    }

    @Test func singleValueOnlyForExactlyOne() {
        let c = RequestContext(["one": ["x"], "many": ["a", "b"], "none": []])
        #expect(c.singleValue(for: "ONE") == "x")
        #expect(c.singleValue(for: "many") == nil)
        #expect(c.singleValue(for: "none") == nil)
        #expect(c.values(for: "none") == [])
    }
}
