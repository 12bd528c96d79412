@testable import BriefKit
import Testing

/// The rules run again on an edition (`Briefing.editionDiagnostics`) compare only what the edition shows: a
/// withheld value is no value, and two withheld names are not one name (docs/briefing.md, "Editions").
@Suite struct EditionRuleTests {
    static func briefing(_ xml: String, audience: Marking, rules: RuleSettings = RuleSettings()) throws -> Briefing {
        let store = InputStore.memory(["list.xml": Array(xml.utf8)])
        let validator = Validator(schemas: sharedSchemas, options: ValidationOptions(rules: rules, jobs: 1))
        let inputs = try BriefInputs.resolve(path: "list.xml", in: store, validator: validator)
        #expect(!inputs.hasErrors, "\(inputs.report.files.flatMap(\.diagnostics))")
        return try Briefing.make(inputs: inputs, audience: audience, date: nil)
    }

    static func record(_ id: String, name: String, born: Int, nameMarking: String = "committee") -> String {
        """
          <prisoner id="\(id)" list="agreed" marking="public"><name marking="\(nameMarking)">\(name)</name><born>\(born)</born>
            <status value="released" date="2015-01-10" source="usg"/></prisoner>
        """
    }

    /// The attack of issue 12's item 13: the public JSON said "prisoner 'P-3' has the same name and born 1971 as
    /// prisoner 'P-2'" of two different names, both withheld (both empty in the edition).
    @Test func twoWithheldNamesAreNotTheSameName() throws {
        let xml = listXML(rootMarking: "public", prisoners: Self.record("P-2", name: "Ana Pérez", born: 1971)
                          + Self.record("P-3", name: "Eva Ruiz", born: 1971))
        for audience in Marking.allCases {
            let briefing = try Self.briefing(xml, audience: audience)
            #expect(!briefing.diagnostics.contains { $0.rule == .duplicatePerson }, "\(audience): \(briefing.diagnostics.map(\.message))")
            #expect(!JSONWriter().render(briefing.export).contains("same name"), "\(audience)")
        }
    }

    /// The same name twice is reported where the names are shown, and only there: the public edition would say
    /// that two withheld names are one.
    @Test func aDuplicateIsReportedOnlyWhereItsNamesAreShown() throws {
        let xml = listXML(rootMarking: "public", prisoners: Self.record("P-2", name: "Ana Pérez", born: 1971)
                          + Self.record("P-3", name: "Ana Perez", born: 1971))
        let committee = try Self.briefing(xml, audience: .committee)
        #expect(committee.diagnostics.map(\.message) == ["prisoner 'P-3' has the same name and born 1971 as prisoner 'P-2'"])
        let publicEdition = try Self.briefing(xml, audience: .public)
        #expect(!publicEdition.diagnostics.contains { $0.rule == .duplicatePerson })
        // A shown name is not compared with a withheld one either.
        let mixed = listXML(rootMarking: "public", prisoners: Self.record("P-2", name: "Ana Pérez", born: 1971, nameMarking: "public")
                            + Self.record("P-3", name: "Ana Perez", born: 1971))
        #expect(!(try Self.briefing(mixed, audience: .public)).diagnostics.contains { $0.rule == .duplicatePerson })
        #expect((try Self.briefing(mixed, audience: .committee)).diagnostics.contains { $0.rule == .duplicatePerson })
    }

    /// No edition rule speaks of a value the edition withholds: an arrest date, a birth year or a condition's text
    /// withheld with the name (item 14) is not compared with anything either.
    @Test func noEditionRuleComparesAnIdentifyingDetailWithheldWithTheName() throws {
        let prisoners = """
          <prisoner id="P-1" list="agreed" marking="public"><name marking="committee">Ana Pérez</name><born>2016</born>
            <detention arrested="2015-01-12"/>
            <status value="released" date="2015-01-10" source="usg"/></prisoner>
        """
        let xml = listXML(rootMarking: "public", prisoners: prisoners)
        // Errors stop a build: made warnings, they are reported in the edition that shows what they compare.
        var rules = RuleSettings()
        try rules.apply("date-order=warning")
        try rules.apply("future-date=warning")
        let committee = try Self.briefing(xml, audience: .committee, rules: rules)
        #expect(Set(committee.diagnostics.map(\.rule)) == [.dateOrder, .futureDate], "\(committee.diagnostics.map(\.message))")
        let publicEdition = try Self.briefing(xml, audience: .public, rules: rules)
        #expect(publicEdition.diagnostics.isEmpty, "\(publicEdition.diagnostics.map(\.message))")
    }
}
