@testable import BriefKit
import BriefXML
import Foundation
import Testing

/// Every refused construct of the hostile corpus gives its exact diagnostic, and nothing of it is used.
@Suite struct ReadingTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        var file: String
        var rule: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { file }
    }

    static let corpus: [Expectation] = [
        .init(file: "billion-laughs.xml", rule: "doctype", line: 2, column: 1, message: "the document has a DOCTYPE declaration; DTDs and entities are not accepted"),
        .init(file: "quadratic-blowup.xml", rule: "doctype", line: 2, column: 1, message: "the document has a DOCTYPE declaration"),
        .init(file: "external-entity-file.xml", rule: "doctype", line: 2, column: 1, message: "DOCTYPE"),
        .init(file: "external-entity-loopback.xml", rule: "doctype", line: 2, column: 1, message: "DOCTYPE"),
        .init(file: "parameter-entity.xml", rule: "doctype", line: 2, column: 1, message: "DOCTYPE"),
        .init(file: "external-dtd.xml", rule: "doctype", line: 2, column: 1, message: "DOCTYPE"),
        .init(file: "doctype-after-comment.xml", rule: "doctype", line: 3, column: 1, message: "DOCTYPE"),
        .init(file: "undefined-entity.xml", rule: "xml", line: 6, column: 47, message: "entity 'nbsp' not defined"),
        .init(file: "truncated.xml", rule: "xml", line: 6, column: 75, message: "expected"),
        .init(file: "empty.xml", rule: "xml", line: 1, column: 1, message: "the document is empty"),
        .init(file: "invalid-utf8.xml", rule: "xml", line: 6, column: 44, message: "the text is not valid UTF-8 (bytes 0xC3 0x28)"),
        .init(file: "overlong-utf8.xml", rule: "xml", line: 6, column: 42, message: "the text is not valid UTF-8 (bytes 0xC0 0xAF)"),
        .init(file: "nul-character.xml", rule: "xml", line: 6, column: 42, message: "character U+0000 is not allowed in XML"),
        .init(file: "control-character.xml", rule: "xml", line: 6, column: 48, message: "character reference &#27;"),
        .init(file: "latin1-declared.xml", rule: "xml", line: 1, column: 21, message: "encoding 'ISO-8859-1' is not accepted"),
        .init(file: "unknown-encoding.xml", rule: "xml", line: 1, column: 21, message: "encoding 'X-NO-SUCH' is not accepted"),
        .init(file: "utf16-no-bom.xml", rule: "xml", line: 1, column: 1, message: "without a byte-order mark is not accepted"),
        .init(file: "utf16-declared-on-utf8.xml", rule: "xml", line: 1, column: 21, message: "declared 'UTF-16' but its bytes are UTF-8"),
        .init(file: "xinclude.xml", rule: "schema", line: 6, column: 35, message: "<name> of prisoner 'P1'"),
        .init(file: "schema-location.xml", rule: "schema", line: 3, column: 25, message: "<unexpected> is not expected here; expected <submitter>"),
    ]

    @Test(arguments: corpus)
    func hostileFileIsRefusedWithItsDiagnostic(_ expected: Expectation) throws {
        let path = Repository.fixture("hostile/" + expected.file)
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
        let result = try validator.check(path: path)
        let first = try #require(result.diagnostics.first)
        #expect(first.rule.rawValue == expected.rule)
        #expect(first.severity == .error)
        #expect(first.line == expected.line)
        #expect(first.column == expected.column)
        #expect(first.message.contains(expected.message), "\(first.message)")
        #expect(result.list == nil)
        // Nothing from outside the file reached the message: the entity files point at /etc/hostname.
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if hostname.count > 3 {
            #expect(!result.diagnostics.contains { $0.message.contains(hostname) })
        }
    }

    @Test func anElementInsideATextElementIsReportedAgainstItsParent() throws {
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
        let result = try validator.check(path: Repository.fixture("hostile/xinclude.xml"))
        let content = try #require(result.diagnostics.first { $0.message.contains("cannot contain elements") })
        #expect(content.message == "<name> of prisoner 'P1' cannot contain elements, only text")
        #expect((content.line, content.column) == (6, 41), "at the XInclude element")
    }

    @Test func aForeignElementIsNamedWithItsNamespace() throws {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed">
            <name>Ana</name>
            <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="other.xml"/>
            <status value="released" date="2015-01-10" source="usg"/>
          </prisoner>
        """))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.hasPrefix("<include> (namespace 'http://www.w3.org/2001/XInclude') in prisoner 'P1' is not expected here"))
    }

    @Test(arguments: ["utf16-le-bom.xml", "utf16-be-bom.xml", "utf8-bom.xml"])
    func acceptedEncodingsReadTheSameText(_ file: String) throws {
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(jobs: 1))
        let result = try validator.check(path: Repository.fixture("hostile/" + file))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let list = try #require(result.list)
        #expect(list.prisoners.first?.name.text.hasPrefix("José") == true)
    }

    @Test func overDeepNestingIsRefusedAtTheLimit() throws {
        let depth = 100_000
        let xml = "<prisonerList xmlns=\"urn:oversight:prisoner-list:1\">" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</prisonerList>"
        let result = check(xml)
        let first = try #require(result.diagnostics.first { $0.rule == .xml })
        #expect(first.message == "elements are nested more than 64 deep")
        #expect(first.line == 1)
        #expect(first.column == 52 + 63 * 3 + 1)
    }

    @Test func schemaErrorsStopAtTheLimitWithOneThatCountsTheRest() throws {
        // 20,000 unknown attributes on one line: one error each, and each a position on a long line.
        let attributes = (0..<20_000).map { " a\($0)=\"1\"" }.joined()
        let result = check(listXML().replacingOccurrences(of: "<title>", with: "<title\(attributes)>"))
        #expect(result.diagnostics.count == 101)
        let last = try #require(result.diagnostics.last)
        #expect(last.message == "19900 more schema errors from here on are not shown (the first 100 are)")
        #expect(result.diagnostics.dropLast().allSatisfy { $0.message.hasPrefix("<title> cannot have attribute 'a") })
        #expect((last.sourceLine?.unicodeScalars.count ?? 0) <= 160, "snippets of long lines are cut")
    }

    @Test(arguments: ["9223372036854775808", "99999999999999999999999999"])
    func aNumberTooLargeToCountWithIsRefused(_ value: String) throws {
        // Read as an Int it would silently become 0; it is refused instead.
        let result = check(listXML().replacingOccurrences(of: "revision=\"2\"", with: "revision=\"\(value)\""))
        let error = try #require(result.diagnostics.first)
        #expect(error.rule == .schema)
        #expect(error.message.hasPrefix("attribute 'revision' of <prisonerList> has '\(value)', which is"))
        #expect(error.message.contains("9223372036854775807"))
        #expect(result.list == nil)
    }

    @Test func aMissingRequiredElementIsNamed() throws {
        // libxml2 lists every element that may come next after <name>, optional ones too.
        let result = check(listXML(prisoners: #"<prisoner id="P1" list="agreed"><name>Ana</name></prisoner>"#))
        let error = try #require(result.diagnostics.first)
        #expect(error.message == "prisoner 'P1' has no <status>, which is required")
    }

    @Test func namespacedAttributesAreNamedWithTheirNamespace() throws {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed" xml:lang="es" xmlns:z="urn:z" z:foo="1"><name>Ana</name>
            <status value="released" date="2015-01-10" source="usg"/></prisoner>
        """))
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains("prisoner 'P1' cannot have attribute 'xml:lang'"))
        #expect(messages.contains("prisoner 'P1' cannot have attribute 'foo' (namespace 'urn:z')"))
    }

    @Test func aRawControlCharacterIsNamedByItsCodePoint() throws {
        let result = check(listXML().replacingOccurrences(of: "Test office", with: "Test\u{1B}office"))
        let error = try #require(result.diagnostics.first)
        #expect(error.message == "character U+001B is not allowed in XML")
    }

    @Test func aPipeIsNotReadAsAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brief-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("list.xml").path
        #expect(mkfifo(pipe, 0o600) == 0)
        // Opening a FIFO for reading would wait for a writer forever; it is refused at once instead.
        #expect(throws: InputError.self) { try DocumentReader.readBytes(at: pipe, limit: 1 << 20) }
        let located = InputStore.fileSystem.locate("list.xml", besideManifestAt: folder.appendingPathComponent("brief.xml").path)
        #expect(located == .failure(.notRegular("list.xml")), "a manifest may not name a pipe")
    }

    @Test func oversizeInputIsRefusedBeforeParsing() throws {
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(limits: XMLLimits(maxBytes: 100), jobs: 1))
        let result = validator.check(validator.reader.read(bytes: Array(listXML().utf8), path: "big.xml"))
        let first = try #require(result.diagnostics.first)
        #expect(first.rule == .xml)
        #expect(first.message.contains("larger than the limit of 100 bytes"))
    }

    @Test func overlongTextIsRefused() throws {
        let huge = String(repeating: "N", count: 2 << 20)
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed"><name>\(huge)</name><status value="released" date="2015-01-10" source="usg"/></prisoner>
        """))
        let first = try #require(result.diagnostics.first)
        #expect(first.rule == .xml)
        #expect(first.message.contains("longer than the limit"))
        #expect(first.message.count < 500)
        #expect((first.sourceLine?.count ?? 0) <= 200, "snippets are bounded")
    }

    @Test func overlongAttributeIsRefused() throws {
        let huge = String(repeating: "x", count: 2 << 20)
        let result = check(listXML(prisoners: """
          <prisoner id="\(huge)" list="agreed"><name>A</name><status value="released" date="2015-01-10" source="usg"/></prisoner>
        """))
        let first = try #require(result.diagnostics.first)
        #expect(first.rule == .xml)
        #expect(first.message.contains("attribute 'id'"))
    }

    @Test func textSplitByCommentsIsJoined() throws {
        let result = check(listXML(prisoners: """
          <prisoner id="P1" list="agreed"><name>Ana <!-- c -->Pérez &amp; <![CDATA[<hija>]]></name><status value="released" date="2015-01-10" source="usg"/></prisoner>
        """))
        #expect(result.list?.prisoners.first?.name.text == "Ana Pérez & <hija>")
    }

    @Test func unknownRootIsReportedAtTheRoot() throws {
        let result = check("<?xml version=\"1.0\"?>\n<list xmlns=\"urn:other\"/>\n")
        let first = try #require(result.diagnostics.first)
        #expect(first.rule == .schema)
        #expect((first.line, first.column) == (2, 1))
        #expect(first.message.contains("'list' in namespace 'urn:other'"))
    }

    @Test func schemaErrorsNamePrisonerAndPointAtTheElement() throws {
        let result = check(listXML(prisoners: """
          <prisoner id="CU-017" list="agreed">
            <status value="released" date="2015-01-10" source="usg"/>
          </prisoner>
          <prisoner id="CU-018" list="agreed"><name>B</name><status value="freed" date="2015-01-10" source="usg"/></prisoner>
          <prisoner id="CU-019" list="agreed"><name>C</name><status value="released" date="2015-01-10" source="nobody"/></prisoner>
        """))
        let messages = result.diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(messages.contains("9:5 <status> of prisoner 'CU-017' is not expected here; expected <name>"), "\(messages)")
        #expect(messages.contains("11:61 attribute 'value' of <status> of prisoner 'CU-018' has 'freed', which is not one of: detained, released, unconfirmed, rearrested, exiled, deceased, unknown"), "\(messages)")
        #expect(messages.contains("12:96 <status> of prisoner 'CU-019' cites source 'nobody', which is not defined in <sources>"), "\(messages)")
        #expect(result.diagnostics.allSatisfy { $0.rule == .schema && !$0.message.contains("{urn:") })
    }

    @Test func duplicateIdsArePointedAtTheSecond() throws {
        let result = check(listXML(agreement: "", prisoners: """
          <prisoner id="P1" list="agreed"><name>A</name><status value="released" date="2015-01-10" source="usg"/></prisoner>
          <prisoner id="P1" list="agreed"><name>B</name><status value="released" date="2015-01-10" source="ngo"/></prisoner>
        """))
        let first = try #require(result.diagnostics.first)
        #expect(first.message == "prisoner 'P1' repeats id 'P1', which must be unique in the list")
        #expect((first.line, first.column) == (9, 13))
    }

    @Test func effectiveMarkingsFollowFormat() throws {
        let result = check(listXML(sources: #"<source id="usg" kind="government" marking="public">US</source><source id="ngo" kind="ngo" marking="restricted">NGO</source>"#,
                                   counts: "", prisoners: """
          <prisoner id="P1" list="agreed" marking="public">
            <name>A</name><alias marking="committee">Al</alias>
            <status value="released" date="2015-01-10" source="usg"/>
            <status value="released" date="2015-01-11" source="ngo"/>
          </prisoner>
          <prisoner id="P2" list="agreed"><name>B</name><status value="released" date="2015-01-10" source="usg"/></prisoner>
        """).replacingOccurrences(of: "committed=\"1\"", with: "committed=\"2\""))
        let list = try #require(result.list, "\(result.diagnostics)")
        let p1 = list.prisoners[0], p2 = list.prisoners[1]
        #expect(p1.marking == .public)
        #expect(p1.name.marking == .public)
        #expect(p1.aliases[0].marking == .committee)
        #expect(p1.statuses[0].marking == .public)
        #expect(p1.statuses[1].marking == .restricted, "a claim is as restricted as its source")
        #expect(p2.marking == .committee, "the root's marking is the default")
        #expect(list.sources[0].marking == .public)
    }
}

/// libxml2 hands `&amp;` in attribute values over as `&#38;`; the reader must give back `&`.
@Suite struct AttributeDecodingTests {
    @Test func ampersandsInAttributesAreDecoded() throws {
        let result = check(listXML(sources: #"<source id="usg" kind="government" href="https://example.org/a?x=1&amp;y=2&#38;z=3" marking="public">US &amp; allies</source><source id="ngo" kind="ngo" marking="public">Dissidents</source>"#,
                                   prisoners: """
          <prisoner id="P1" list="agreed"><name>Ana</name><detention facility="Block A &amp; B"/><status value="released" date="2015-01-10" source="usg"/></prisoner>
        """))
        let list = try #require(result.list, "\(result.diagnostics)")
        #expect(list.sources[0].href == "https://example.org/a?x=1&y=2&z=3")
        #expect(list.sources[0].description == "US & allies")
        #expect(list.prisoners[0].detention?.facility == "Block A & B")
    }
}
