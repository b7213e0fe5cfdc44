import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LabKit

@Suite struct GradeRendererTests {
    static let result = GradeResult(taskID: "04-ci-push-pull", checks: [
        CheckOutcome(id: "lint:noErrors", passed: true, message: "the policy has no errors"),
        CheckOutcome(id: "grant:ci:push", passed: false, message: "ci cannot push: `A<B>` & \"quotes\" 'too'",
                     location: CheckLocation(file: "work/p.json", line: 4, column: 5)),
        CheckOutcome(id: "least-privilege:x", passed: false, message: "same reason", severity: .security),
        CheckOutcome(id: "least-privilege:y", passed: false, message: "same reason", severity: .security),
        CheckOutcome(id: "least-privilege:z", passed: true, points: 2, message: "z gets nothing more", severity: .security),
    ])

    @Test func textHasAVerdictOneLinePerReasonAndASummary() {
        let text = GradeTextRenderer().render(Self.result)
        #expect(text == """
            not passed 3/6: 04-ci-push-pull
              work/p.json:4:5: ci cannot push: `A<B>` & "quotes" 'too'
              same reason (2 checks)
            passed 2 of 5 checks: 1 lint, 1 least-privilege

            """)
        #expect(GradeTextRenderer(colored: true).verdict(Self.result).hasPrefix("\u{1B}[1;31mnot passed\u{1B}[0m 3/6"))
    }

    @Test func jsonKeepsEveryKeyAndParses() throws {
        let json = GradeJSONRenderer().render(Self.result)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        #expect(object["score"] as? Int == 3)
        #expect(object["maxScore"] as? Int == 6)
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.count == 5)
        #expect(checks[1]["line"] as? Int == 4)
        #expect(checks[0]["file"] is NSNull)
        #expect(checks[1]["message"] as? String == "ci cannot push: `A<B>` & \"quotes\" 'too'")
    }

    @Test func junitEscapesAndCountsFailures() throws {
        let xml = JUnitRenderer().render([Self.result])
        #expect(xml.contains("<testsuites name=\"ecrlab\" tests=\"5\" failures=\"3\">"))
        #expect(xml.contains("<testcase classname=\"04-ci-push-pull.lint\" name=\"lint:noErrors\"/>"))
        #expect(xml.contains("message=\"ci cannot push: `A&lt;B&gt;` &amp; &quot;quotes&quot; &apos;too&apos;\""))
        #expect(!xml.contains("A<B>"))
        #expect(JUnitRenderer.escape("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c&#9;d")
        #expect(XMLParser(data: Data(xml.utf8)).parse(), "the report must be well-formed XML")
    }
}
