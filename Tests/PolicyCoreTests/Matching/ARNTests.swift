import Testing
@testable import PolicyCore

@Suite struct ARNTests {
    @Test func parsesSixFieldsKeepingColonsInResource() throws {
        let arn = try #require(ARN("arn:aws:logs:us-east-1:123456789012:log-group:app:*"))
        #expect(arn.partition == "aws")
        #expect(arn.service == "logs")
        #expect(arn.region == "us-east-1")
        #expect(arn.account == "123456789012")
        #expect(arn.resource == "log-group:app:*")
        #expect(arn.description == "arn:aws:logs:us-east-1:123456789012:log-group:app:*")
    }

    @Test func emptyFieldsAndRepositoryNamesWithSlashes() throws {
        let s3 = try #require(ARN("arn:aws:s3:::bucket/key"))
        #expect(s3.region.isEmpty && s3.account.isEmpty && s3.resource == "bucket/key")
        let repo = try #require(ARN("arn:aws:ecr:us-east-1:111122223333:repository/team/app"))
        #expect(repo.resource == "repository/team/app")
    }

    @Test func rejectsNonARNs() {
        #expect(ARN("arn:aws:ecr:us-east-1:111122223333") == nil)
        #expect(ARN("foo:aws:ecr:us-east-1:111122223333:repository/x") == nil)
        #expect(ARN("*") == nil)
        #expect(ARN("") == nil)
    }

    @Test func patternMatchesEachFieldSeparately() {
        let p = ARNPattern("arn:aws:iam::*:role/*")
        #expect(p.matches("arn:aws:iam::123456789012:role/dev/builder"))
        // The account field's `*` cannot reach across the colon into the resource field.
        #expect(!ARNPattern("arn:aws:iam::*:x").matches("arn:aws:iam::1:2:x"))
        #expect(WildcardPattern("arn:aws:iam::*:x", caseSensitive: true).matches("arn:aws:iam::1:2:x"))
        #expect(!ARNPattern("arn:aws:*:us-east-1:1:x").matches("arn:aws:s3:eu:west:1:x"))
        #expect(ARNPattern("arn:aws:ecr:*:*:repository/*").matches("arn:aws:ecr:us-east-1:1:repository/a:b"))
        #expect(!p.matches("arn:aws:iam::123456789012:user/dev"))
        #expect(!p.matches("not-an-arn"))
    }

    @Test func patternIsCaseSensitive() {
        #expect(!ARNPattern("arn:aws:iam::123:role/Dev").matches("arn:aws:iam::123:role/dev"))
        #expect(!ARNPattern("arn:AWS:iam::123:role/dev").matches("arn:aws:iam::123:role/dev"))
    }

    @Test func patternWithFewerFieldsIsOneGlob() {
        #expect(ARNPattern("*").matches("arn:aws:sns:us-east-1:1:topic"))
        #expect(ARNPattern("*").matches("anything"))
        #expect(ARNPattern("arn:aws:sns:*").matches("arn:aws:sns:us-east-1:1:topic"))
    }
}
