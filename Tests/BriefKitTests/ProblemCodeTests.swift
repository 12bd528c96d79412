@testable import BriefKit
@testable import BriefXML
import Testing

/// libxml2's problems are told apart by their numbers (`XMLErrorCode`), the validation phase and their details,
/// and read the same as they did when they were told apart by their English text.
@Suite struct ProblemCodeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var replace: String
        var with: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(name: "pattern (identifier)", replace: #"id="P1""#, with: #"id="P 1""#,
              message: "attribute 'id' of prisoner 'P 1' has 'P 1', which is not an identifier"),
        .init(name: "atomic type (date)", replace: #"date="2015-01-10""#, with: #"date="2015-02-30""#,
              message: "attribute 'date' of <status> of prisoner 'P1' has '2015-02-30', which is not a valid date (YYYY-MM-DD)"),
        .init(name: "atomic type (year, element text)", replace: "<born>1970</born>", with: "<born>19x0</born>",
              message: "<born> of prisoner 'P1' has '19x0', which is not a valid year (YYYY)"),
        .init(name: "enumeration", replace: #"value="released""#, with: #"value="freed""#,
              message: "attribute 'value' of <status> of prisoner 'P1' has 'freed', which is not one of: detained, released, unconfirmed, rearrested, exiled, deceased, unknown"),
        .init(name: "maxInclusive", replace: #"committed="1""#, with: #"committed="9223372036854775808""#,
              message: "attribute 'committed' of <agreement> has '9223372036854775808', which is larger than 9223372036854775807, the largest number brief reads"),
        .init(name: "minLength", replace: #"<name marking="committee">Ana Pérez</name>"#, with: "<name></name>",
              message: "<name> of prisoner 'P1' is empty"),
        .init(name: "required attribute", replace: #"<prisoner id="P1" list="agreed""#, with: #"<prisoner id="P1""#,
              message: "prisoner 'P1' has no 'list' attribute, which is required"),
        .init(name: "attribute not declared", replace: #"list="agreed""#, with: #"list="agreed" foo="1""#,
              message: "prisoner 'P1' cannot have attribute 'foo'"),
        .init(name: "attribute on a simple type", replace: "<born>1970</born>", with: #"<born x="1">1970</born>"#,
              message: "<born> of prisoner 'P1' cannot have attribute 'x'"),
        .init(name: "element content, at a start", replace: "<born>1970</born>", with: "<born>1970</born><bogus/>",
              message: "<bogus> of prisoner 'P1' is not expected here; expected one of <province>, <affiliation>, <detention>, <status>"),
        .init(name: "element content, at an end", replace: #"<status value="released" date="2015-01-10" source="usg"/>"#, with: "",
              message: "prisoner 'P1' has no <status>, which is required"),
        .init(name: "text in element-only content", replace: #"<detention arrested="2012-03-01"/>"#,
              with: #"<detention arrested="2012-03-01">stray<charge>x</charge></detention>"#,
              message: "<detention> of prisoner 'P1' cannot contain text, only elements"),
        .init(name: "element in a simple type", replace: "<born>1970</born>", with: "<born><b>1970</b></born>",
              message: "<born> of prisoner 'P1' cannot contain elements, only text"),
        .init(name: "keyref", replace: #"source="usg"/>"#, with: #"source="nobody"/>"#,
              message: "<status> of prisoner 'P1' cites source 'nobody', which is not defined in <sources>"),
        .init(name: "character reference", replace: "<born>1970</born>", with: "<born>19&#x1;70</born>",
              message: "character reference &#1; is a character XML does not allow"),
        .init(name: "written character in an attribute", replace: #"arrested="2012-03-01""#, with: "arrested=\"2012-03\u{1}-01\"",
              message: "character U+0001 is not allowed in XML"),
        .init(name: "content after the root", replace: "</prisonerList>", with: "</prisonerList><x/>",
              message: "there is content after the root element ends"),
    ]

    @Test(arguments: cases)
    func aProblemReadsAsItsCodeSays(_ example: Case) throws {
        let xml = listXML()
        #expect(xml.contains(example.replace))
        let result = check(xml.replacingOccurrences(of: example.replace, with: example.with))
        let messages = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(messages.contains(example.message), "\(messages)")
    }

    @Test func aDuplicateIDIsNamedOnce() throws {
        let second = defaultPrisoner.replacingOccurrences(of: "Ana Pérez", with: "Eva Ruiz")
        let result = check(listXML(prisoners: defaultPrisoner + second))
        let messages = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(messages == ["prisoner 'P1' repeats id 'P1', which must be unique in the list"])
    }

    @Test func bytesThatAreNotUTF8AreShownFromTheText() throws {
        var bytes = Array(listXML().utf8)
        let title = try #require(listXML().utf8.firstRange(of: "Test list".utf8))
        bytes.insert(0xFF, at: listXML().utf8.distance(from: listXML().utf8.startIndex, to: title.lowerBound))
        let result = check(bytes: bytes)
        let first = try #require(result.diagnostics.first)
        #expect(first.message.hasPrefix("the text is not valid UTF-8 (bytes 0xFF"), "\(first.message)")
    }

    @Test func anAttributeValueCutByTheEndIsNotClosed() throws {
        let xml = listXML()
        let cut = try #require(xml.range(of: #"arrested="2012"#))
        let first = try #require(check(String(xml[..<cut.upperBound])).diagnostics.first)
        #expect(first.message == "an attribute value is not closed (' expected)")
    }

    @Test func keySequencesAreReadFromDetails() {
        #expect(XMLProblem.keySequence("['CU-019']") == ["CU-019"])
        #expect(XMLProblem.keySequence("['a', 'b']") == ["a", "b"])
        #expect(XMLProblem.keySequence("['']") == [""])
        #expect(XMLProblem.keySequence("@id") == nil)
    }
}
