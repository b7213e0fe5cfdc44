import Testing
@testable import PolicyCore

@Suite struct NumericConditionTests {
    @Test func comparisons() throws {
        let key = "s3:max-keys"
        let ten = request(key, "10")
        #expect(try condition("NumericEquals", key, ["10"]).evaluate(in: ten))
        #expect(try condition("NumericEquals", key, ["10.0", "11"]).evaluate(in: ten))
        #expect(!(try condition("NumericEquals", key, ["9"]).evaluate(in: ten)))
        #expect(!(try condition("NumericNotEquals", key, ["10", "11"]).evaluate(in: ten)))
        #expect(try condition("NumericNotEquals", key, ["9", "11"]).evaluate(in: ten))
        #expect(try condition("NumericLessThan", key, ["10.5"]).evaluate(in: ten))
        #expect(!(try condition("NumericLessThan", key, ["10"]).evaluate(in: ten)))
        #expect(try condition("NumericLessThanEquals", key, ["10"]).evaluate(in: ten))
        #expect(try condition("NumericGreaterThan", key, ["9.99"]).evaluate(in: ten))
        #expect(!(try condition("NumericGreaterThan", key, ["10"]).evaluate(in: ten)))
        #expect(try condition("NumericGreaterThanEquals", key, ["10"]).evaluate(in: ten))
        #expect(!(try condition("NumericGreaterThanEquals", key, ["10.000001"]).evaluate(in: ten)))
    }

    @Test func numbersAreComparedExactly() throws {
        #expect(try condition("NumericEquals", "k", ["1e3"]).evaluate(in: request("k", "1000")))
        #expect(try condition("NumericEquals", "k", ["-0"]).evaluate(in: request("k", "0")))
        #expect(try condition("NumericLessThan", "k", ["-2"]).evaluate(in: request("k", "-3")))
        #expect(!(try condition("NumericLessThan", "k", ["-3"]).evaluate(in: request("k", "-2"))))
        #expect(try condition("NumericLessThan", "k", ["9007199254740993"]).evaluate(in: request("k", "9007199254740992")))
        #expect(try condition("NumericEquals", "k", [".5"]).evaluate(in: request("k", "0.50")))
    }

    @Test func nonNumericRequestValueMatchesNothing() throws {
        #expect(!(try condition("NumericEquals", "k", ["1"]).evaluate(in: request("k", "one"))))
        #expect(try condition("NumericNotEquals", "k", ["1"]).evaluate(in: request("k", "one")))
    }

    @Test func badPolicyNumbersAreErrors() throws {
        for bad in ["ten", "1.2.3", "", "1e", "0x10", "1 ", "${aws:x}"] {
            let errors = try compileErrors("NumericLessThan", "k", ["5", bad])
            #expect(errors.count == 1, "`\(bad)`")
            #expect(errors.first?.valueIndex == 1)
            #expect(errors.first?.message.hasPrefix("`\(bad)` is not a number") == true)
        }
    }
}

@Suite struct DateConditionTests {
    let now = request("aws:CurrentTime", "2024-06-15T12:00:00Z")

    @Test func comparisons() throws {
        let key = "aws:CurrentTime"
        #expect(try condition("DateLessThan", key, ["2024-06-15T12:00:01Z"]).evaluate(in: now))
        #expect(!(try condition("DateLessThan", key, ["2024-06-15T12:00:00Z"]).evaluate(in: now)))
        #expect(try condition("DateLessThanEquals", key, ["2024-06-15T12:00:00Z"]).evaluate(in: now))
        #expect(try condition("DateGreaterThan", key, ["2024-06-15"]).evaluate(in: now))
        #expect(try condition("DateGreaterThanEquals", key, ["2024-06-15T12:00:00.000Z"]).evaluate(in: now))
        #expect(try condition("DateEquals", key, ["2024-06-15T14:00:00+02:00"]).evaluate(in: now))
        #expect(!(try condition("DateNotEquals", key, ["2024-06-15T14:00:00+02:00"]).evaluate(in: now)))
        #expect(try condition("DateNotEquals", key, ["2024-06-15T12:00:01Z"]).evaluate(in: now))
    }

    @Test func dateForms() throws {
        let key = "aws:CurrentTime"
        let c = request(key, "2024-06-15T12:00:00Z")
        // epoch 1718452800 == 2024-06-15T12:00:00Z
        #expect(try condition("DateEquals", key, ["1718452800"]).evaluate(in: c))
        #expect(try condition("DateEquals", key, ["2024-06-15T07:00:00-0500"]).evaluate(in: c))
        #expect(try condition("DateEquals", key, ["2024-06-15T12:00Z"]).evaluate(in: c))
        #expect(try condition("DateEquals", key, ["2024-06-15T12:00:00"]).evaluate(in: c))
        #expect(try condition("DateLessThan", key, ["2024-06-15T12:00:00.001Z"]).evaluate(in: c))
        #expect(try condition("DateLessThan", key, ["1718452800.5"]).evaluate(in: c))
        #expect(try condition("DateGreaterThan", key, ["2024-06"]).evaluate(in: c))
        #expect(try condition("DateEquals", "aws:EpochTime", ["2024-06-15T12:00:00Z"]).evaluate(in: request("aws:EpochTime", "1718452800")))
        #expect(try condition("DateLessThan", key, ["2024-06-16"]).evaluate(in: request(key, "2024-06-15T23:59:59.999999Z")))
    }

    @Test func leapDaysAndEpochStart() throws {
        #expect(try condition("DateEquals", "k", ["0"]).evaluate(in: request("k", "1970-01-01T00:00:00Z")))
        #expect(try condition("DateEquals", "k", ["951782400"]).evaluate(in: request("k", "2000-02-29")))
        #expect(try compileErrors("DateEquals", "k", ["2023-02-29"]).count == 1)
    }

    @Test func badDatesAreErrors() throws {
        for bad in ["yesterday", "2024-13-01", "2024-06-31", "2024-06-15T25:00:00Z", "2024-06-15T12:00:00X", "", "15/06/2024"] {
            let errors = try compileErrors("DateLessThan", "aws:CurrentTime", [bad])
            #expect(errors.count == 1, "`\(bad)`")
            #expect(errors.first?.message.contains("is not a date") == true)
        }
    }

    @Test func unreadableRequestDateMatchesNothing() throws {
        #expect(!(try condition("DateLessThan", "k", ["2030-01-01"]).evaluate(in: request("k", "soon"))))
    }
}
